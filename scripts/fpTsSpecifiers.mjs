// After `tsc`: fp-ts 2 has no `exports` map, so Node cannot load the `fp-ts/Either`
// directories the sources import (tsx and vitest resolve them; Node's ESM loader refuses
// directory imports). The compiled JavaScript imports the CommonJS files those directories
// point to instead: `fp-ts/lib/Either.js`. The declarations keep `fp-ts/Either`, which
// TypeScript resolves. Idempotent: a rewritten file has nothing left to match.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const specifier = /(from\s+|import\s*\(\s*)(['"])fp-ts\/(?!lib\/)([A-Za-z]+)\2/g;

for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const path = join(entry.parentPath, entry.name);
  const text = readFileSync(path, 'utf8');
  const rewritten = text.replace(specifier, (_, lead, quote, name) => `${lead}${quote}fp-ts/lib/${name}.js${quote}`);
  if (rewritten !== text) writeFileSync(path, rewritten);
}
