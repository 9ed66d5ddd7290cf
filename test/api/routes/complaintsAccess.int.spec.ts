import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as E from 'fp-ts/Either';
import { receiveComplaint } from '../../../src/app/complaint/index.js';
import { type ComplaintStepName, stepRoles } from '../../../src/domain/complaint/index.js';
import { type Actor, managerRoles, Role } from '../../../src/domain/shared/index.js';
import { storeCases } from '../../support/stores.js';
import { type CreditApp, client, expectProblem, openCreditApp } from './creditApp.js';
import { describeRoleMatrix, type RouteCall } from './roleMatrix.js';

/** Who may call each complaint route, and who may take each step (API.md "Complaint steps"). */

const calls: RouteCall[] = [
  {
    name: 'POST /complaints',
    allowed: ['serviceClerk', 'salesperson'],
    admitted: 404, // an unknown customer
    send: (as, t) => as(t).post('/complaints').send({ customerId: randomUUID(), description: '投诉' }),
  },
  { name: 'GET /complaints/{id}', allowed: Role.options, admitted: 404, send: (as, t) => as(t).get(`/complaints/${randomUUID()}`) },
  { name: 'GET /complaints', allowed: Role.options, admitted: 200, send: (as, t) => as(t).get('/complaints?status=received') },
  {
    name: 'GET /reports/complaints/monthly',
    allowed: [...managerRoles, 'auditor'],
    admitted: 200,
    send: (as, t) => as(t).get('/reports/complaints/monthly?month=2026-09'),
  },
];

/** Each step's data, valid, so that only the role and the order decide the answer. */
const stepBodies: Record<ComplaintStepName, Record<string, unknown>> = {
  judge: { step: 'judge', category: 'quality' },
  assess: { step: 'assess', problemFound: true },
  proposePlan: { step: 'proposePlan', plan: '方案', departments: ['质量部'] },
  signOpinion: { step: 'signOpinion', opinion: '意见' },
  approve: { step: 'approve' },
  negotiate: { step: 'negotiate', outcome: 'satisfied' },
  execute: { step: 'execute' },
  litigate: { step: 'litigate' },
  concludeLitigation: { step: 'concludeLitigation', outcome: '判决' },
  reopen: { step: 'reopen', reason: '重开' },
};

