import { CommanderError } from 'commander';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { CliError, exitCodes, refused } from '../../src/cli/errors.js';
import { describeFailure, maxDetails } from '../../src/cli/failure.js';

const fsError = (code: string, path: string) => Object.assign(new Error(`${code}: whatever, open '${path}'`), { code, path, errno: -2, syscall: 'open' });

describe('how a command ends', () => {
  test('a user error is its one line and its exit code', () => {
    expect(describeFailure(new CliError('DATA_DIR x is in use', exitCodes.unavailable), false)).toEqual({ lines: ['error: DATA_DIR x is in use'], exitCode: 5 });
    expect(describeFailure(new ConfigError('PORT', 'a port number'), false)).toEqual({ lines: ['error: configuration: PORT: a port number'], exitCode: 2 });
  });

  test(`an import's problems are listed up to ${maxDetails}, and the rest counted`, () => {
    const problems = Array.from({ length: 2520 }, (_, i) => `row ${i + 2}, column "sales": not a number`);
    const { lines, exitCode } = describeFailure(refused('f.csv: 2520 problems, nothing was imported:', problems), false);
    expect(exitCode).toBe(4);
    expect(lines).toHaveLength(1 + maxDetails + 1);
    expect(lines[maxDetails]).toBe('  row 51, column "sales": not a number');
    expect(lines.at(-1)).toBe('  … and 2470 more (2520 in all)');
  });

  test.each([
    ['ENOENT', 'no such file or directory'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a directory, not a file'],
    ['ENOSPC', 'no space left on the device'],
  ])('a file error %s names the path, exit 6', (code, words) => {
    expect(describeFailure(fsError(code, '/x/y.csv'), false)).toEqual({ lines: [`error: /x/y.csv: ${words}`], exitCode: exitCodes.io });
  });

  test('an unreachable database is exit 5, also when both addresses of localhost refuse', () => {
    const refusal = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeFailure(refusal, false)).toEqual({ lines: ['error: the database does not answer: connect ECONNREFUSED 127.0.0.1:1'], exitCode: 5 });
    const both = new AggregateError([refusal, refusal]);
    expect(describeFailure(both, false).exitCode).toBe(5);
    const badLogin = Object.assign(new Error('password authentication failed for user "ledger"'), { code: '28P01' });
    expect(describeFailure(badLogin, false).exitCode).toBe(5);
  });

  test('a bug is one line without a stack; --debug adds the stack', () => {
    const bug = new TypeError('cannot read properties of undefined (reading "x")');
    const plain = describeFailure(bug, false);
    expect(plain).toEqual({ lines: ['error: internal error: cannot read properties of undefined (reading "x") (run again with --debug for the details)'], exitCode: 1 });
    const debug = describeFailure(bug, true);
    expect(debug.lines.length).toBeGreaterThan(1);
    expect(debug.lines[1]).toMatch(/^\s+at /);
  });

  test('help and version end well; a bad command line is exit 2 (commander printed it)', () => {
    expect(describeFailure(new CommanderError(0, 'commander.helpDisplayed', ''), false)).toEqual({ lines: [], exitCode: 0 });
    expect(describeFailure(new CommanderError(1, 'commander.unknownOption', 'x'), false)).toEqual({ lines: [], exitCode: 2 });
  });
});
