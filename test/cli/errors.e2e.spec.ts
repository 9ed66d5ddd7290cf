import * as E from 'fp-ts/Either';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerCustomer } from '../../src/app/customer/index.js';
import { encodeGbk } from './support/gbk.js';
import { freshDataDir, removeTestDirs, scratchDir } from './support/dataDirs.js';
import { type CliRun, e2eTimeout, runCli, spawnCli } from './support/runCli.js';
import { withOpenStore } from './support/seed.js';

afterAll(removeTestDirs);

const clerk = { id: 'u-wangfang', name: '王芳', roles: ['archiveClerk' as const] };
const customer = { customerId: '6c1d7b2f-3e5a-4d9c-8b8f-2e3d4c5b6f01', name: '杭州恒达纺织有限公司' };

/** A user error: exactly the expected lines on stderr, no stack, the documented exit code. */
const expectOneLine = (run: CliRun, exitCode: number, line: RegExp) => {
  expect(run.code, run.stderr).toBe(exitCode);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(run.stderr).not.toMatch(/^\s+at /m);
};

describe('the CLI, when the user gets something wrong', { timeout: e2eTimeout }, () => {
  let dataDir: string;
  const files = scratchDir('errors');
  const sub = join(files, 'sub');
  mkdirSync(sub);

  beforeAll(async () => {
    dataDir = await freshDataDir('errors');
    await withOpenStore({ dataDir }, async ({ store }) => {
      const r = await registerCustomer({ store })({ ...customer, salespersonId: 'sp-1', status: 'active', meta: { actor: clerk, at: '2025-01-02T02:00:00Z', reason: '新客户建档' } })();
      if (E.isLeft(r)) throw new Error(r.left.message);
    });
  }, e2eTimeout);

  const importFile = (file: string, env: Record<string, string> = {}, extra: string[] = []) =>
    runCli(['import', 'monthly-figures', file, '--actor-id', clerk.id, ...extra], { DATA_DIR: dataDir, ...env });

  test('a missing import file: one line naming it and where it was looked for, exit 6', async () => {
    expectOneLine(await importFile(join(files, 'nope.csv')), 6, /^error: .*nope\.csv: no such file \(looked in .*\)$/);
  });

  test('a directory given as the file: exit 6', async () => {
    expectOneLine(await importFile(sub), 6, /^error: .*sub: is a directory, not a file$/);
  });

  test('a GBK file (Excel\'s "CSV" on a Chinese Windows) is detected and imported', async () => {
    const path = join(files, 'gbk.csv');
    writeFileSync(path, encodeGbk(`期间,客户名称,销售额,应收信用,按期回款\r\n2026-09,${customer.name},125000.00,80000.00,76000.00\r\n`));
    const run = await importFile(path);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('recorded 1 new and 0 corrected figures');
  });

  test('--encoding utf-8 on a GBK file: one line naming the line that is not UTF-8, exit 4', async () => {
    const path = join(files, 'gbk2.csv');
    writeFileSync(path, encodeGbk(`period,customer,sales,creditDue,creditPaidOnTime\n2026-08,${customer.name},1.00,1.00,1.00\n`));
    expectOneLine(await importFile(path, {}, ['--encoding', 'utf-8']), 4, /^error: .*gbk2\.csv: line 2 is not valid UTF-8 text/);
  });

  test('2,520 problems: the first 50 are printed and the rest counted, exit 4', async () => {
    const rows = Array.from({ length: 2520 }, (_, i) => `2026-0x,${customer.name},${i},1.00,1.00`);
    const path = join(files, 'many.csv');
    writeFileSync(path, ['period,customer,sales,creditDue,creditPaidOnTime', ...rows].join('\n'));
    const run = await importFile(path);
    expect(run.code).toBe(4);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/many\.csv: 2520 problems, nothing was imported:$/);
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines.at(-1)).toBe('  … and 2470 more (2520 in all)');
  });

  test('relative paths are the directory the user ran from (npm run sets INIT_CWD), for the file and for --out', async () => {
    writeFileSync(join(sub, 'rel.csv'), `\uFEFFperiod,customer,sales,creditDue,creditPaidOnTime\n2026-07,${customer.name},10.00,1.00,1.00\n`);
    const imported = await importFile('rel.csv', { INIT_CWD: sub });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const report = await runCli(['report', 'violations', '--out', 'violations.json'], { DATA_DIR: dataDir, INIT_CWD: sub });
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(sub, 'violations.json'))).toBe(true);
  });

  test('--out into a missing directory: one line naming the directory, exit 6, before any work', async () => {
    const run = await runCli(['report', 'violations', '--out', join(files, 'missing', 'v.csv')], { DATA_DIR: dataDir });
    expectOneLine(run, 6, /^error: --out .*v\.csv: the directory .*missing does not exist$/);
  });

  // Issue 12: a long-running process waits for its database (outage.e2e.spec.ts), so serve
  // says so in a log line per attempt, without the password, and stops cleanly on SIGTERM.
  test('serve against a PostgreSQL that does not answer: waits, a log line per attempt, exit 0 on SIGTERM', async () => {
    const server = spawnCli(['serve'], { DATABASE_URL: 'postgres://ledger:secret-pw@127.0.0.1:1/ledger', PORT: '0' });
    await expect.poll(() => server.output().stdout, { timeout: 60_000 }).toMatch(/"msg":"database unavailable at start; retrying"/);
    const line = server.output().stdout.split('\n').find((l) => l.includes('database unavailable at start'))!;
    expect(JSON.parse(line)).toMatchObject({ reason: expect.stringMatching(/ECONNREFUSED/), retryInMs: 1000, attempt: 1 });
    server.child.kill('SIGTERM');
    const run = await server.done;
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('secret-pw');
    expect(run.stderr).toBe('');
  });

  test('verify against a PostgreSQL that does not answer: one line, exit 5', async () => {
    const run = await runCli(['verify'], { DATABASE_URL: 'postgres://ledger:secret-pw@127.0.0.1:1/ledger' });
    expectOneLine(run, 5, /^error: cannot open the store at postgres:\/\/127\.0\.0\.1:1\/ledger: .*ECONNREFUSED/);
    expect(run.stderr).not.toContain('secret-pw');
  });
});
