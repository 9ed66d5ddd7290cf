import type { z } from 'zod';

/**
 * How the store knows an event type: the schema of its current data, its schema
 * version, and the upcasters that lift stored older versions (`from` → `from + 1`).
 */
export type EventType<Type extends string = string> = {
  type: Type;
  schemaVersion: number;
  data: z.ZodType;
  upcasters?: Record<number, (data: unknown) => unknown>;
};

export const eventType = <Type extends string>(
  type: Type,
  data: z.ZodType,
  options: { schemaVersion?: number; upcasters?: Record<number, (data: unknown) => unknown> } = {},
): EventType<Type> => ({
  type,
  data,
  schemaVersion: options.schemaVersion ?? 1,
  ...(options.upcasters ? { upcasters: options.upcasters } : {}),
});
