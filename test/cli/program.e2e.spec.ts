import { describe, expect, test } from 'vitest';
import { e2eTimeout, runCli } from './support/runCli.js';

const commands = ['serve', 'worker', 'migrate', 'verify', 'projections', 'report', 'import', 'backup', 'restore', 'token', 'demo'];
const subcommands = ['projections status', 'projections rebuild', 'report grade-summary', 'report violations', 'report complaints', 'import monthly-figures'];

describe('the command line', { timeout: e2eTimeout }, () => {
  test('lists every command and the exit codes in --help, and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const c of commands) expect(run.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(run.stdout).toContain('Exit codes:');
  });

  test('gives every command its own --help', async () => {
    const all = [...commands, ...subcommands];
    const runs = [];
    for (let i = 0; i < all.length; i += 4) runs.push(...(await Promise.all(all.slice(i, i + 4).map((c) => runCli([...c.split(' '), '--help'])))));
    runs.forEach((run, i) => {
      expect(run.code, all[i]).toBe(0);
      expect(run.stdout).toContain(`Usage: customer-ledger ${all[i]}`);
    });
  });

  test('refuses an unknown command with exit code 2 and a suggestion', async () => {
    const run = await runCli(['verfy']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'verfy'");
    expect(run.stderr).toContain('Did you mean verify?');
  });

  test('refuses a bad environment variable naming it, without a stack trace', async () => {
    const run = await runCli(['verify'], { DATABASE_URL: 'mysql://somewhere/db' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^error: configuration: DATABASE_URL: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('names the store that does not answer, with exit code 5, hiding the password', async () => {
    const run = await runCli(['verify'], { DATABASE_URL: 'postgres://ledger:secret@127.0.0.1:1/ledger' });
    expect(run.code).toBe(5);
    expect(run.stderr.trim()).toBe('error: cannot open the store at postgres://127.0.0.1:1/ledger: connect ECONNREFUSED 127.0.0.1:1');
  });
});
