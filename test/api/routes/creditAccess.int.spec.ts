import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as E from 'fp-ts/Either';
import { requestCreditLimitChange } from '../../../src/app/credit/index.js';
import { type Actor, Role } from '../../../src/domain/shared/index.js';
import { loadCustomerSnapshot } from '../../../src/projections/loaders/customerSnapshot.js';
import { storeCases } from '../../support/stores.js';
import { type CreditApp, client, expectProblem, openCreditApp } from './creditApp.js';
import { describeRoleMatrix, type RouteCall } from './roleMatrix.js';

/** Who may call each credit-request route (API.md), and what the others are told. */
const requesters: readonly Role[] = ['salesperson', 'archiveClerk', 'salesDeptManager', 'salesAdminManager', 'salesVP', 'salesGM', 'groupGM'];
const approvers: readonly Role[] = ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'];


const calls: RouteCall[] = [
  {
    name: 'POST /credit-requests',
    allowed: requesters,
    admitted: 404, // an unknown customer
    send: (as, t) => as(t).post('/credit-requests').send({ customerId: randomUUID(), proposedLimit: '1000', reason: '申请' }),
  },
  { name: 'GET /credit-requests/{id}', allowed: Role.options, admitted: 404, send: (as, t) => as(t).get(`/credit-requests/${randomUUID()}`) },
  { name: 'GET /credit-requests', allowed: Role.options, admitted: 200, send: (as, t) => as(t).get('/credit-requests?status=pending') },
  {
    name: 'POST /credit-requests/{id}/decisions',
    allowed: approvers,
    admitted: 404,
    send: (as, t) => as(t).post(`/credit-requests/${randomUUID()}/decisions`).send({ decision: 'approve', opinion: '同意' }),
  },
  {
    name: 'POST /credit-requests/{id}/withdrawal',
    allowed: requesters,
    admitted: 404,
    send: (as, t) => as(t).post(`/credit-requests/${randomUUID()}/withdrawal`).send({ reason: '撤回' }),
  },
];

describe.each(storeCases)('who may call the credit-request routes on $name', ({ open }) => {
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

  test('each approver’s queue holds what awaits their role, whoever requested it', async () => {
    const first = await c.register('队列客户甲');
    const second = await c.register('队列客户乙');
    const seller = await c.token(['salesperson'], 'sp-1');
    const ask = (customerId: string) => as(seller).post('/credit-requests').send({ customerId, proposedLimit: '50000', reason: '新客户授信' });
    const a = (await ask(first)).body.id as string;
    const b = (await ask(second)).body.id as string;
    expect((await as(tokens.get('salesAdminManager')).post(`/credit-requests/${a}/decisions`).send({ decision: 'approve', opinion: '同意' })).status).toBe(201);

    const queueOf = async (role: Role) =>
      ((await as(tokens.get('auditor')).get(`/credit-requests?awaitingRole=${role}`)).body.items as { id: string }[]).map((r) => r.id);
    expect(await queueOf('salesAdminManager')).toEqual([b]);
    expect(await queueOf('salesVP')).toEqual([a]);
    expect(await queueOf('groupGM')).toEqual([]);

    // Pages: one at a time, in id order, to the end.
    const [low, high] = [a, b].sort();
    const page1 = await as(tokens.get('auditor')).get('/credit-requests?status=pending&limit=1');
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([low]);
    const page2 = await as(tokens.get('auditor')).get(`/credit-requests?status=pending&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual([high]);
    expect(page2.body.nextCursor).toBeNull();
    expectProblem(await as(tokens.get('auditor')).get('/credit-requests?cursor=bm90LW91cnM'), 400, 'RequestInvalid');
  });

  test('a salesperson pages through exactly their own requests, every page full, whoever else’s lie between', async () => {
    // Eight requests whose ids sort in this order (they share all but the last byte):
    // the seller's at 2 (their customer), 5 (a customer reassigned to them since) and
    // 7 (one they requested, reassigned away since); the others' between and around,
    // 4 among them on a customer that was the seller's when it was requested.
    const me: Actor = { id: 'sp-pages', name: '翻页业务员', roles: ['salesperson'] };
    const clerk: Actor = { id: 'clerk-pages', name: '翻页建档员', roles: ['archiveClerk'] };
    const prefix = randomUUID().slice(0, -2);
    const idOf = (i: number) => `${prefix}${i.toString(16).padStart(2, '0')}`;
    const layout: { owner: string; requester: Actor; reassignTo?: string }[] = [
      { owner: 'sp-elsewhere', requester: clerk },
      { owner: me.id, requester: clerk },
      { owner: 'sp-elsewhere', requester: clerk },
      { owner: me.id, requester: clerk, reassignTo: 'sp-elsewhere' },
      { owner: 'sp-elsewhere', requester: clerk, reassignTo: me.id },
      { owner: 'sp-elsewhere', requester: clerk },
      { owner: me.id, requester: me, reassignTo: 'sp-elsewhere' },
      { owner: 'sp-elsewhere', requester: clerk },
    ];
    const request = requestCreditLimitChange({ store: c.store.store, loadCustomerSnapshot: loadCustomerSnapshot(c.views) });
    for (const [i, { owner, requester, reassignTo }] of layout.entries()) {
      const customerId = await c.register(`翻页客户${i + 1}`, owner);
      const made = await request({
        requestId: idOf(i + 1),
        customerId,
        proposedLimit: '30000',
        meta: { actor: requester, at: new Date().toISOString(), reason: '授信' },
      })();
      expect(E.isRight(made), JSON.stringify(made)).toBe(true);
      await c.engine.catchUp(5000);
      if (reassignTo !== undefined) await c.reassign(customerId, reassignTo);
    }

    const seller = await c.token(['salesperson'], me.id);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res = await as(seller).get(`/credit-requests?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      pages.push((res.body.items as { id: string }[]).map((r) => r.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([[idOf(2), idOf(5)], [idOf(7)]]);

    // The others see theirs (sp-elsewhere: the six on customers theirs now); everyone else sees all eight.
    const elsewhere = await c.token(['salesperson'], 'sp-elsewhere');
    const all = async (token: string) =>
      ((await as(token).get('/credit-requests?limit=500')).body.items as { id: string }[]).map((r) => r.id).filter((id) => id.startsWith(prefix));
    expect(await all(elsewhere)).toEqual([1, 3, 4, 6, 7, 8].map(idOf));
    expect(await all(tokens.get('auditor')!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(idOf));
  });
});
