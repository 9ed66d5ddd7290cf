import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { customerStreamId } from '../../../src/domain/customer/index.js';
import { staffStreamId } from '../../../src/domain/staff/index.js';
import { customerArchive } from '../../../src/projections/customers/archive.js';
import { nameArchive } from '../../../src/projections/customers/archiveNames.js';
import { currentArchiveReader } from '../../../src/projections/customers/currentArchive.js';
import { reviewDueFrom } from '../../../src/projections/customers/review.js';
import { allProjections } from '../../../src/projections/index.js';
import { crossContextHistoryArb, historyCustomers } from '../../arbitraries/history.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { countingSql } from '../support/countingSql.js';
import { openRunner, runToEnd } from '../support/runners.js';
import { appendAt, approvedSummary, customer, projectAll, registered } from '../support/world.js';

const [a, b] = [customer(1), customer(2)];

const at = (iso: string) => new Date(iso);

describe.each(storeCases)('the current archive on $name', ({ open }) => {
  let t: TestStore;
  const views = () => ({ db: t.db, schema: t.schema, keyring: t.keyring });
  /** A reader over a counting connection, and the number of statements it has sent. */
  const reader = () => {
    const { sent, sql } = countingSql(t.db);
    return { read: currentArchiveReader({ db: sql, schema: t.schema, keyring: t.keyring }), statements: () => sent.length };
  };
  /** The archive as the uncached read and the directory name it at `now`. */
  const fresh = async (customerId: string, now: Date) => {
    const at = { asOf: now.toISOString() };
    const view = await customerArchive(views(), customerId, at);
    return view === null ? null : nameArchive(views(), view, at);
  };
  const expectFresh = async (got: unknown, customerId: string, now: Date) => expect(got).toEqual(await fresh(customerId, now));
  const staffNamed = (occurredAt: string, name: string, type = 'StaffMemberChanged') =>
    appendAt(t, staffStreamId('sp-1'), occurredAt, { type, data: { staffId: 'sp-1', name, department: '销售部', title: null } });

  beforeEach(async () => {
    t = await open();
    await appendAt(t, customerStreamId(a), '2026-01-05T02:00:00.000Z', registered(a, '浙江华美控股有限公司', { region: '浙江', validUntil: '2026-12-31' }));
    await appendAt(t, customerStreamId(b), '2026-01-06T02:00:00.000Z', registered(b, '宁波贸易公司', { region: '浙江' }));
    await projectAll(t);
  });
  afterEach(() => t.close());

  test('reads the views once (stamp, archive, names), then answers from memory: one statement (the stamp) a read', async () => {
    const { read, statements } = reader();
    const first = await read(a, at('2026-06-01T00:00:00Z'));
    await expectFresh(first, a, at('2026-06-01T00:00:00Z'));
    expect(first).toMatchObject({ id: a, region: '浙江', version: 1, salespersonName: null });
    expect(statements()).toBe(3);
    expect(await read(a, at('2026-06-02T00:00:00Z'))).toBe(first);
    expect(statements()).toBe(4);
  });

  test('names the archive’s people afresh after a directory change, and from a rename’s effective time on', async () => {
    await staffNamed('2026-01-01T00:00:00.000Z', '赵敏', 'StaffMemberRegistered');
    await projectAll(t);
    const { read, statements } = reader();
    const now = at('2026-06-01T00:00:00Z');
    expect(await read(a, now)).toMatchObject({ salespersonName: '赵敏' });
    await staffNamed('2026-03-01T00:00:00.000Z', '赵敏华');
    await projectAll(t);
    const renamed = await read(a, now);
    await expectFresh(renamed, a, now);
    expect(renamed).toMatchObject({ salespersonName: '赵敏华' });
    expect(statements()).toBe(6);
    // Recorded ahead of its effective time: kept until then, named anew from then on.
    await staffNamed('2026-07-01T00:00:00.000Z', '赵敏敏');
    await projectAll(t);
    const before = statements();
    expect(await read(a, at('2026-06-30T23:59:59.999Z'))).toMatchObject({ salespersonName: '赵敏华' });
    expect(await read(a, at('2026-06-30T23:59:59.999Z'))).toMatchObject({ salespersonName: '赵敏华' });
    expect(statements() - before).toBe(4);
    const july = await read(a, at('2026-07-01T00:00:00Z'));
    await expectFresh(july, a, at('2026-07-01T00:00:00Z'));
    expect(july).toMatchObject({ salespersonName: '赵敏敏' });
    expect(await read(a, at('2026-07-02T00:00:00Z'))).toBe(july);
  });

  test('keeps a customer’s archive over other customers’ events, reads it again after its own', async () => {
    const { read, statements } = reader();
    const now = at('2026-06-01T00:00:00Z');
    const first = await read(a, now);
    await appendAt(t, customerStreamId(b), '2026-05-01T00:00:00.000Z', { type: 'ArchiveFieldsChanged', data: { customerId: b, changes: [{ field: 'region', from: '浙江', to: '江苏' }] } });
    await projectAll(t);
    expect(await read(a, now)).toBe(first);
    expect(statements()).toBe(4);

    await appendAt(t, customerStreamId(a), '2026-05-02T00:00:00.000Z', { type: 'ViolationRecorded', data: { customerId: a, occurredAt: '2026-05-01T00:00:00.000Z', type: '逾期付款', description: '逾期十五天' } });
    // Appended, not yet projected: the views are read again (and do not show it yet).
    const unprojected = await read(a, now);
    await expectFresh(unprojected, a, now);
    expect(statements()).toBe(7);
    await projectAll(t);
    const projected = await read(a, now);
    await expectFresh(projected, a, now);
    expect(projected).toMatchObject({ violations: [{ type: '逾期付款' }], version: 2 });
    expect(statements()).toBe(10);
  });

  test('reads the archive again as each of its views catches up with the customer’s stream', async () => {
    const { read } = reader();
    const now = at('2026-06-01T00:00:00Z');
    await read(a, now);
    await appendAt(t, customerStreamId(a), '2026-05-01T00:00:00.000Z', { type: 'ArchiveFieldsChanged', data: { customerId: a, changes: [{ field: 'region', from: '浙江', to: '上海' }] } });
    await appendAt(t, customerStreamId(a), '2026-05-02T00:00:00.000Z', { type: 'EvaluationAdded', data: { customerId: a, evaluator: { id: 'u-s', name: '李娜' }, text: '合作良好', at: '2026-05-02T00:00:00.000Z' } });
    for (const name of ['customer_records', 'customers']) {
      await read(a, now); // kept while the view lags
      await runToEnd(await openRunner(t.db, t.schema, allProjections.find((p) => p.name === name)!, 100));
      await expectFresh(await read(a, now), a, now);
    }
    expect(await read(a, now)).toMatchObject({ region: '上海', evaluations: [{ text: '合作良好' }] });
  });

  test('reads every kept archive again after a grade summary (the standing of all its customers)', async () => {
    const { read, statements } = reader();
    const now = at('2026-06-01T00:00:00Z');
    await read(a, now);
    await read(b, now);
    await appendAt(t, 'gradingPeriod-2026-04', '2026-05-10T02:00:00.000Z', approvedSummary('2026-04', [{ customerId: a, grade: 'A', creditLimit: '300000.00' }]));
    await projectAll(t);
    const before = statements();
    expect(await read(a, now)).toMatchObject({ grade: 'A', creditLimit: '300000.00' });
    await expectFresh(await read(b, now), b, now);
    expect(statements() - before).toBe(6);
  });

  test('shows a change recorded ahead of its effective time from that time on', async () => {
    const { read, statements } = reader();
    await appendAt(t, customerStreamId(a), '2026-07-01T00:00:00.000Z', { type: 'ArchiveFieldsChanged', data: { customerId: a, changes: [{ field: 'region', from: '浙江', to: '上海' }] } });
    await projectAll(t);
    expect(await read(a, at('2026-06-15T00:00:00Z'))).toMatchObject({ region: '浙江', version: 1 });
    expect(await read(a, at('2026-06-30T23:59:59.999Z'))).toMatchObject({ region: '浙江', version: 1 });
    expect(statements()).toBe(4);
    expect(await read(a, at('2026-07-01T00:00:00Z'))).toMatchObject({ region: '上海', version: 2 });
    expect(statements()).toBe(7);
  });

  test('falls due for review at midnight in Shanghai, 30 days before its validity ends', async () => {
    const { read } = reader();
    const due = reviewDueFrom('2026-12-31')!;
    expect(await read(a, new Date(due - 1))).toMatchObject({ reviewDue: false });
    expect(await read(a, new Date(due))).toMatchObject({ reviewDue: true });
  });

  test('reads the views for a time before the one its archive was kept at', async () => {
    await appendAt(t, customerStreamId(a), '2026-03-01T00:00:00.000Z', { type: 'ArchiveFieldsChanged', data: { customerId: a, changes: [{ field: 'region', from: '浙江', to: '上海' }] } });
    await projectAll(t);
    const { read } = reader();
    expect(await read(a, at('2026-06-01T00:00:00Z'))).toMatchObject({ region: '上海' });
    expect(await read(a, at('2026-02-01T00:00:00Z'))).toMatchObject({ region: '浙江' });
  });

  test('answers the requests waiting at the same moment together: one statement for their stamps, one for the archives not kept, one for their names', async () => {
    const { read, statements } = reader();
    const now = at('2026-06-01T00:00:00Z');
    const first = await Promise.all([read(a, now), read(b, now), read(customer(99), now), read(a, at('2026-06-02T00:00:00Z'))]);
    expect(first.map((v) => v?.id ?? null)).toEqual([a, b, null, a]);
    expect(statements()).toBe(3);
    for (const [i, id] of [a, b].entries()) await expectFresh(first[i], id, now);
    const again = await Promise.all([read(a, at('2026-06-02T00:00:00Z')), read(b, now)]);
    expect(again[0]).toBe(first[3]);
    expect(again[1]).toBe(first[1]);
    expect(statements()).toBe(4);
  });

  test('refuses, as not ready (the API’s 503), before the views are built', async () => {
    const fresh = await open();
    try {
      const read = currentArchiveReader({ db: fresh.db, schema: fresh.schema, keyring: fresh.keyring });
      await expect(read(a, at('2026-06-01T00:00:00Z'))).rejects.toMatchObject({ name: 'ProjectionQueryError', code: 'ProjectionNotReady' });
    } finally {
      await fresh.close();
    }
  });

  test('answers null, and keeps nothing, for a customer that does not exist', async () => {
    const { read, statements } = reader();
    expect(await read(customer(99), at('2026-06-01T00:00:00Z'))).toBeNull();
    expect(await read(customer(99), at('2026-06-01T00:00:00Z'))).toBeNull();
    expect(statements()).toBe(4);
  });
});

