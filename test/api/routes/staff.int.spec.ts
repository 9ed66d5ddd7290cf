import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../../src/domain/shared/index.js';
import { storeCases } from '../../support/stores.js';
import { openProductApp, type ProductApp } from '../support/productApp.js';
import { client, expectProblem } from './http.js';

const reason = '新员工入职';

describe.each(storeCases)('the staff directory over HTTP on $name', ({ open }) => {
  let p: ProductApp;
  let as: ReturnType<typeof client>;
  const tokenOf: Partial<Record<Role, string>> = {};
  let manager: string;

  beforeAll(async () => {
    p = await openProductApp(open);
    as = client(p.app);
    for (const role of Role.options) tokenOf[role] = await p.token([role], `${role}-1`);
    manager = tokenOf.salesAdminManager!;
  });
  afterAll(() => p.close());

  describe('who may call it', () => {
    test('without a token every staff route answers 401 and writes nothing', async () => {
      const before = await p.eventCount();
      expectProblem(await as().put('/staff/sp-x').send({ name: '赵敏', reason }), 401, 'Unauthenticated');
      expectProblem(await as().get('/staff'), 401, 'Unauthenticated');
      expectProblem(await as().get('/staff/sp-x'), 401, 'Unauthenticated');
      expect(await p.eventCount()).toBe(before);
    });

    test.each(Role.options.filter((r) => r !== 'salesAdminManager'))('%s may not put an entry (403), and nothing is written', async (role) => {
      const before = await p.eventCount();
      expectProblem(await as(tokenOf[role]).put('/staff/sp-403').send({ name: '赵敏', reason }), 403, 'RoleNotAllowed');
      expect(await p.eventCount()).toBe(before);
    });

    test.each(Role.options)('%s reads the directory and an entry', async (role) => {
      await as(manager).put('/staff/sp-read').send({ name: '李娜', reason }).expect((r) => expect([200, 201]).toContain(r.status));
      expect((await as(tokenOf[role]).get('/staff')).status).toBe(200);
      expect((await as(tokenOf[role]).get('/staff/sp-read')).body).toMatchObject({ id: 'sp-read', name: '李娜' });
    });
  });

  describe('what it refuses', () => {
    test.each([
      ['a missing name', { reason }, 'body.name'],
      ['a blank name', { name: ' \u200b ', reason }, 'body.name'],
      ['a name over 100 characters', { name: '长'.repeat(101), reason }, 'body.name'],
      ['a name holding a bidirectional control', { name: '赵\u202e敏', reason }, 'body.name'],
      ['a missing reason', { name: '赵敏' }, 'body.reason'],
      ['an invisible reason', { name: '赵敏', reason: '\u200b' }, 'body.reason'],
      ['an unknown field', { name: '赵敏', reason, email: 'x@example.com' }, 'body.email'],
      ['a department of the wrong type', { name: '赵敏', department: 3, reason }, 'body.department'],
    ])('%s is a 400 naming the field, and nothing is written', async (_what, body, path) => {
      const before = await p.eventCount();
      const res = await as(manager).put('/staff/sp-bad').send(body);
      expectProblem(res, 400, 'RequestInvalid');
      expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
      expect(await p.eventCount()).toBe(before);
    });

    test('an id with a NUL is a 400 naming the path parameter', async () => {
      const res = await as(manager).put('/staff/a%00b').send({ name: '赵敏', reason });
      expectProblem(res, 400);
      expect((res.body.errors as { path: string }[]).some((e) => e.path.startsWith('params.id'))).toBe(true);
    });
  });

  describe('when a person is put in the directory', () => {
    test('a new entry is 201 with its Location and ETag, a change 200 with the next version, the same again 200 writing nothing', async () => {
      const created = await as(manager).put('/staff/sp-zhaomin').send({ name: '赵敏', department: '销售部', title: '业务员', reason });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/staff/sp-zhaomin');
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toEqual({ id: 'sp-zhaomin', name: '赵敏', department: '销售部', title: '业务员', version: 1 });

      const changed = await as(manager).put('/staff/sp-zhaomin').send({ name: '赵敏', department: '华东销售部', reason: '调岗' });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ id: 'sp-zhaomin', name: '赵敏', department: '华东销售部', title: null, version: 2 });

      const before = await p.eventCount();
      const again = await as(manager).put('/staff/sp-zhaomin').send({ name: '赵敏', department: '华东销售部', reason: '再次提交' });
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(2);
      expect(await p.eventCount()).toBe(before);

      const read = await as(tokenOf.auditor).get('/staff/sp-zhaomin');
      expect(read.headers.etag).toBe('"2"');
      expect(read.body).toEqual({ id: 'sp-zhaomin', name: '赵敏', department: '华东销售部', title: null, version: 2 });
    });

    test('the event carries the author (the authenticated user) and the reason', async () => {
      await as(manager).put('/staff/sp-author').send({ name: '王磊', reason: '入职登记' }).expect(201);
      const { rows } = await p.store.db.query<{ type: string; data: unknown; metadata: { actor: { id: string }; reason: string } }>(
        `select type, data, metadata from ${p.store.schema}.events where stream_id = 'staff-sp-author'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ type: 'StaffMemberRegistered', data: { staffId: 'sp-author', name: '王磊' } });
      expect(rows[0]!.metadata).toMatchObject({ actor: { id: 'salesAdminManager-1' }, reason: '入职登记' });
    });

    test('an id that is not a UUID but a token’s sub of any spelling works, encoded in the path', async () => {
      const res = await as(manager).put(`/staff/${encodeURIComponent('auth0|王 磊')}`).send({ name: '王磊', reason });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/staff/${encodeURIComponent('auth0|王 磊')}`);
      expect((await as(manager).get(res.headers.location!)).body.name).toBe('王磊');
    });

    test('a stale If-Match is a 412 and writes nothing; the current one passes', async () => {
      await as(manager).put('/staff/sp-etag').send({ name: '孙丽', reason }).expect(201);
      const before = await p.eventCount();
      expectProblem(await as(manager).put('/staff/sp-etag').set('If-Match', '"7"').send({ name: '孙莉', reason: '改名' }), 412);
      expect(await p.eventCount()).toBe(before);
      const ok = await as(manager).put('/staff/sp-etag').set('If-Match', '"1"').send({ name: '孙莉', reason: '改名' });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
    });

    test('If-Match: * on a person not listed is a 412', async () => {
      expectProblem(await as(manager).put('/staff/sp-nobody').set('If-Match', '*').send({ name: '无名', reason }), 412);
      expectProblem(await as(manager).get('/staff/sp-nobody'), 404, 'NotFound');
    });
  });

  describe('reading it at a time point', () => {
    test('before a person was listed they are not found; the directory then does not hold them', async () => {
      const before = new Date(Date.now() - 60_000).toISOString();
      await as(manager).put('/staff/sp-late').send({ name: '周杰', reason }).expect(201);
      expectProblem(await as(manager).get(`/staff/sp-late?asOf=${encodeURIComponent(before)}`), 404);
      expectProblem(await as(manager).get(`/staff/sp-late?knownAt=${encodeURIComponent(before)}`), 404);
      const then = await as(manager).get(`/staff?asOf=${encodeURIComponent(before)}&limit=500`);
      expect(then.body.items.map((i: { id: string }) => i.id)).not.toContain('sp-late');
      const now = await as(manager).get('/staff?limit=500');
      expect(now.body.items.map((i: { id: string }) => i.id)).toContain('sp-late');
    });

    test('a rename shows from its time on; as known before it, the old name', async () => {
      await as(manager).put('/staff/sp-rename').send({ name: '陈静', reason }).expect(201);
      const between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await as(manager).put('/staff/sp-rename').send({ name: '陈婧', reason: '更正姓名' }).expect(200);
      expect((await as(manager).get('/staff/sp-rename')).body.name).toBe('陈婧');
      expect((await as(manager).get(`/staff/sp-rename?asOf=${encodeURIComponent(between)}`)).body.name).toBe('陈静');
      const knownThen = await as(manager).get(`/staff/sp-rename?knownAt=${encodeURIComponent(between)}`);
      expect(knownThen.body.name).toBe('陈静');
      expect(knownThen.headers.etag).toBeUndefined();
    });

    test('the list pages in id order with sealed cursors, and refuses a forged one', async () => {
      for (const id of ['pg-a', 'pg-b', 'pg-c']) await as(manager).put(`/staff/${id}`).send({ name: `翻页${id}`, reason });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await as(manager).get(`/staff?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
        if (cursor !== null) expect(cursor).toContain('.');
      } while (cursor !== null);
      expect(seen).toEqual([...seen].sort());
      expect(seen).toEqual(expect.arrayContaining(['pg-a', 'pg-b', 'pg-c']));
      expect(new Set(seen).size).toBe(seen.length);
      const forged = Buffer.from('["pg-a"]').toString('base64url');
      expectProblem(await as(manager).get(`/staff?cursor=${forged}`), 400);
    });
  });
});
