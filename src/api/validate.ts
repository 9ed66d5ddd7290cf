import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { fieldErrors, type FieldError, type HttpError, requestInvalid } from './errors.js';
import { textFaults } from './textGate.js';

/**
 * The parts of a request a route declares, each a zod schema (made strict by the
 * route helper). A part the route does not declare must be empty: `?foo=1` on a route
 * without query parameters is an unknown field, not something ignored.
 */
export type RequestSchemas = {
  params?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
};

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export type ParsedRequest<S extends RequestSchemas> = {
  params: Out<S['params']>;
  query: Out<S['query']>;
  body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
};

const nothing = z.strictObject({});

/** No body at all (`undefined`) and the empty JSON object are both "no body". */
const noBody = z.union([z.undefined(), nothing]);

const parsePart = (schema: z.ZodType, value: unknown, prefix: string): E.Either<FieldError[], unknown> => {
  const result = schema.safeParse(value);
  return result.success ? E.right(result.data) : E.left(fieldErrors(result.error, prefix));
};

/**
 * Parses params, query and body; every failing input of all three is reported at
 * once, with its path (`params.id`, `query.limit`, `body.contacts[0].email`). Text
 * that is not text (textGate.ts) is refused first, whatever the route's schemas say.
 */
export const parseRequest = <S extends RequestSchemas>(
  schemas: S,
  req: { params: unknown; query: unknown; body: unknown },
): E.Either<HttpError, ParsedRequest<S>> => {
  const faults = textFaults(req);
  if (faults.length > 0) return E.left(requestInvalid(faults));
  const parts = [
    parsePart(schemas.params ?? nothing, req.params ?? {}, 'params'),
    parsePart(schemas.query ?? nothing, req.query ?? {}, 'query'),
    parsePart(schemas.body ?? noBody, req.body, 'body'),
  ] as const;
  const errors = parts.flatMap((p) => (E.isLeft(p) ? p.left : []));
  if (errors.length > 0) return E.left(requestInvalid(errors));
  const [params, query, body] = parts.map((p) => (E.isRight(p) ? p.right : undefined));
  return E.right({ params, query, body: schemas.body ? body : undefined } as ParsedRequest<S>);
};

/**
 * A query-string boolean: `true`/`false` (and `1`/`0`). `z.coerce.boolean()` would
 * read the string "false" as true.
 */
export const QueryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((s) => s === 'true' || s === '1');
