import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../cli/support/runCli.js';

// docs/LIBRARY.md shows the consumer examples whole; .ci/consumers.sh compiles and runs
// those files against the packed package. This keeps the page and the files one text.
const page = readFileSync(join(root, 'docs/LIBRARY.md'), 'utf8');
const blocks = [...page.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

describe('docs/LIBRARY.md', () => {
  test('shows four examples, each naming its file on its first line', () => {
    expect(blocks.map((b) => /^\/\/ (test\/consumers\/\w+\.ts) /.exec(b)?.[1])).toEqual([
      'test/consumers/domain.ts',
      'test/consumers/store.ts',
      'test/consumers/projections.ts',
      'test/consumers/host.ts',
    ]);
  });

  test.each(blocks.map((b) => [/^\/\/ (\S+)/.exec(b)![1]!, b]))('shows %s exactly as CI runs it', (file, block) => {
    expect(block).toBe(readFileSync(join(root, file), 'utf8').trimEnd());
  });
});
