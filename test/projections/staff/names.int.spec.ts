import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordStaffMember } from '../../../src/app/staff/index.js';
import { customerStreamId } from '../../../src/domain/customer/index.js';
import { staffStreamId } from '../../../src/domain/staff/index.js';
import { customerArchive } from '../../../src/projections/customers/archive.js';
import { nameArchive } from '../../../src/projections/customers/archiveNames.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { appendAt, projectAll, registered } from '../support/world.js';

/**
 * Names, not ids (issue 14 item 1), as a property: whatever the history of a person's
 * directory entries — renames at any effective times, backdated or not, several at one
 * instant — a report read at (asOf T, knownAt K) prints the latest entry effective at or
 * before T among those recorded by K; without one, for an act (an evaluation) the name
 * the person's token carried, and for 业务员 (who did not act) null.
 */
const day = 86_400_000;
const base = Date.parse('2025-01-01T00:00:00.000Z');
const manager = { id: 'mgr-1', name: '管理部经理', roles: ['salesAdminManager' as const] };
const names = ['赵敏', '赵敏华', '王磊', '李娜', '王磊'];

type Entry = { occurredAt: number; recordedAt: number; position: number; name: string };

/** The model: the directory entry a report at (T, K) prints. */
const expectedName = (entries: readonly Entry[], asOf: number, knownAt: number): string | null =>
  entries
    .filter((e) => e.occurredAt <= asOf && e.recordedAt <= knownAt)
    .sort((a, b) => a.occurredAt - b.occurredAt || a.position - b.position)
    .at(-1)?.name ?? null;

const rename = fc.record({ dayOffset: fc.integer({ min: 1, max: 20 }), name: fc.constantFrom(...names) });
const probe = fc.record({ dayOffset: fc.integer({ min: 0, max: 25 }), knownAfter: fc.nat() });

describe.each(storeCases)('the names a report prints on $name', ({ open }) => {
  let t: TestStore;
  const views = () => ({ db: t.db, schema: t.schema, keyring: t.keyring });
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.close());

  test('are the directory’s latest entry effective by asOf and recorded by knownAt, else the token’s name for an act, else null', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rename, { maxLength: 6 }), fc.array(probe, { minLength: 1, maxLength: 6 }), async (renames, probes) => {
        const staffId = `sp-${randomUUID()}`;
        const customerId = randomUUID();
        const registeredAt = new Date(base).toISOString();
        await appendAt(t, customerStreamId(customerId), registeredAt, registered(customerId, `性质测试${customerId}`, { salespersonId: staffId }));
        // The salesperson's own act, as their token named them.
        const evaluated = await t.store.append(
          customerStreamId(customerId),
          'any',
          [{ type: 'EvaluationAdded', data: { customerId, evaluator: { id: staffId, name: '令牌上的名字' }, text: '合作顺畅', at: registeredAt }, occurredAt: registeredAt }],
          { metadata: { actor: { id: staffId, name: '令牌上的名字', roles: ['salesperson'] } }, reasonRequired: false },
        )();
        if (E.isLeft(evaluated)) throw new Error(evaluated.left.message);
        for (const r of renames) {
          const written = await recordStaffMember({ store: t.store })({
            staffId,
            name: r.name,
            department: null,
            title: null,
            meta: { actor: manager, at: new Date(base + r.dayOffset * day).toISOString(), reason: '改名' },
          })();
          if (E.isLeft(written)) throw new Error(written.left.message);
        }
        const stored = await t.store.readStream(staffStreamId(staffId))();
        if (E.isLeft(stored)) throw new Error(stored.left.message);
        const entries: Entry[] = stored.right.map((e) => ({
          occurredAt: Date.parse(e.occurredAt),
          recordedAt: Date.parse(e.recordedAt),
          position: Number(e.position),
          name: (e.data as { name: string }).name,
        }));
        // Record times to probe: when the customer was complete, and at and just before each entry's.
        const cuts = [Date.parse(evaluated.right.events[0]!.recordedAt), ...entries.flatMap((e) => [e.recordedAt - 1, e.recordedAt])].filter(
          (k) => k >= Date.parse(evaluated.right.events[0]!.recordedAt),
        );
        await projectAll(t);
        for (const p of probes) {
          const asOf = base + p.dayOffset * day;
          const knownAt = cuts[p.knownAfter % cuts.length]!;
          const at = { asOf: new Date(asOf).toISOString(), knownAt: new Date(knownAt).toISOString() };
          const view = await customerArchive(views(), customerId, at);
          expect(view, 'the customer exists at every probe').not.toBeNull();
          const named = await nameArchive(views(), view!, at);
          const want = expectedName(entries, asOf, knownAt);
          expect(named.salespersonName, JSON.stringify({ entries, asOf, knownAt })).toBe(want);
          expect(named.evaluations.map((e) => e.evaluatorName)).toEqual([want ?? '令牌上的名字']);
        }
      }),
      { numRuns: 25 },
    );
  });
});
