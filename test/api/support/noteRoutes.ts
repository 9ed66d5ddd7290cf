import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import { checkIfMatch } from '../../../src/api/etag.js';
import { notFound } from '../../../src/api/errors.js';
import { IdParams, resolveTimeTravel, TimeTravelQuery } from '../../../src/api/params.js';
import { defineRoute, type Route } from '../../../src/api/route.js';
import { eventType, Reason, Role, Text } from '../../../src/domain/shared/index.js';
import { toMetadata } from '../../../src/store/commandHandler.js';
import type { EventStore, StoredEvent } from '../../../src/store/eventStore.js';

/**
 * Example routes over a tiny "note" aggregate, showing how a context's routes use the
 * helper: one declaration each, the handler a thin shell over the store (a real
 * route calls an app service instead), `replay` rebuilding the first answer.
 */
export const NoteTaken = z.object({ type: z.literal('NoteTaken'), data: z.object({ text: Text(500) }) });
export const noteEventTypes = [eventType('NoteTaken', NoteTaken.shape.data)];
const noteStream = (id: string) => `note-${id}`;

const NoteView = z.object({ id: z.uuid(), texts: z.array(z.string()), version: z.number().int() });
const Created = z.object({ id: z.uuid(), version: z.number().int() });
const TakeNote = z.object({ text: Text(500), reason: Reason });

const created = (events: readonly StoredEvent[]) => {
  const last = events[events.length - 1];
  if (!last || last.type !== 'NoteTaken') return undefined;
  const id = last.streamId.replace(/^note-/, '');
  return { status: 201, body: { id, version: last.version }, location: `/notes/${id}`, etag: last.version };
};

export const noteRoutes = (store: EventStore): Route[] => [
  defineRoute({
    method: 'post',
    path: '/notes',
    summary: 'Take a new note',
    roles: ['archiveClerk'],
    request: { body: TakeNote },
    responses: { 201: { description: 'the new note', body: Created } },
    handler: ({ body, meta, commandOptions }) =>
      pipe(
        store.append(noteStream(randomUUID()), 'noStream', [{ id: commandOptions.eventIds?.(0), type: 'NoteTaken', data: { text: body.text } }], {
          metadata: toMetadata(meta(body.reason), commandOptions),
        }),
        TE.map((r) => created(r.events)!),
      ),
    replay: created,
  }),
  defineRoute({
    method: 'post',
    path: '/notes/{id}/lines',
    summary: 'Add a line to a note',
    roles: ['archiveClerk', 'serviceClerk'],
    ifMatch: true,
    request: { params: IdParams, body: TakeNote },
    responses: { 201: { description: 'the note’s new version', body: Created } },
    problems: [404],
    handler: ({ params, body, meta, ifMatch, commandOptions }) =>
      pipe(
        store.streamVersion(noteStream(params.id)),
        TE.flatMap((version) => (version === 0 ? TE.left(notFound(`note ${params.id}`)) : TE.right(version))),
        TE.flatMap((version) => TE.fromEither(checkIfMatch(ifMatch, version))),
        TE.flatMap((version) =>
          store.append(noteStream(params.id), version, [{ id: commandOptions.eventIds?.(0), type: 'NoteTaken', data: { text: body.text } }], {
            metadata: toMetadata(meta(body.reason), commandOptions),
          }),
        ),
        TE.map((r) => created(r.events)!),
      ),
    // The key's events must be this note's, else the key was used for another request.
    replay: (events, { params }) => (events[0]?.streamId === noteStream(params.id) ? created(events) : undefined),
  }),
  defineRoute({
    method: 'get',
    path: '/notes/{id}',
    summary: 'A note, as of a time',
    roles: Role.options,
    request: { params: IdParams, query: TimeTravelQuery },
    responses: { 200: { description: 'the note', body: NoteView } },
    problems: [404],
    handler: async ({ params, query, now }) => {
      const cut = resolveTimeTravel(query, now);
      const events = await store.readStream(noteStream(params.id), cut)();
      if (E.isLeft(events)) return events;
      if (events.right.length === 0) return E.left(notFound(`note ${params.id}`));
      const version = events.right[events.right.length - 1]!.version;
      const texts = events.right.map((e) => (e.data as { text: string }).text);
      return E.right({ status: 200, body: { id: params.id, texts, version }, etag: version });
    },
  }),
];
