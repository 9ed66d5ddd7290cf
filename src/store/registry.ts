import type { EventType } from '../domain/shared/index.js';
import type { StoreError } from './eventStore.js';

export type EventRegistry = {
  /** The current schema version and the validated data of a new event. */
  validate(type: string, data: unknown): { schemaVersion: number; data: unknown } | StoreError;
  /** Lifts stored data of an older schema version to the current one. */
  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown };
};

export const createEventRegistry = (types: readonly EventType[]): EventRegistry => {
  const byType = new Map(types.map((t) => [t.type, t]));
  return {
    validate(type, data) {
      const t = byType.get(type);
      if (!t) return { code: 'UnknownEventType', message: `no event type is named ${type}`, eventType: type };
      const parsed = t.data.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          code: 'InvalidEvent',
          message: `${type} data is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
          path: (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p)),
          eventType: type,
        };
      }
      return { schemaVersion: t.schemaVersion, data: parsed.data };
    },
    upcast(type, schemaVersion, data) {
      const t = byType.get(type);
      // A type no longer registered is read as stored; consumers skip what they do not know.
      if (!t) return { schemaVersion, data };
      let version = schemaVersion;
      let current = data;
      while (version < t.schemaVersion) {
        const up = t.upcasters?.[version];
        if (!up) throw new Error(`no upcaster for ${type} from schema version ${version}`);
        current = up(current);
        version += 1;
      }
      return { schemaVersion: version, data: current };
    },
  };
};