describe.each(storeCases)('who may call the complaint routes on $name', ({ open }) => {
  let c: CreditApp;
  let as: ReturnType<typeof client>;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    c = await openCreditApp(open);
    as = client(c.app);
    for (const role of Role.options) tokens.set(role, await c.token([role], `${role}-1`));
  });
  afterAll(() => c.close());

  describeRoleMatrix(calls, () => ({ as, tokens }));

  test('a salesperson pages through exactly the complaints of their own customers, every page full, whoever else’s lie between', async () => {
    // Eight complaints whose ids sort in this order (they share all but the last byte):
    // the seller's at 2 and 7 (their customer) and 5 (a customer reassigned to them
    // since); the others' between and around, 4 among them on a customer that was the
    // seller's when the complaint came in.
    const me = 'sp-pages';
    const clerk: Actor = { id: 'service-pages', name: '翻页客服', roles: ['serviceClerk'] };
    const mine = await c.register('翻页客户甲', me);
    const others = await c.register('翻页客户乙', 'sp-elsewhere');
    const leaving = await c.register('翻页客户丙', me);
    const arriving = await c.register('翻页客户丁', 'sp-elsewhere');
    const prefix = randomUUID().slice(0, -2);
    const idOf = (i: number) => `${prefix}${i.toString(16).padStart(2, '0')}`;
    const receive = receiveComplaint({ store: c.store.store });
    for (const [i, customerId] of [others, mine, others, leaving, arriving, others, mine, others].entries()) {
      const made = await receive({ complaintId: idOf(i + 1), customerId, description: '投诉', meta: { actor: clerk, at: new Date().toISOString() } })();
      expect(E.isRight(made), JSON.stringify(made)).toBe(true);
    }
    await c.engine.catchUp(5000);
    await c.reassign(leaving, 'sp-elsewhere');
    await c.reassign(arriving, me);

    const seller = await c.token(['salesperson'], me);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res = await as(seller).get(`/complaints?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      pages.push((res.body.items as { id: string }[]).map((r) => r.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([[idOf(2), idOf(5)], [idOf(7)]]);

    const all = async (token: string) =>
      ((await as(token).get('/complaints?limit=500')).body.items as { id: string }[]).map((r) => r.id).filter((id) => id.startsWith(prefix));
    expect(await all(await c.token(['salesperson'], 'sp-elsewhere'))).toEqual([1, 3, 4, 6, 8].map(idOf));
    expect(await all(tokens.get('auditor')!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(idOf));
  });

  test('a salesperson finds in the list the complaints they recorded on a customer another salesperson owns, as they open them by id; the owner too; a third neither', async () => {
    const receiver = 'sp-receiver';
    const owner = 'sp-owner';
    const asReceiver = await c.token(['salesperson'], receiver);
    const asOwner = await c.token(['salesperson'], owner);
    const asThird = await c.token(['salesperson'], 'sp-third');
    // One recorded through the API while the customer was the receiver's, reassigned since;
    // one recorded by the receiver on a customer the owner held already.
    const moved = await c.register('收件客户甲', receiver);
    const posted = await as(asReceiver).post('/complaints').send({ customerId: moved, description: '包装破损' });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    await c.reassign(moved, owner);
    const owned = await c.register('收件客户乙', owner);
    const direct = randomUUID();
    const actor: Actor = { id: receiver, name: '收件业务员', roles: ['salesperson'] };
    const made = await receiveComplaint({ store: c.store.store })({ complaintId: direct, customerId: owned, description: '交期延误', meta: { actor, at: new Date().toISOString() } })();
    expect(E.isRight(made), JSON.stringify(made)).toBe(true);
    await c.engine.catchUp(5000);
    const ids = [posted.body.id as string, direct].sort();

    const listed = async (token: string, query = '') =>
      ((await as(token).get(`/complaints?limit=500${query}`)).body.items as { id: string }[]).map((r) => r.id).filter((id) => ids.includes(id));
    const opened = async (token: string) => Promise.all(ids.map(async (id) => (await as(token).get(`/complaints/${id}`)).status));

    expect(await listed(asReceiver)).toEqual(ids);
    expect(await listed(asReceiver, `&customerId=${owned}`)).toEqual([direct]);
    expect(await opened(asReceiver)).toEqual([200, 200]);
    expect(await listed(asOwner)).toEqual(ids);
    expect(await opened(asOwner)).toEqual([200, 200]);
    expect(await listed(asThird)).toEqual([]);
    expect(await opened(asThird)).toEqual([404, 404]);
  });

  describe('POST /complaints/{id}/steps', () => {
    // A complaint just received allows only `judge`; one judged allows only `assess`. A step the
    // complaint does not allow tells the roles that may take it (409) from those that may not (403).
    let received = '';
    let judged = '';
    beforeAll(async () => {
      const customerId = await c.register('步骤权限客户', 'salesperson-1');
      const receive = () => as(tokens.get('serviceClerk')).post('/complaints').send({ customerId, description: '投诉' });
      received = (await receive()).body.id;
      judged = (await receive()).body.id;
      expect((await as(tokens.get('serviceClerk')).post(`/complaints/${judged}/steps`).send(stepBodies.judge)).status).toBe(201);
    });

    test('answers 401 without a token', async () => {
      expectProblem(await as(undefined).post(`/complaints/${received}/steps`).send(stepBodies.judge), 401, 'Unauthenticated');
    });

    test.each(Object.keys(stepBodies) as ComplaintStepName[])('%s: its roles pass the role check, every other role is refused with 403', async (name) => {
      const target = name === 'judge' ? judged : received;
      const events = await c.eventCount();
      for (const role of Role.options) {
        const res = await as(tokens.get(role)).post(`/complaints/${target}/steps`).send(stepBodies[name]);
        if (stepRoles[name].includes(role)) expectProblem(res, 409, 'StepOutOfOrder');
        else expectProblem(res, 403, 'RoleNotAllowed');
      }
      expect(await c.eventCount()).toBe(events);
    });
  });
});
