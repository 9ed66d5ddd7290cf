import type { z } from 'zod';
import type { AppError } from '../app/errors.js';

/**
 * The refusals the HTTP shell itself makes (before or around the domain), as values
 * like the domain's: `code` names the fact, `message` says it to a person.
 * `toProblem` (problem.ts) turns them, domain errors and store errors into responses.
 */

/** One failing input, `path` as the client wrote it: `body.contacts[0].email`, `query.limit`. */
export type FieldError = { path: string; message: string };

export type HttpError =
  | { code: 'RequestInvalid'; message: string; errors: FieldError[] }
  | { code: 'MalformedJson'; message: string }
  | { code: 'UnsupportedMediaType'; message: string }
  | { code: 'PayloadTooLarge'; message: string; limit: number }
  | { code: 'Unauthenticated'; message: string; tokenError?: 'invalid_token' | undefined }
  | { code: 'NotFound'; message: string }
  | { code: 'RouteNotFound'; message: string }
  | { code: 'MethodNotAllowed'; message: string; allow: string[] }
  | { code: 'PreconditionFailed'; message: string; current?: number | undefined }
  | { code: 'IdempotencyKeyReused'; message: string }
  | { code: 'TooManyFailedAuthentications'; message: string; retryAfterSeconds: number }
  | { code: 'ShuttingDown'; message: string }
  | { code: 'IdentityProviderUnavailable'; message: string };

export type HttpErrorCode = HttpError['code'];

/** What a route may answer instead of its reply: the shell's refusals, the use cases' refusals, the store's errors. */
export type ApiError = HttpError | AppError;

const httpCodes: Record<HttpErrorCode, true> = {
  RequestInvalid: true,
  MalformedJson: true,
  UnsupportedMediaType: true,
  PayloadTooLarge: true,
  Unauthenticated: true,
  NotFound: true,
  RouteNotFound: true,
  MethodNotAllowed: true,
  PreconditionFailed: true,
  IdempotencyKeyReused: true,
  TooManyFailedAuthentications: true,
  ShuttingDown: true,
  IdentityProviderUnavailable: true,
};

export const isHttpError = (e: unknown): e is HttpError =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' &&
  Object.hasOwn(httpCodes, (e as { code: string }).code);

export const requestInvalid = (errors: FieldError[]): HttpError => ({
  code: 'RequestInvalid',
  message: errors.length === 1 ? `${errors[0]!.path}: ${errors[0]!.message}` : `${errors.length} inputs are invalid`,
  errors,
});

export const notFound = (what: string): HttpError => ({ code: 'NotFound', message: `${what} does not exist` });

/**
 * A typed refusal on its way through express (`next(new Refusal(e))`): the route
 * handler wraps its `Left` in it, so that `toProblem` maps it by its type, not by its shape.
 */
export class Refusal extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['contacts', 0, 'email']` under `body` → `body.contacts[0].email`. */
export const formatPath = (prefix: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    if (!identifier.test(name)) return `${acc}[${JSON.stringify(name)}]`;
    return acc === '' ? name : `${acc}.${name}`;
  }, prefix);

/**
 * zod's issues as field errors. An unknown field is named by its own path (zod
 * reports it on the enclosing object), so the client sees which key to drop.
 */
export const fieldErrors = (error: z.ZodError, prefix: string): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath(prefix, [...issue.path, key]), message: 'unknown field' }))
      : [{ path: formatPath(prefix, issue.path), message: issue.message }],
  );
