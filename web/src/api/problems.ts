import { useLanguage } from '../i18n/language.js';
import { problemText } from './problemMessages.js';
import type { components } from './schema.js';

export type Problem = components['schemas']['Problem'];

/** A refusal from the API, as an Error that TanStack Query carries to the screen. */
export class ApiProblem extends Error {
  constructor(readonly problem: Partial<Problem> & { status: number }) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer and its ETag (the version a later write names in If-Match); a refusal throws ApiProblem. */
export const answered = async <T>(call: Promise<Answer<T>>): Promise<{ data: T; etag: string | null }> => {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    const problem = (error && typeof error === 'object' ? error : {}) as Partial<Problem>;
    throw new ApiProblem({ ...problem, status: response.status });
  }
  return { data, etag: response.headers.get('ETag') };
};

/** The data alone. */
export const dataOf = async <T>(call: Promise<Answer<T>>): Promise<T> => (await answered(call)).data;

/** How a failure reads to the user: the refusal in Chinese (or English), each invalid field named, or "the server cannot be reached". */
export const useProblemText = () => {
  const { language, messages } = useLanguage();
  return (error: unknown): string => {
    if (error instanceof ApiProblem) {
      const text = problemText(error.problem, language);
      const fields = (error.problem.errors ?? []).map((e) => `${e.path}: ${e.message}`);
      return fields.length > 0 ? `${text}（${fields.join('；')}）` : text;
    }
    if (error instanceof TypeError) return messages.problems.network;
    return error instanceof Error ? error.message : messages.problems.generic;
  };
};
