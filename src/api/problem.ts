import { z } from 'zod';
import { assertNever, type DomainError } from '../domain/shared/index.js';
import { isUnavailable } from '../store/errors.js';
import type { StoreError } from '../store/eventStore.js';
import { fieldErrors, type HttpError, isHttpError, Refusal } from './errors.js';
import { fromExpress } from './expressErrors.js';
import { domainStatus, problemType, titleOf } from './problemTypes.js';

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

type Classified =
  | { kind: 'http'; error: HttpError }
  | { kind: 'validation'; error: z.ZodError }
  | { kind: 'store'; error: StoreError }
  | { kind: 'domain'; error: DomainError }
  | { kind: 'bug'; error: unknown };

const isCoded = (e: unknown): e is { code: string; message: string } =>
  typeof e === 'object' && e !== null &&
  typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';

const classify = (error: unknown): Classified => {
  if (error instanceof Refusal) return { kind: 'http', error: error.error };
  if (error instanceof z.ZodError) return { kind: 'validation', error };
  const shellError = fromExpress(error);
  if (shellError) return { kind: 'http', error: shellError };
  // A driver error that reached the shell unconverted (a view's query, a wait): the database is away.
  if (isUnavailable(error)) return { kind: 'store', error: { code: 'StoreUnavailable', message: String((error as Error).message) } };
  if (error instanceof Error && !isCoded(error)) return { kind: 'bug', error };
  if (isHttpError(error)) return { kind: 'http', error };
  if (isCoded(error) && Object.hasOwn(storeCodes, error.code)) return { kind: 'store', error: error as StoreError };
  if (isCoded(error) && !(error instanceof Error)) return { kind: 'domain', error };
  return { kind: 'bug', error };
};

/** The steps a refusal names as the ones allowed next (a complaint's StepOutOfOrder), so that a client can offer them. */
const allowedStepsOf = (e: DomainError): readonly string[] | undefined => {
  const steps = (e as { allowedSteps?: unknown }).allowedSteps;
  return Array.isArray(steps) && steps.every((s) => typeof s === 'string') ? steps : undefined;
};

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
      return answer(503, e.code, 'the event store is unavailable; retry shortly', { headers: { 'Retry-After': '5' } });
    case 'UnknownEventType':
    case 'InvalidStreamId':
      return internal();
    default:
      return assertNever(e);
  }
};

/** The one mapping from anything a request can end with to the problem it answers. */
export const toProblem = (error: unknown): ProblemAnswer => {
  const c = classify(error);
  switch (c.kind) {
    case 'http':
      return fromHttp(c.error);
    case 'validation': {
      const errors = fieldErrors(c.error, '');
      return answer(400, 'RequestInvalid', `${errors.length} inputs are invalid`, { errors });
    }
    case 'store':
      return fromStore(c.error);
    case 'domain':
      return answer(domainStatus(c.error.code), c.error.code, c.error.message, { allowedSteps: allowedStepsOf(c.error) });
    case 'bug':
      return internal();
    default:
      return assertNever(c);
  }
};
