import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ComplaintAppError,
  type ComplaintDeps,
  getComplaint,
  receiveComplaint,
  takeComplaintStep,
} from '../../../src/app/complaint/index.js';
import {
  type ComplaintStep,
  type TimedComplaintEvent,
  complaintStreamId,
  monthlyComplaintStatistics,
} from '../../../src/domain/complaint/index.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';

const ok = async <A>(te: TE.TaskEither<ComplaintAppError, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
  return r.right;
};
const refusal = async <A>(te: TE.TaskEither<ComplaintAppError, A>): Promise<ComplaintAppError> => {
  const r = await te();
  if (E.isRight(r)) throw new Error(`accepted: ${JSON.stringify(r.right)}`);
  return r.left;
};

const person = (id: string, ...roles: Role[]): Actor => ({ id, name: `${id}名`, roles });
const clerk = person('kf', 'serviceClerk');
const seller = person('seller', 'salesperson');
const sam = person('sam', 'salesAdminManager');
const gm = person('gm', 'salesGM');
const now = '2026-10-20T09:00:00+08:00';
const later = (hours: number) => new Date(Date.parse(now) + hours * 3_600_000).toISOString();

describe.each(storeCases)('complaints on $name', ({ open }) => {
  let t: TestStore;
  let deps: ComplaintDeps;
  const customerId = randomUUID();
  const receive = (receivedAt?: string, complaintId = randomUUID()) =>
    receiveComplaint(deps)({
      complaintId,
      customerId,
      description: '一批货包装破损',
      materials: ['照片 IMG_001.jpg'],
      ...(receivedAt ? { receivedAt } : {}),
      meta: { actor: clerk, at: now },
    });
  const take = (complaintId: string, action: ComplaintStep, actor: Actor, hours: number, reason?: string, expectedVersion?: number) =>
    takeComplaintStep(deps)({ complaintId, action, meta: { actor, at: later(hours), reason }, ...(expectedVersion === undefined ? {} : { expectedVersion }) });
  const read = async (complaintId: string) => {
    const r = await t.store.readStream(complaintStreamId(complaintId))();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right;
  };

  beforeAll(async () => {
    t = await open();
    deps = { store: t.store };
  });
  afterAll(() => t.close());

  test('① a complaint received earlier takes effect when it was received, its description as the reason', async () => {
    const { id, status, version } = await ok(receive('2026-10-19T15:00:00+08:00'));
    expect({ status, version }).toEqual({ status: 'received', version: 1 });
    const [received] = await read(id);
    expect(received).toMatchObject({
      type: 'ComplaintReceived',
      occurredAt: '2026-10-19T07:00:00.000Z',
      data: { customerId, receivedAt: '2026-10-19T15:00:00+08:00', materials: ['照片 IMG_001.jpg'] },
      metadata: { actor: clerk, reason: '一批货包装破损' },
    });
  });

  test('a complaint cannot be received in the future', async () => {
    expect((await refusal(receive('2026-10-21T09:00:00+08:00'))).code).toBe('ReceivedInTheFuture');
  });

  test('goes through the flow to its end, recording who, when, what and why at every step', async () => {
    const { id } = await ok(receive());
    await ok(take(id, { step: 'judge', category: 'quality' }, clerk, 1));
    await ok(take(id, { step: 'assess', problemFound: true }, sam, 2, '质检确认破损'));
    await ok(take(id, { step: 'proposePlan', plan: '补发并赔偿运费', departments: ['质检部', '物流部'] }, clerk, 3));
    await ok(take(id, { step: 'signOpinion', opinion: '同意方案' }, sam, 4));
    await ok(take(id, { step: 'approve' }, gm, 5, '批准'));
    await ok(take(id, { step: 'negotiate', outcome: 'notSatisfied' }, seller, 6, '客户要求更高赔偿'));
    await ok(take(id, { step: 'negotiate', outcome: 'satisfied', notes: '第二轮协商达成一致' }, seller, 8));
    expect(await ok(take(id, { step: 'execute' }, clerk, 30, '已补发'))).toMatchObject({ status: 'closed', version: 10 });

    const view = await ok(getComplaint(deps)(id));
    expect(view).toMatchObject({ status: 'closed', resolution: 'planExecuted', category: 'quality', description: '一批货包装破损', version: 10 });
    expect(view!.steps.map((s) => [s.type, s.actor.id, s.reason])).toEqual([
      ['ComplaintReceived', 'kf', '一批货包装破损'],
      ['ComplaintJudged', 'kf', null], // a bare judgement carries no written reason
      ['ComplaintAssessed', 'sam', '质检确认破损'],
      ['ComplaintPlanProposed', 'kf', '补发并赔偿运费'],
      ['ComplaintOpinionSigned', 'sam', '同意方案'],
      ['ComplaintPlanApproved', 'gm', '批准'],
      ['ComplaintNegotiated', 'seller', '客户要求更高赔偿'],
      ['ComplaintNegotiated', 'seller', '第二轮协商达成一致'],
      ['ComplaintPlanExecuted', 'kf', '已补发'],
      ['ComplaintClosed', 'kf', '已补发'],
    ]);
    expect(view!.steps[1]).toMatchObject({ occurredAt: '2026-10-20T02:00:00.000Z', data: { category: 'quality' } });
  });

  test('a step out of order is refused and writes nothing', async () => {
    const { id } = await ok(receive());
    expect(await refusal(take(id, { step: 'signOpinion', opinion: '同意' }, sam, 1))).toMatchObject({ code: 'StepOutOfOrder', status: 'received', allowedSteps: ['judge'] });
    expect(await read(id)).toHaveLength(1);
  });

  test('a step on a stale version is refused', async () => {
    const { id } = await ok(receive());
    await ok(take(id, { step: 'judge', category: 'nonQuality' }, clerk, 1, undefined, 1));
    expect(await refusal(take(id, { step: 'assess', problemFound: false }, clerk, 2, '无问题', 1))).toMatchObject({ code: 'VersionConflict', actual: 2 });
  });

  test('an unknown complaint takes no step and reads as none', async () => {
    const id = randomUUID();
    expect((await refusal(take(id, { step: 'judge', category: 'quality' }, clerk, 1))).code).toBe('ComplaintNotFound');
    expect(await ok(getComplaint(deps)(id))).toBeNull();
  });

  test('a closed complaint reopened counts in the month’s statistics from the stored events', async () => {
    const { id } = await ok(receive('2026-10-20T08:00:00+08:00'));
    await ok(take(id, { step: 'judge', category: 'nonQuality' }, clerk, 2));
    await ok(take(id, { step: 'assess', problemFound: false, explanation: '属正常色差' }, clerk, 3));
    await ok(take(id, { step: 'reopen', reason: '客户再次反映' }, sam, 4));
    const stored = await read(id);
    expect(stored.at(-1)!.metadata.reason).toBe('客户再次反映');
    const history = stored.map((e) => ({ type: e.type, data: e.data, occurredAt: e.occurredAt }) as TimedComplaintEvent);
    const stats = monthlyComplaintStatistics([history], '2026-10', () => 'B');
    expect(stats).toMatchObject({ received: 1, reopens: 1, byGrade: { B: 1 }, byOutcome: { stillOpen: 1 }, timeToClose: { count: 1, medianMs: 4 * 3_600_000 } });
    expect(stats.backlog).toMatchObject([{ complaintId: id, status: 'reopened' }]);
  });
});
