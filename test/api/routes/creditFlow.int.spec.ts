import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { type CreditApp, client, expectProblem, openCreditApp } from './creditApp.js';

/**
 * 客户信用额度变更申请表 over HTTP: requested by a salesperson, decided step by step by
 * 销售管理部经理 → 销售副总 → 销售总经理 → 集团总经理, each a different person, never the requester.
 */
const fullChain = ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'];

describe.each(storeCases)('credit-limit change requests over HTTP on $name', ({ open }) => {
  let c: CreditApp;
  let as: ReturnType<typeof client>;
  const t = { seller: '', clerk: '', sam: '', vp: '', gm: '', ggm: '', samVp: '', auditor: '' };

  beforeAll(async () => {
    c = await openCreditApp(open);
    as = client(c.app);
    t.seller = await c.token(['salesperson'], 'sp-1');
    t.clerk = await c.token(['archiveClerk'], 'clerk-1');
    t.sam = await c.token(['salesAdminManager'], 'sam-1');
    t.vp = await c.token(['salesVP'], 'vp-1');
    t.gm = await c.token(['salesGM'], 'gm-1');
    t.ggm = await c.token(['groupGM'], 'ggm-1');
    t.samVp = await c.token(['salesAdminManager', 'salesVP'], 'samvp-1');
    t.auditor = await c.token(['auditor'], 'auditor-1');
  });
  afterAll(() => c.close());

  const requestChange = (token: string, customerId: string, proposedLimit = '300000.00') =>
    as(token).post('/credit-requests').send({ customerId, proposedLimit, reason: '客户旺季备货，需提高额度' });
  const decide = (token: string, id: string, decision: 'approve' | 'reject' = 'approve', opinion = '同意') =>
    as(token).post(`/credit-requests/${id}/decisions`).send({ decision, opinion });
  const read = (token: string, id: string, query = '') => as(token).get(`/credit-requests/${id}${query}`);
  const queue = async (token: string, role: string) =>
    ((await as(token).get(`/credit-requests?awaitingRole=${role}&limit=500`)).body.items as { id: string }[]).map((r) => r.id);

  describe('the routing policy (DOMAIN.md §5)', () => {
    const shorterDecreases = {
      rules: [
        { direction: 'increase', steps: fullChain },
        { direction: 'decrease', maxChangePercent: 20, steps: ['salesAdminManager', 'salesVP'] },
        { direction: 'decrease', steps: fullChain },
      ],
    };

    test('is the manual’s four levels for both directions until a sales admin manager publishes a shorter one, which later requests record', async () => {
      const before = await as(t.auditor).get('/credit/routing-policy');
      expect(before.status).toBe(200);
      expect(before.body).toEqual({
        version: 0,
        status: 'builtIn',
        rules: [
          { direction: 'increase', steps: fullChain },
          { direction: 'decrease', steps: fullChain },
        ],
      });
      expectProblem(await as(t.vp).put('/credit/routing-policy').send({ ...shorterDecreases, reason: '小额降额简化' }), 403, 'RoleNotAllowed');
      expectProblem(await as(t.sam).put('/credit/routing-policy').send({ ...shorterDecreases }), 400, 'RequestInvalid');
      const broken = { rules: [{ direction: 'increase', steps: fullChain }], reason: '缺少降额规则' };
      expectProblem(await as(t.sam).put('/credit/routing-policy').send(broken), 400, 'RequestInvalid');

      const customerId = await c.register('路由策略客户');
      const first = await requestChange(t.seller, customerId, '100000');
      expect(first.body.requiredSteps).toEqual(fullChain);
      for (const [token, opinion] of [[t.sam, '1'], [t.vp, '2'], [t.gm, '3'], [t.ggm, '4']] as const) expect((await decide(token, first.body.id, 'approve', opinion)).status).toBe(201);

      const published = await as(t.sam).put('/credit/routing-policy').set('If-Match', before.headers.etag as string).send({ ...shorterDecreases, reason: '小额降额简化' });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ version: 1, status: 'published' });
      expectProblem(await as(t.sam).put('/credit/routing-policy').set('If-Match', '"0"').send({ ...shorterDecreases, reason: 'x' }), 412, 'VersionConflict');
      const history = await c.store.store.readStream('creditRoutingPolicy-current')();
      expect(history).toMatchObject({ right: [{ metadata: { actor: { id: 'sam-1' }, reason: '小额降额简化' } }] });

      const small = await requestChange(t.seller, customerId, '90000');
      expect(small.body.requiredSteps).toEqual(['salesAdminManager', 'salesVP']);
      expect((await read(t.seller, small.body.id)).body).toMatchObject({ routingPolicyVersion: 1, direction: 'decrease' });
      // Put back, so that the other tests meet the default chain.
      await as(t.sam).put('/credit/routing-policy').send({ rules: before.body.rules, reason: '恢复手册的四级审批' });
      expect((await as(t.auditor).get('/credit/routing-policy')).body).toMatchObject({ version: 2, rules: before.body.rules });
      await as(t.seller).post(`/credit-requests/${small.body.id}/withdrawal`).send({ reason: '撤回' });
    });
  });

  describe('when a salesperson asks to raise their customer’s limit', () => {
    test('four managers approve it in turn, and the customer’s limit becomes the proposed one', async () => {
      const customerId = await c.register('宁波精工机械有限公司');
      const opened = await requestChange(t.seller, customerId);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const id = opened.body.id as string;
      expect(opened.body).toEqual({ id, status: 'pending', requiredSteps: fullChain, version: 1 });
      expect(opened.headers.location).toBe(`/credit-requests/${id}`);
      expect(opened.headers.etag).toBe('"1"');

      const form = await read(t.seller, id);
      expect(form.status).toBe(200);
      expect(form.headers.etag).toBe('"1"');
      expect(form.body).toMatchObject({
        id,
        customerId,
        customer: { name: '宁波精工机械有限公司', salespersonId: 'sp-1', grade: null, address: '浙江省宁波市鄞州区', contact: { name: '王厂长', mobile: '13900000000' } },
        originalLimit: '0.00',
        proposedLimit: '300000.00',
        direction: 'increase',
        reason: '客户旺季备货，需提高额度',
        requester: { id: 'sp-1', name: '测试 sp-1' },
        requiredSteps: fullChain,
        status: 'pending',
        decisions: [],
        nextStep: 'salesAdminManager',
        effectiveAt: null,
      });

      expect(await queue(t.sam, 'salesAdminManager')).toContain(id);
      const steps = [t.sam, t.vp, t.gm, t.ggm];
      for (const [i, token] of steps.entries()) {
        const res = await decide(token, id, 'approve', `第${i + 1}级同意`);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const last = i === steps.length - 1;
        expect(res.body).toEqual({ id, status: last ? 'approved' : 'pending', step: i + 1, role: fullChain[i], decision: 'approve', version: last ? 6 : i + 2 });
        expect(await queue(t.sam, fullChain[i]!)).not.toContain(id);
        if (!last) expect(await queue(t.sam, fullChain[i + 1]!)).toContain(id);
      }

      const approved = await read(t.auditor, id);
      expect(approved.body).toMatchObject({ status: 'approved', nextStep: null, effectiveAt: expect.any(String), version: 6 });
      expect(approved.body.decisions.map((d: { step: number; role: string; approver: { id: string }; opinion: string }) => [d.step, d.role, d.approver.id, d.opinion])).toEqual([
        [1, 'salesAdminManager', 'sam-1', '第1级同意'],
        [2, 'salesVP', 'vp-1', '第2级同意'],
        [3, 'salesGM', 'gm-1', '第3级同意'],
        [4, 'groupGM', 'ggm-1', '第4级同意'],
      ]);
      expect(await c.creditLimit(customerId)).toBe('300000.00');

      // The lock is released and the new limit is the next request's original one (a decrease takes the four levels too).
      const next = await requestChange(t.seller, customerId, '250000');
      expect(next.status).toBe(201);
      expect(next.body.requiredSteps).toEqual(['salesAdminManager', 'salesVP', 'salesGM', 'groupGM']);
      expect((await read(t.seller, next.body.id)).body).toMatchObject({ originalLimit: '300000.00', proposedLimit: '250000.00', direction: 'decrease' });
    });

    test('the answer as it was known before a decision is the pending request, without an ETag', async () => {
      const customerId = await c.register('时间旅行客户');
      const id = (await requestChange(t.seller, customerId)).body.id as string;
      const before = new Date().toISOString();
      expect((await decide(t.sam, id)).status).toBe(201);
      const then = await read(t.auditor, id, `?knownAt=${encodeURIComponent(before)}`);
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ status: 'pending', decisions: [], nextStep: 'salesAdminManager', version: 1 });
      expect(then.headers.etag).toBeUndefined();
    });
  });

  describe('segregation of duties', () => {
    test('the requester may not decide their own request (409 ApproverIsRequester)', async () => {
      const customerId = await c.register('自审客户');
      const id = (await requestChange(t.sam, customerId)).body.id as string;
      expectProblem(await decide(t.sam, id), 409, 'ApproverIsRequester');
    });

    test('one person may not decide two steps (409 ApproverAlreadyDecided)', async () => {
      const customerId = await c.register('两级同人客户');
      const id = (await requestChange(t.seller, customerId)).body.id as string;
      expect((await decide(t.samVp, id)).status).toBe(201);
      expectProblem(await decide(t.samVp, id), 409, 'ApproverAlreadyDecided');
      expect((await decide(t.vp, id)).status).toBe(201);
    });

    test('a role other than the next step’s is refused (403 RoleNotAllowed)', async () => {
      const customerId = await c.register('越级客户');
      const id = (await requestChange(t.seller, customerId)).body.id as string;
      expectProblem(await decide(t.vp, id), 403, 'RoleNotAllowed');
      expectProblem(await decide(t.ggm, id), 403, 'RoleNotAllowed');
      expectProblem(await decide(t.clerk, id), 403, 'RoleNotAllowed');
      expect((await read(t.auditor, id)).body).toMatchObject({ status: 'pending', decisions: [] });
    });
  });

  describe('when the customer already has a pending request', () => {
    test('a second one is refused (409 PendingRequestExists) until the first is withdrawn', async () => {
      const customerId = await c.register('重复申请客户');
      const first = (await requestChange(t.seller, customerId)).body.id as string;
      expectProblem(await requestChange(t.clerk, customerId, '400000'), 409, 'PendingRequestExists');

      expectProblem(await as(t.clerk).post(`/credit-requests/${first}/withdrawal`).send({ reason: '我撤回' }), 403, 'NotTheRequester');
      const withdrawn = await as(t.seller).post(`/credit-requests/${first}/withdrawal`).send({ reason: '客户暂不需要' });
      expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
      expect(withdrawn.body).toEqual({ id: first, status: 'withdrawn', version: 2 });
      // Withdrawing again changes nothing.
      expect((await as(t.seller).post(`/credit-requests/${first}/withdrawal`).send({ reason: '再次撤回' })).body).toEqual({ id: first, status: 'withdrawn', version: 2 });
      expectProblem(await decide(t.sam, first), 409, 'RequestNotPending');
      expect((await read(t.seller, first)).body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });

      expect((await requestChange(t.clerk, customerId, '400000')).status).toBe(201);
    });
  });

  test('a rejection ends the request: the limit stays, further decisions answer 409 RequestNotPending', async () => {
    const customerId = await c.register('被拒客户');
    const id = (await requestChange(t.seller, customerId)).body.id as string;
    expect((await decide(t.sam, id)).status).toBe(201);
    const rejected = await decide(t.vp, id, 'reject', '风险过高，不同意');
    expect(rejected.body).toEqual({ id, status: 'rejected', step: 2, role: 'salesVP', decision: 'reject', version: 3 });
    expectProblem(await decide(t.gm, id), 409, 'RequestNotPending');
    const form = await read(t.seller, id);
    expect(form.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(['approve', 'reject']);
    expect(await c.creditLimit(customerId)).toBeNull();
  });

  test('proposing the limit in force is refused (422 LimitUnchanged); an unknown customer or request is a 404', async () => {
    const customerId = await c.register('额度不变客户');
    expectProblem(await requestChange(t.seller, customerId, '0'), 422, 'LimitUnchanged');
    expectProblem(await requestChange(t.clerk, randomUUID()), 404, 'CustomerNotFound');
    expectProblem(await read(t.clerk, randomUUID()), 404, 'NotFound');
    expectProblem(await decide(t.sam, randomUUID()), 404, 'NotFound');
  });

  describe('the salesperson’s scope', () => {
    test('another salesperson’s customer and its requests answer 404; a reassigned customer’s requests follow it', async () => {
      const customerId = await c.register('范围客户', 'sp-1');
      const other = await c.token(['salesperson'], 'sp-2');
      expectProblem(await requestChange(other, customerId), 404, 'CustomerNotFound');
      const id = (await requestChange(t.seller, customerId)).body.id as string;
      expectProblem(await read(other, id), 404, 'NotFound');
      expectProblem(await as(other).post(`/credit-requests/${id}/withdrawal`).send({ reason: '撤回' }), 404, 'NotFound');
      expect((await as(other).get(`/credit-requests?customerId=${customerId}`)).body).toEqual({ items: [], nextCursor: null });

      await c.reassign(customerId, 'sp-2');
      expect((await read(other, id)).status).toBe(200);
      expect((await as(other).get(`/credit-requests?customerId=${customerId}`)).body.items.map((r: { id: string }) => r.id)).toEqual([id]);
      // The requester still sees what they asked for.
      expect((await read(t.seller, id)).status).toBe(200);
    });
  });

  describe('invalid input names the failing field', () => {
    test.each([
      [{ proposedLimit: '12.345' }, 'body.proposedLimit'],
      [{ proposedLimit: 300000 }, 'body.proposedLimit'],
      [{ reason: '  ' }, 'body.reason'],
      [{ customerId: 'not-a-uuid' }, 'body.customerId'],
      [{ requestedBy: 'someone-else' }, 'body.requestedBy'],
      [{ reason: '旺季\u0000备货' }, 'body.reason'], // PostgreSQL cannot store U+0000
    ])('POST /credit-requests with %j → 400 at %s', async (patch, path) => {
      const body = { customerId: randomUUID(), proposedLimit: '1000.00', reason: '理由', ...patch };
      const res = await as(t.seller).post('/credit-requests').send(body);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    test('decisions and queries too', async () => {
      const bad = await as(t.sam).post(`/credit-requests/${randomUUID()}/decisions`).send({ decision: 'maybe' });
      expectProblem(bad, 400, 'RequestInvalid');
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.decision', 'body.opinion']);
      const badId = await read(t.sam, 'abc');
      expect(badId.body.errors).toEqual([expect.objectContaining({ path: 'params.id' })]);
      const badQueue = await as(t.sam).get('/credit-requests?awaitingRole=archiveClerk&limit=0');
      expect(badQueue.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.awaitingRole', 'query.limit']);
    });
  });

  describe('retries and stale reads', () => {
    test('a retried request with its Idempotency-Key answers the first answer and writes nothing', async () => {
      const customerId = await c.register('重试客户');
      const send = () => requestChange(t.seller, customerId).set('Idempotency-Key', `open-${customerId}`);
      const first = await send();
      expect(first.status).toBe(201);
      const events = await c.eventCount();
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await c.eventCount()).toBe(events);

      const approve = () => decide(t.sam, first.body.id).set('Idempotency-Key', `decide-${customerId}`);
      const decided = await approve();
      expect(decided.status).toBe(201);
      const afterDecision = await c.eventCount();
      const replayed = await approve();
      expect(replayed.body).toEqual(decided.body);
      expect(await c.eventCount()).toBe(afterDecision);
      // The same key for another kind of request is refused rather than answered with the wrong thing.
      expectProblem(await as(t.seller).post(`/credit-requests/${first.body.id}/withdrawal`).set('Idempotency-Key', `open-${customerId}`).send({ reason: '撤回' }), 422, 'IdempotencyKeyReused');
    });

    test('a decision with a stale If-Match is refused (412) and changes nothing', async () => {
      const customerId = await c.register('并发客户');
      const id = (await requestChange(t.seller, customerId)).body.id as string;
      const etag = (await read(t.sam, id)).headers.etag as string;
      expect((await decide(t.sam, id).set('If-Match', etag)).status).toBe(201);
      const events = await c.eventCount();
      expectProblem(await decide(t.vp, id).set('If-Match', etag), 412, 'VersionConflict');
      expectProblem(await as(t.seller).post(`/credit-requests/${id}/withdrawal`).set('If-Match', etag).send({ reason: '撤回' }), 412, 'VersionConflict');
      expect(await c.eventCount()).toBe(events);
      expect((await decide(t.vp, id).set('If-Match', '"2"')).status).toBe(201);
      expectProblem(await decide(t.gm, randomUUID()).set('If-Match', '*'), 404, 'NotFound');
    });
  });
});
