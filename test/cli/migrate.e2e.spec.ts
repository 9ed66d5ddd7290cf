import { afterAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli } from './support/runCli.js';
import { targets } from './support/targets.js';

afterAll(removeTestDirs);

describe.each(targets)('migrate on $name', { timeout: e2eTimeout }, ({ make }) => {
  test('creates the event store and projection engine schema, and lists its migrations each time', async () => {
    const t = await make('migrate');
    try {
      const first = await runCli([...t.args, 'migrate'], t.env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^ {2}event store 001 events \(applied /m);
      expect(first.stdout).toMatch(/^ {2}projection engine 001 /m);
      expect(first.stdout).toMatch(/^customer names: 0 live, 0 look-alike reservations back-filled$/m);
      const again = await runCli([...t.args, 'migrate'], t.env);
      expect(again.stdout.split('\n').slice(1)).toEqual(first.stdout.split('\n').slice(1));
    } finally {
      await t.drop();
    }
  });
});
