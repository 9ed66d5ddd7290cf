import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { ExpectedVersion, StoreError } from '../store/eventStore.js';
import { type HttpError, requestInvalid } from './errors.js';

/**
 * ETags are aggregate versions (the stream's version): `ETag: "7"`. A state-changing
 * request may send `If-Match: "7"` to change only what it read; `If-Match: *` means
 * "only if it exists". A stale tag answers 412.
 */
export const etagOf = (version: number): string => `"${version}"`;

const strongTag = /^"(\d{1,9})"$/;

/** The version `If-Match` expects, `undefined` without the header; malformed → 400. */
export const parseIfMatch = (header: string | undefined): E.Either<HttpError, ExpectedVersion | undefined> => {
  const value = header?.trim();
  if (value === undefined || value === '') return E.right(undefined);
  if (value === '*') return E.right('streamExists');
  const match = strongTag.exec(value);
  if (match) return E.right(Number(match[1]));
  const message = value.startsWith('W/')
    ? 'a weak tag never matches (RFC 9110 §13.1.1): send the ETag as it was given, e.g. "7"'
    : 'one ETag as it was given, e.g. "7" (with the quotes), or *';
  return E.left(requestInvalid([{ path: 'headers.if-match', message }]));
};

/** Does `If-Match` hold for the version just read? Stale → 412 naming both versions. */
export const checkIfMatch = (expected: ExpectedVersion | undefined, actual: number): E.Either<HttpError, number> => {
  if (expected === undefined || expected === 'any') return E.right(actual);
  const holds =
    expected === 'streamExists' ? actual > 0 : expected === 'noStream' ? actual === 0 : expected === actual;
  return holds
    ? E.right(actual)
    : E.left({
        code: 'PreconditionFailed',
        message:
          typeof expected === 'number'
            ? `If-Match ${etagOf(expected)} is stale: it is now at version ${actual}; read it again`
            : 'If-Match: * but it does not exist',
        current: actual,
      });
};

/** Does `If-None-Match` name this version? Then a GET may answer 304. */
export const ifNoneMatchHolds = (header: string | undefined, version: number): boolean => {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const tag = etagOf(version);
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
};

/**
 * `If-Match` as the app services take it (the version the client read). `*` only asks
 * that the stream exist, which is checked here; the services then append at whatever
 * version they read.
 */
export const expectedVersion = (
  ifMatch: ExpectedVersion | undefined,
  current: () => TE.TaskEither<StoreError, number>,
): TE.TaskEither<HttpError | StoreError, number | undefined> => {
  if (ifMatch === undefined || ifMatch === 'any') return TE.right(undefined);
  if (typeof ifMatch === 'number') return TE.right(ifMatch);
  return pipe(
    current(),
    TE.flatMapEither((version): ReturnType<typeof checkIfMatch> => checkIfMatch(ifMatch, version)),
    TE.map(() => undefined),
  );
};

/** The expected version as the app services' options take it: absent when the client named none. */
export const withExpected = (expected: number | undefined): { expectedVersion?: number } =>
  expected === undefined ? {} : { expectedVersion: expected };
