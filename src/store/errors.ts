import type { ExpectedVersion, StoreError } from './eventStore.js';

type PgError = { code?: string; message?: string; detail?: string };

const connectionCodes = /^(08|57P0|53)/;
const connectionErrno = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// The driver's own words for a connection that is gone or never came (pg and pg-pool
// raise these without a code), and its client-side query timeout.
const connectionMessages = /terminated|closed|not queryable|Connection ended|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i;

/**
 * The database is away or too slow to answer (a lost connection, a refused one, a
 * timeout, a server shutting down or out of connections): the request may be retried,
 * it was not refused. `57014` is a statement cancelled by `statement_timeout`.
 */
export const isUnavailable = (error: unknown): boolean => {
  // Driver and socket errors are Errors; refusals (domain, store) are plain values.
  if (!(error instanceof Error)) return false;
  const e = error as PgError;
  if (typeof e.code === 'string' && (connectionCodes.test(e.code) || connectionErrno.has(e.code) || e.code === '57014')) return true;
  return typeof e.message === 'string' && connectionMessages.test(e.message);
};

/**
 * Driver errors the store expects, as typed values. Anything else is a bug and is
 * rethrown, to be logged and answered as one.
 */
export const toStoreError = (error: unknown): StoreError => {
  const e = (error ?? {}) as PgError;
  if (e.code === 'CL001') {
    const d = JSON.parse(e.detail ?? '{}') as { streamId: string; expected: string; actual: number };
    const expected: ExpectedVersion = /^\d+$/.test(d.expected) ? Number(d.expected) : (d.expected as ExpectedVersion);
    return {
      code: 'VersionConflict',
      message: `stream ${d.streamId} is at version ${d.actual}, expected ${d.expected}`,
      streamId: d.streamId,
      expected,
      actual: d.actual,
    };
  }
  if (e.code === 'CL002') return { code: 'DuplicateEventId', message: `event id ${e.detail} is already stored by another append`, eventId: e.detail ?? '' };
  // Text PostgreSQL cannot store (a NUL character, an invalid byte sequence): bad input, not a bug.
  if (e.code === '22P05' || e.code === '22021') {
    return { code: 'InvalidEvent', message: `text the database cannot store: ${e.message ?? e.code}`, path: [], eventType: '' };
  }
  if (isUnavailable(error)) {
    return { code: 'StoreUnavailable', message: `the event store is unavailable: ${e.message ?? e.code}` };
  }
  throw error;
};
