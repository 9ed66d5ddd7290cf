import { z } from 'zod';
import { eventType } from '../../src/domain/shared/index.js';

/** Event types for the store's own tests: `Noted` went from schema 1 ({text}) to 2 ({text, words}). */
export const NotedV1 = z.object({ text: z.string().min(1) }).strict();
export const NotedV2 = z.object({ text: z.string().min(1), words: z.number().int().nonnegative() }).strict();

export const notedV1Types = [eventType('Noted', NotedV1)];
export const notedV2Types = [
  eventType('Noted', NotedV2, {
    schemaVersion: 2,
    upcasters: { 1: (d) => ({ ...(d as { text: string }), words: (d as { text: string }).text.split(/\s+/).length }) },
  }),
];

export const alice = { id: 'u-alice', name: '王丽', roles: ['archiveClerk' as const] };
export const meta = { metadata: { actor: alice, reason: '客户来函更新' } };
export const noted = (text: string, words = text.split(/\s+/).length) => ({ type: 'Noted', data: { text, words } });
