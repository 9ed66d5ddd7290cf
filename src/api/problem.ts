import { z } from 'zod';
import type { AppError, AppRefusal } from '../app/errors.js';
import { assertNever } from '../domain/shared/index.js';
import { isUnavailable } from '../store/errors.js';
import type { StoreError } from '../store/eventStore.js';
import { type ApiError, fieldErrors, type HttpError, isHttpError, Refusal } from './errors.js';
import { fromExpress } from './expressErrors.js';
import { problemType, refusalStatus, titleOf } from './problemTypes.js';

/**
 * RFC 9457 problem details, the one shape of every error this API answers.
 * `code` (an extension member) repeats the fact's name for clients that branch on it;
 * `requestId` ties the answer to the server's log lines.
 */
export const Problem = z
  .object({
    type: z.string().meta({ description: 'URI naming the problem type (see problemTypes.ts)' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'the request path this occurrence is about' }),
    requestId: z.string(),
    code: z.string().meta({ description: 'the refusal as a name, e.g. PeriodIsFrozen' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'for invalid input: each failing input, e.g. body.contacts[0].email' }),
    allowedSteps: z
      .array(z.string())
      .optional()
      .meta({ description: 'for StepOutOfOrder on a complaint: the steps its current state takes next' }),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export type ProblemAnswer = {
  status: number;
  /** The document without `instance` and `requestId`, which the request supplies. */
  body: Omit<Problem, 'instance' | 'requestId'>;
  headers: Record<string, string>;
  /** A bug: log it as an error with its stack. Refusals are not logged as errors. */
  bug: boolean;
};

const storeCodes: Record<StoreError['code'], true> = {
  VersionConflict: true,
  DuplicateEventId: true,
  InvalidEvent: true,
  UnknownEventType: true,
  InvalidStreamId: true,
  MetadataInvalid: true,
  StoreUnavailable: true,
};

const retryShortly = { 'Retry-After': '5' };

const isStoreError = (e: AppError): e is StoreError => Object.hasOwn(storeCodes, e.code);

const answer = (
  status: number,
  code: string,
  detail: string,
  extra: { headers?: Record<string, string>; errors?: Problem['errors']; allowedSteps?: readonly string[]; bug?: boolean } = {},
): ProblemAnswer => ({
  status,
  body: {
    type: problemType(code),
    title: titleOf(code),
    status,
    detail,
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.allowedSteps ? { allowedSteps: [...extra.allowedSteps] } : {}),
  },
  headers: extra.headers ?? {},
  bug: extra.bug ?? false,
});

const internal = (): ProblemAnswer =>
  answer(500, 'InternalError', 'the server failed to answer this request; quote the request id when you report it', { bug: true });

const fromHttp = (e: HttpError): ProblemAnswer => {
  switch (e.code) {
    case 'RequestInvalid':
      return answer(400, e.code, e.message, { errors: e.errors });
    case 'MalformedJson':
      return answer(400, e.code, e.message, { errors: [{ path: 'body', message: e.message }] });
    case 'UnsupportedMediaType':
      return answer(415, e.code, e.message, { headers: { 'Accept-Post': 'application/json' } });
    case 'PayloadTooLarge':
      return answer(413, e.code, e.message, { errors: [{ path: 'body', message: `larger than ${e.limit} bytes` }] });
    case 'Unauthenticated': {
      // RFC 6750 §3: name the scheme; say why only when a token was sent.
      // A header value is visible ASCII: anything else in the description becomes '?'.
      const description = e.message.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
      const why = e.tokenError ? `, error="${e.tokenError}", error_description="${description}"` : '';
      return answer(401, e.code, e.message, { headers: { 'WWW-Authenticate': `Bearer realm="customer-ledger"${why}` } });
    }
    case 'NotFound':
    case 'RouteNotFound':
      return answer(404, e.code, e.message);
    case 'MethodNotAllowed':
      return answer(405, e.code, e.message, { headers: { Allow: e.allow.join(', ') } });
    case 'PreconditionFailed':
      return answer(412, e.code, e.message);
    case 'IdempotencyKeyReused':
      return answer(422, e.code, e.message);
    case 'TooManyFailedAuthentications':
      return answer(429, e.code, e.message, { headers: { 'Retry-After': String(e.retryAfterSeconds) } });
    case 'ShuttingDown':
      return answer(503, e.code, e.message, { headers: { 'Retry-After': '5', Connection: 'close' } });
    // The token may be good: it cannot be checked now (oidc.ts). Retry, do not sign in again.
    case 'IdentityProviderUnavailable':
      return answer(503, e.code, e.message, { headers: retryShortly });
    default:
      return assertNever(e);
  }
};

const fromStore = (e: StoreError): ProblemAnswer => {
  switch (e.code) {
    case 'VersionConflict':
      return answer(412, e.code, `it changed while this request was handled (now at version ${e.actual}); read it again and retry`);
    case 'DuplicateEventId':
      return answer(422, 'IdempotencyKeyReused', 'this Idempotency-Key was already used for a different request');
    case 'InvalidEvent':
      // The request passed the route's schema but not the event's: the route is too lax.
      return answer(422, e.code, e.message);
    case 'MetadataInvalid':
      return e.path[0] === 'reason' ? answer(422, 'ReasonRequired', e.message) : internal();
    case 'StoreUnavailable':
      return answer(503, e.code, 'the event store is unavailable; retry shortly', { headers: retryShortly });
    case 'UnknownEventType':
    case 'InvalidStreamId':
      return internal();
    default:
      return assertNever(e);
  }
};

const fromRefusal = (e: AppRefusal): ProblemAnswer => {
  const status = refusalStatus(e.code);
  // The server's trouble, not the request's: answered as the store's unavailability, to retry.
  if (status === 503) return answer(503, 'StoreUnavailable', e.message, { headers: retryShortly });
  return answer(status, e.code, e.message, { allowedSteps: 'allowedSteps' in e ? e.allowedSteps : undefined });
};

/** A route's refusal, typed from the domain to here: every code has its status (problemTypes.ts). */
export const problemOf = (e: ApiError): ProblemAnswer =>
  isHttpError(e) ? fromHttp(e) : isStoreError(e) ? fromStore(e) : fromRefusal(e);

/**
 * The one mapping from anything a request can end with to the problem it answers: a
 * route's typed refusal, a refusal of the HTTP shell's own middleware, invalid input,
 * or else a bug.
 */
export const toProblem = (error: unknown): ProblemAnswer => {
  if (error instanceof Refusal) return problemOf(error.error);
  if (error instanceof z.ZodError) {
    const errors = fieldErrors(error, '');
    return answer(400, 'RequestInvalid', `${errors.length} inputs are invalid`, { errors });
  }
  const shellError = fromExpress(error);
  if (shellError) return fromHttp(shellError);
  // A driver error that reached the shell unconverted (a wait, a read): the database is away.
  if (isUnavailable(error)) return fromStore({ code: 'StoreUnavailable', message: String((error as Error).message) });
  if (!(error instanceof Error) && isHttpError(error)) return fromHttp(error);
  return internal();
};
