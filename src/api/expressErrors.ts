import { type HttpError, requestInvalid } from './errors.js';

/**
 * Errors express and its body parser raise for bad input, as our refusals. They come
 * as `http-errors` objects: a 4xx `status` and, from the body parser, a `type` naming
 * the failure. Anything else is not the client's fault and is left to `toProblem`.
 */
type ShellError = { status?: unknown; statusCode?: unknown; type?: unknown; limit?: unknown; message?: unknown };

export const fromExpress = (error: unknown): HttpError | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as ShellError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (status < 400 || status >= 500) return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return { code: 'MalformedJson', message: `the body is not valid JSON: ${String(e.message)}` };
    case 'entity.too.large':
      return {
        code: 'PayloadTooLarge',
        message: `the body is larger than the ${String(e.limit)} bytes accepted`,
        limit: typeof e.limit === 'number' ? e.limit : 0,
      };
    case 'encoding.unsupported':
      return { code: 'UnsupportedMediaType', message: 'the body is in a content encoding this API does not read (identity, gzip, deflate or br)' };
    case 'charset.unsupported':
      return { code: 'UnsupportedMediaType', message: 'JSON bodies are UTF-8 (RFC 8259)' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { code: 'MalformedJson', message: 'the body ended before its announced length' };
    default:
      // The router's refusal of a path segment that is not valid percent-encoding.
      if (error instanceof URIError) return requestInvalid([{ path: 'params', message: 'not valid percent-encoding' }]);
      return requestInvalid([{ path: 'request', message: typeof e.message === 'string' ? e.message : 'bad request' }]);
  }
};