/** One step of a life: append the next few events or a directory entry, let a projection apply a few batches, or read through a reader. */
type Step =
  | { kind: 'append'; count: number }
  | { kind: 'directory'; person: string; name: string; day: number }
  | { kind: 'project'; projection: number; batches: number; size: number }
  | { kind: 'read'; reads: { reader: number; customer: number; time: number }[] };

const archiveProjections = allProjections.filter((p) => ['customers', 'customer_records', 'standing', 'figures', 'staff'].includes(p.name));

/** The people the customer arbitraries name: 业务员, evaluators, reviewers, approvers. */
const directoryPeople = ['u-sales', 'u-sales2', 'u-clerk2', 'u-review', 'u-both', 'u-gm'];

const dayOf = (day: number) => Date.parse('2026-01-01T00:00:00Z') + day * 86_400_000;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 8 }) }),
  // A directory entry effective on a day of 2026 (the histories run through it): before, among or after the reads.
  fc.record({ kind: fc.constant('directory' as const), person: fc.constantFrom(...directoryPeople), name: fc.constantFrom('张伟', '张伟明', '赵强', '周敏'), day: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('project' as const), projection: fc.nat(), batches: fc.integer({ min: 1, max: 4 }), size: fc.integer({ min: 1, max: 20 }) }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      // Concurrent reads: one batch answers them together.
      reads: fc.array(fc.record({ reader: fc.nat({ max: 1 }), customer: fc.nat({ max: 1 }), time: fc.nat() }), { minLength: 1, maxLength: 4 }),
    }),
  },
);

