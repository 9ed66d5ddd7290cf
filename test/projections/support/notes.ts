import { applyTimeline, timelineTableSql, type TimelineSpec } from '../../../src/projections/bitemporal/timelineSql.js';
import type { LogEvent, Projection } from '../../../src/projections/engine/projection.js';

/**
 * A minimal entity for the engine's own tests: a note stream whose state lists its
 * texts in effective order. Uses the store tests' `Noted` event type.
 */
export type NoteState = { texts: string[] };

export const evolveNote = (state: NoteState | undefined, event: LogEvent): NoteState => ({
  texts: [...(state?.texts ?? []), (event.data as { text: string }).text],
});

export const notesTimeline: TimelineSpec<NoteState> = {
  table: 'notes',
  eventTypes: ['Noted'],
  keyOf: (e) => e.streamId,
  streamOf: (key) => key,
  evolve: evolveNote,
  columns: [{ name: 'text_count', type: 'integer', of: (s) => s.texts.length }],
};

export type NotesOptions = { version?: number; failWhen?: (event: LogEvent) => boolean };

export const notesProjection = (name: string, options: NotesOptions = {}): Projection => ({
  name,
  version: options.version ?? 1,
  eventTypes: ['Noted'],
  createTables: (t) => timelineTableSql(notesTimeline, t),
  applyBatch: async (context, events) => {
    const bad = options.failWhen ? events.find(options.failWhen) : undefined;
    if (bad) throw new Error(`cannot apply the note at ${bad.position}`);
    await applyTimeline(context, notesTimeline, events);
  },
});
