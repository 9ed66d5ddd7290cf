import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { client, type CustomersApp, expectProblem, openCustomersApp, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/**
 * Changes to an archive besides PATCH: change requests (修改申请) applied and rejected,
 * contacts, status, salesperson, validity, review and approval, violations and
 * evaluations; and the audit trail that shows who did each and why.
 */
describe.each(storeCases)('changing archives on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    t.clerk = await c.token(['archiveClerk'], 'clerk-1');
    t.service = await c.token(['serviceClerk'], 'service-1');
    t.clerkAndService = await c.token(['archiveClerk', 'serviceClerk'], 'clerk-2');
    t.auditor = await c.token(['auditor'], 'auditor-1');
    t.board = await c.token(['reviewBoard'], 'board-1');
    t.ggm = await c.token(['groupGM'], 'ggm-1');
    t.boardAndGgm = await c.token(['reviewBoard', 'groupGM'], 'both-1');
  });
  afterAll(() => c.close());

  const registered = async (salespersonId = 'sp-1') => {
    const res = await as(t.clerk).post('/customers').send(archiveBody(uniqueName('客户'), salespersonId));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const propose = (id: string, changes: object, token = t.service) =>
    as(token).post(`/customers/${id}/change-requests`).send({ changes, reason: '客户来函要求更新' });
  const decide = (requestId: string, decision: 'apply' | 'reject', token = t.clerk) =>
    as(token).post(`/change-requests/${requestId}/decision`).send({ decision, reason: decision === 'apply' ? '核实无误' : '资料不全' });
  const archive = async (id: string) => (await as(t.clerk).get(`/customers/${id}`)).body;

  describe('when someone other than the archive clerk asks for a change', () => {
    test('the request is created (201), shows what it changes and why, and applying it changes the archive', async () => {
      const id = await registered();
      const proposed = await propose(id, { region: '华南', remarks: '新增备注' });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      expect(proposed.body).toEqual({ id: expect.any(String), version: 1 });
      expect(proposed.headers.location).toBe(`/change-requests/${proposed.body.id}`);
      expect((await archive(id)).region).toBe('华东');

      const pending = await as(t.clerk).get(proposed.headers.location!);
      expect(pending.headers.etag).toBe('"1"');
      expect(pending.body).toMatchObject({
        id: proposed.body.id,
        customerId: id,
        status: 'pending',
        changes: [
          { field: 'region', from: '华东', to: '华南' },
          { field: 'remarks', from: null, to: '新增备注' },
        ],
        requestedBy: { id: 'service-1' },
        reason: '客户来函要求更新',
        decidedBy: null,
      });

      const applied = await decide(proposed.body.id, 'apply').set('If-Match', '"1"');
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(applied.body).toEqual({ id: proposed.body.id, customerId: id, status: 'applied', version: 2, customerVersion: 2 });
      expect(await archive(id)).toMatchObject({ region: '华南', remarks: '新增备注', version: 2 });
      const decided = await as(t.auditor).get(proposed.headers.location!);
      expect(decided.body).toMatchObject({ status: 'applied', decidedBy: { id: 'clerk-1' }, decisionReason: '核实无误', version: 2 });
      expect((await decide(proposed.body.id, 'apply')).body).toMatchObject({ status: 'applied', version: 2 });
    });

    test('a rejected request leaves the archive as it was and cannot be applied later (409)', async () => {
      const id = await registered();
      const proposed = await propose(id, { region: '西北' });
      const rejected = await decide(proposed.body.id, 'reject');
      expect(rejected.status).toBe(200);
      expect(rejected.body).toEqual({ id: proposed.body.id, customerId: id, status: 'rejected', version: 2, customerVersion: null });
      expect((await archive(id)).region).toBe('华东');
      expectProblem(await decide(proposed.body.id, 'apply'), 409, 'ChangeRequestAlreadyDecided');
    });

    test('a request whose fields moved since is stale (409) and writes nothing; a stale If-Match is 412', async () => {
      const id = await registered();
      const proposed = await propose(id, { region: '东北' });
      expect((await as(t.clerk).patch(`/customers/${id}`).send({ region: '华中', reason: '客户迁址' })).status).toBe(200);
      const before = await c.eventCount();
      expectProblem(await decide(proposed.body.id, 'apply'), 409, 'ChangeRequestIsStale');
      expectProblem(await decide(proposed.body.id, 'reject').set('If-Match', '"7"'), 412);
      expect(await c.eventCount()).toBe(before);
    });

    test('the person who asked cannot apply it; asking for what the archive holds, or about nobody, is refused', async () => {
      const id = await registered();
      const own = await propose(id, { remarks: '自己申请' }, t.clerkAndService);
      expect(own.status).toBe(201);
      expectProblem(await decide(own.body.id, 'apply', t.clerkAndService), 409, 'ApproverIsRequester');
      expectProblem(await propose(id, { region: '华东' }), 409, 'ChangeRequestChangesNothing');
      expectProblem(await propose(randomUUID(), { region: '华东' }), 404, 'CustomerNotFound');
      expectProblem(await propose(id, { region: '华西' }).set('If-Match', '"9"'), 412);
      expect((await propose(id, { region: '华西' }).set('If-Match', '"1"')).status).toBe(201);
      expectProblem(await as(t.clerk).get(`/change-requests/${randomUUID()}`), 404);
      expectProblem(await decide(randomUUID(), 'apply'), 404, 'ChangeRequestNotFound');
    });

    test('retried with its Idempotency-Key, a proposal and a decision answer as the first time', async () => {
      const id = await registered();
      const key = randomUUID();
      const first = await propose(id, { remarks: '重试' }).set('Idempotency-Key', key);
      const again = await propose(id, { remarks: '重试' }).set('Idempotency-Key', key);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const decisionKey = randomUUID();
      const decided = await decide(first.body.id, 'apply').set('Idempotency-Key', decisionKey);
      const replayed = await decide(first.body.id, 'apply').set('Idempotency-Key', decisionKey);
      expect(replayed.status).toBe(200);
      expect(replayed.body).toEqual(decided.body);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('when a request carries a status and contacts (v1.1)', () => {
    const asked = { status: 'lost', contacts: { add: [{ category: 'secondary', name: '赵工', mobile: '13912345678' }] } };
    const withPrimaryRenamed = async (id: string) => {
      const primary = (await archive(id)).contacts[0].id as string;
      return { ...asked, contacts: { ...asked.contacts, change: [{ contactId: primary, changes: { name: '王总' } }] } };
    };

    test('applying it changes them through the direct rules; the view shows what was asked', async () => {
      const id = await registered();
      const proposed = await propose(id, await withPrimaryRenamed(id));
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      const pending = await as(t.clerk).get(`/change-requests/${proposed.body.id}`);
      expect(pending.body).toMatchObject({ changes: [], alsoProposed: { status: 'lost', contacts: { add: [{ id: expect.any(String), name: '赵工' }] } } });
      expect((await archive(id)).status).toBe('active');
      // The contacts' details in the request are theirs (个人信息): stored sealed, never in the clear.
      const { rows } = await c.store.db.query<{ data: string }>(`select data::text from ${c.store.schema}.events where stream_id = $1`, [`changeRequest-${proposed.body.id}`]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.data).not.toMatch(/赵工|13912345678|王总/);

      const applied = await decide(proposed.body.id, 'apply');
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(applied.body).toMatchObject({ status: 'applied', customerVersion: 4 });
      const after = await archive(id);
      expect(after).toMatchObject({ status: 'lost', version: 4 });
      expect(after.contacts.map((c: { name: string }) => c.name).sort()).toEqual(['王总', '赵工'].sort());
    });

    test('rejecting it changes nothing', async () => {
      const id = await registered();
      const before = await archive(id);
      const proposed = await propose(id, await withPrimaryRenamed(id));
      expect((await decide(proposed.body.id, 'reject')).status).toBe(200);
      expect(await archive(id)).toEqual(before);
    });

    test('one the direct route would refuse is refused when applied (409), and nothing of it is applied', async () => {
      const id = await registered();
      const before = await archive(id);
      const proposed = await propose(id, { ...asked, status: 'prospect' });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      expectProblem(await decide(proposed.body.id, 'apply'), 409, 'StatusTransitionNotAllowed');
      expect(await archive(id)).toEqual(before);
    });

    test('an unknown field among them is a 400 naming it', async () => {
      const id = await registered();
      const res = await propose(id, { contacts: { rename: [] } });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain('rename');
    });
  });

  describe('when the archive clerk keeps the contacts', () => {
    test('a contact is added (201 with its id), changed, and removed with the reason in the query or the body', async () => {
      const id = await registered();
      const added = await as(t.clerk).post(`/customers/${id}/contacts`).send({ category: 'secondary', name: '赵工', mobile: '139 1234 5678', reason: '新对接人' });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body).toEqual({ id: expect.any(String), version: 2 });
      const contact = `/customers/${id}/contacts/${added.body.id}`;
      const bad = await as(t.clerk).patch(contact).send({ email: 'zhao@', reason: '更正' });
      expectProblem(bad, 400, 'RequestInvalid');
      expect(bad.body.errors).toContainEqual({ path: 'body.email', message: expect.any(String) });
      expect((await as(t.clerk).patch(contact).send({ email: 'zhao@example.com', mobile: null, reason: '更正' })).body).toEqual({ version: 3 });
      expect((await archive(id)).contacts[1]).toEqual({ id: added.body.id, category: 'secondary', name: '赵工', email: 'zhao@example.com' });

      expectProblem(await as(t.clerk).delete(contact), 422, 'ReasonRequired');
      expect((await as(t.clerk).delete(`${contact}?reason=${encodeURIComponent('已离职')}`)).body).toEqual({ version: 4 });
      expect((await as(t.clerk).delete(contact).send({ reason: '再次删除' })).body).toEqual({ version: 4 });
      expectProblem(await as(t.clerk).patch(contact).send({ name: '赵', reason: '更正' }), 404, 'ContactNotFound');
      expect((await archive(id)).contacts).toHaveLength(1);
    });
  });

  describe('when the header changes', () => {
    test('status follows the allowed transitions; the salesperson and validity change by their own routes', async () => {
      const id = await registered();
      expect((await as(t.clerk).put(`/customers/${id}/status`).send({ status: 'inactive', reason: '半年无订单' })).body).toEqual({ version: 2 });
      expectProblem(await as(t.clerk).put(`/customers/${id}/status`).send({ status: 'prospect', reason: '重新开发' }), 409, 'StatusTransitionNotAllowed');
      expect((await as(t.clerk).put(`/customers/${id}/salesperson`).send({ salespersonId: 'sp-9', reason: '区域调整' })).body).toEqual({ version: 3 });
      expectProblem(await as(t.clerk).put(`/customers/${id}/validity`).send({ validUntil: '2026-01-01', reason: '复审' }), 409, 'ValidityNotExtended');
      expect((await as(t.clerk).put(`/customers/${id}/validity`).send({ validUntil: '2028-12-31', reason: '复审通过' })).body).toEqual({ version: 4 });
      expect(await archive(id)).toMatchObject({ status: 'inactive', salespersonId: 'sp-9', validUntil: '2028-12-31', version: 4 });
    });

    test('the review board reviews and the group GM approves; not before the review, nor the reviewer', async () => {
      const id = await registered();
      expectProblem(await as(t.ggm).post(`/customers/${id}/approvals`).send({ reason: '审批' }), 409, 'ArchiveNotReviewed');
      expect((await as(t.boardAndGgm).post(`/customers/${id}/reviews`).send({ reason: '评审通过' })).status).toBe(201);
      expectProblem(await as(t.boardAndGgm).post(`/customers/${id}/approvals`).send({ reason: '审批' }), 409, 'ApproverIsReviewer');
      const approved = await as(t.ggm).post(`/customers/${id}/approvals`).send({ reason: '同意' });
      expect(approved.status).toBe(201);
      expect((await archive(id)).review).toMatchObject({ stage: 'approved', reviewer: { id: 'both-1' }, approver: { id: 'ggm-1' } });
      expect((await archive(id)).approval).toBe('approved');
    });

    test('审批 N: a rejected archive goes back to the clerk; its 核对与更改 makes it pending; an approved one too when its fields change', async () => {
      const id = await registered();
      expect((await archive(id)).approval).toBe('pending');
      expect((await as(t.board).post(`/customers/${id}/reviews`).send({ reason: '评审' })).status).toBe(201);
      expect((await archive(id)).approval).toBe('reviewed');
      const rejected = await as(t.ggm).post(`/customers/${id}/approvals`).send({ decision: 'reject', reason: '资料不全，退回核对' });
      expect(rejected.status, JSON.stringify(rejected.body)).toBe(201);
      expect(await archive(id)).toMatchObject({ approval: 'rejected', review: { stage: 'rejected', approver: { id: 'ggm-1' } } });
      expectProblem(await as(t.ggm).post(`/customers/${id}/approvals`).send({ reason: '同意' }), 409, 'ArchiveAlreadyDecided');
      // A violation or an evaluation is not 核对与更改.
      await as(t.service).post(`/customers/${id}/evaluations`).send({ text: '配合度高' });
      expect((await archive(id)).approval).toBe('rejected');
      expect((await as(t.clerk).patch(`/customers/${id}`).send({ website: 'https://example.cn', reason: '核对更正网址' })).status).toBe(200);
      expect((await archive(id)).approval).toBe('pending');

      expect((await as(t.board).post(`/customers/${id}/reviews`).send({ reason: '复评' })).status).toBe(201);
      expect((await as(t.ggm).post(`/customers/${id}/approvals`).send({ decision: 'approve', reason: '同意' })).status).toBe(201);
      expect((await archive(id)).approval).toBe('approved');
      expect((await as(t.clerk).patch(`/customers/${id}`).send({ remarks: '年度复核', reason: '更新备注' })).status).toBe(200);
      expect((await archive(id)).approval).toBe('pending');
    });

    test('the group GM decides many reviewed archives at once, each on its own', async () => {
      const [a, b, unreviewed] = [await registered(), await registered(), await registered()];
      for (const id of [a, b]) await as(t.board).post(`/customers/${id}/reviews`).send({ reason: '评审' });
      expectProblem(await as(t.board).post('/customers/approvals').send({ customerIds: [a], reason: '批量' }), 403, 'RoleNotAllowed');
      const res = await as(t.ggm).post('/customers/approvals').send({ customerIds: [a, b, unreviewed], reason: '月度定期审批' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items).toEqual([
        { customerId: a, status: 201, version: expect.any(Number) },
        { customerId: b, status: 201, version: expect.any(Number) },
        { customerId: unreviewed, status: 409, problem: { code: 'ArchiveNotReviewed', detail: expect.any(String) } },
      ]);
      expect([(await archive(a)).approval, (await archive(b)).approval, (await archive(unreviewed)).approval]).toEqual(['approved', 'approved', 'pending']);
    });
  });

  describe('when violations and evaluations are recorded', () => {
    test('a violation is recorded (201), not one in the future (422); the evaluator is the caller', async () => {
      const id = await registered();
      const recorded = await as(t.service).post(`/customers/${id}/violations`).send({ occurredAt: '2026-01-05T10:00:00+08:00', type: '逾期付款', description: '货款逾期 30 天', reason: '财务通报' });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      expect(recorded.body).toEqual({ version: 2 });
      const future = new Date(Date.now() + 86_400_000).toISOString();
      expectProblem(await as(t.service).post(`/customers/${id}/violations`).send({ occurredAt: future, type: '逾期', description: '未来', reason: '测试' }), 422, 'ViolationInTheFuture');

      const smuggled = await as(t.service).post(`/customers/${id}/evaluations`).send({ text: '冒名', evaluator: { id: 'ggm-1', name: '总经理' } });
      expect(smuggled.body.errors).toContainEqual({ path: 'body.evaluator', message: 'unknown field' });
      expect((await as(t.service).post(`/customers/${id}/evaluations`).send({ text: '配合度高' })).status).toBe(201);
      expect(await archive(id)).toMatchObject({
        violations: [{ occurredAt: '2026-01-05T10:00:00+08:00', type: '逾期付款', description: '货款逾期 30 天' }],
        evaluations: [{ evaluator: { id: 'service-1', name: '测试 service-1' }, text: '配合度高' }],
      });
    });
  });

  describe('when the auditor reads the audit trail', () => {
    test('every change shows with its author, roles and reason, paged, and cut at knownAt', async () => {
      const id = await registered();
      await as(t.clerk).patch(`/customers/${id}`).send({ region: '华北', reason: '客户迁址' });
      const beforeRequest = new Date().toISOString();
      const proposed = await propose(id, { remarks: '经申请修改' });
      await decide(proposed.body.id, 'apply');
      await as(t.service).post(`/customers/${id}/evaluations`).send({ text: '无原因的评价' });

      const all = await as(t.auditor).get(`/customers/${id}/history`);
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items).toMatchObject([
        { version: 1, type: 'CustomerRegistered', actor: { id: 'clerk-1', name: '测试 clerk-1', roles: ['archiveClerk'] }, reason: '新客户建档' },
        { version: 2, type: 'ArchiveFieldsChanged', actor: { id: 'clerk-1' }, reason: '客户迁址', data: { changes: [{ field: 'region', from: '华东', to: '华北' }] } },
        { version: 3, type: 'ArchiveFieldsChanged', actor: { id: 'clerk-1' }, reason: '核实无误', data: { changeRequestId: proposed.body.id } },
        { version: 4, type: 'EvaluationAdded', actor: { id: 'service-1', roles: ['serviceClerk'] }, reason: null },
      ]);
      const positions = all.body.items.map((i: { position: number }) => i.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(all.body.items[0].data.archive.invoicing).toMatchObject({ bank: '中国工商银行上海分行' });

      const first = await as(t.auditor).get(`/customers/${id}/history?limit=3`);
      expect(first.body.items.map((i: { version: number }) => i.version)).toEqual([1, 2, 3]);
      const second = await as(t.auditor).get(`/customers/${id}/history?limit=3&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ items: [{ version: 4 }], nextCursor: null });

      const known = await as(t.auditor).get(`/customers/${id}/history?knownAt=${encodeURIComponent(beforeRequest)}`);
      expect(known.body.items.map((i: { version: number }) => i.version)).toEqual([1, 2]);
      expectProblem(await as(t.auditor).get(`/customers/${id}/history?knownAt=2000-01-01T00:00:00Z`), 404, 'CustomerNotFound');
      expectProblem(await as(t.auditor).get(`/customers/${randomUUID()}/history`), 404, 'CustomerNotFound');
    });
  });
});