describe.each(storeCases)('the current archive on $name, for any history', ({ open }) => {
  test('answers as reading the views and the directory at that time would, whatever was appended and projected between reads, in two processes', async () => {
    await fc.assert(
      fc.asyncProperty(crossContextHistoryArb, fc.array(stepArb, { minLength: 20, maxLength: 60 }), async (history, steps) => {
        const t = await open();
        try {
          // Every view live on the first half of the history; the steps go on from there.
          let next = Math.floor(history.length / 2);
          for (const h of history.slice(0, next)) await appendAt(t, h.streamId, h.occurredAt, ...h.events);
          await projectAll(t);
          const deps = { db: t.db, schema: t.schema, keyring: t.keyring };
          const readers = [currentArchiveReader(deps), currentArchiveReader(deps)];
          // The times that matter: each effective time and the instant before it, the review dates, and after all.
          const validUntils = history.flatMap((h) => h.events.map((e) => (e.data as { validUntil?: string | null }).validUntil ?? null));

          // The customers' own times weigh most: before their registration there is nothing to keep.
          const own = history.filter((h) => historyCustomers.some((c) => h.streamId === customerStreamId(c)));
          const times = [
            ...[...own, ...own, ...history].flatMap((h) => [Date.parse(h.occurredAt), Date.parse(h.occurredAt) - 1]),
            ...validUntils.flatMap((v) => (v === null ? [] : [reviewDueFrom(v)!, reviewDueFrom(v)! - 1])),
            ...steps.flatMap((s) => (s.kind === 'directory' ? [dayOf(s.day), dayOf(s.day) - 1] : [])),
            Date.parse('2030-01-01T00:00:00Z'),
          ];
          const listed = new Set<string>();
          for (const step of steps) {
            if (step.kind === 'append') {
              for (const h of history.slice(next, next + step.count)) await appendAt(t, h.streamId, h.occurredAt, ...h.events);
              next = Math.min(history.length, next + step.count);
            } else if (step.kind === 'directory') {
              const type = listed.has(step.person) ? 'StaffMemberChanged' : 'StaffMemberRegistered';
              listed.add(step.person);
              await appendAt(t, staffStreamId(step.person), new Date(dayOf(step.day)).toISOString(), { type, data: { staffId: step.person, name: step.name, department: null, title: null } });
            } else if (step.kind === 'project') {
              const runner = await openRunner(t.db, t.schema, archiveProjections[step.projection % archiveProjections.length]!, step.size);
              for (let i = 0; i < step.batches; i += 1) await runner.step();
            } else {
              const asked = step.reads.map((r) => ({ ...r, id: historyCustomers[r.customer]!, now: new Date(times[r.time % times.length]!) }));
              const got = await Promise.all(asked.map((r) => readers[r.reader]!(r.id, r.now)));
              for (const [i, r] of asked.entries()) {
                const at = { asOf: r.now.toISOString() };
                const view = await customerArchive(deps, r.id, at);
                expect(got[i]).toEqual(view === null ? null : await nameArchive(deps, view, at));
              }
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
