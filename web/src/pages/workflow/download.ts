import { answered } from '../../api/problems.js';

/**
 * Saves a file the API answered (an export or a printable form) under the name the
 * server gave it (Content-Disposition, RFC 5987 for the Chinese names), else `fallback`.
 */
const saveFile = (blob: Blob, response: Response, fallback: string): void => {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallback);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/**
 * Asks the API for a file (`parseAs: 'blob'`) and saves it; a refusal throws the API's
 * problem (ApiProblem), so the screen shows its message in Chinese, not "HTTP 403".
 */
export const downloadFile = async (call: Promise<{ data?: unknown; error?: unknown; response: Response }>, fallback: string): Promise<void> => {
  const answer = await call;
  const { data } = await answered(Promise.resolve(answer));
  saveFile(data as Blob, answer.response, fallback);
};
