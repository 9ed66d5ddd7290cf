import * as E from 'fp-ts/Either';
import { allProjections } from '../../../src/projections/index.js';
import type { StoredEvent } from '../../../src/store/index.js';
import type { TestStore } from '../../support/stores.js';
import { openRunner, runToEnd } from './runners.js';

/** Hand-written histories for example-based query tests: append, then bring every projection level. */
export const clerk = { id: 'u-clerk', name: '王丽', roles: ['archiveClerk' as const] };

export const appendAt = async (t: TestStore, streamId: string, occurredAt: string, ...events: { type: string; data: unknown }[]): Promise<StoredEvent[]> => {
  const r = await t.store.append(streamId, 'any', events.map((e) => ({ ...e, occurredAt })), { metadata: { actor: clerk, reason: '测试' } })();
  if (E.isLeft(r)) throw new Error(`append refused: ${JSON.stringify(r.left)}`);
  return r.right.events;
};

export const projectAll = async (t: TestStore): Promise<void> => {
  for (const p of allProjections) await runToEnd(await openRunner(t.db, t.schema, p, 500));
};

export const customer = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

export const registered = (id: string, name: string, o: { status?: string; salespersonId?: string; region?: string; validUntil?: string | null } = {}) => ({
  type: 'CustomerRegistered',
  data: {
    customerId: id,
    salespersonId: o.salespersonId ?? 'sp-1',
    status: o.status ?? 'active',
    validUntil: o.validUntil ?? null,
    contacts: [{ id: `${id.slice(0, -4)}c0c0`, category: 'primary', name: '陈明', mobile: '13812345678' }],
    archive: { name, ...(o.region ? { region: o.region } : {}), address: '杭州市西湖区1号' },
    enteredAt: '2026-01-05T02:00:00.000Z',
  },
});

export const approvedSummary = (period: string, entries: { customerId: string; grade: string; vip?: boolean; creditLimit: string }[]) => ({
  type: 'GradeSummarySignedOff',
  data: {
    period,
    step: 'approved',
    signerId: 'u-ggm',
    signerName: '孙总',
    role: 'groupGM',
    effective: entries.map((e) => ({ customerId: e.customerId, grade: e.grade, vip: e.vip ?? e.grade === 'A', score: 85, creditLimit: e.creditLimit, policyVersion: 0, revision: 1 })),
  },
});
