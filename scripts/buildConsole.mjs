// The console (web/) into dist/web with Vite, unless dist/web is newer than every source;
// each asset is written beside itself brotli- and gzip-compressed, as the server sends it;
// then the initial JavaScript (the entry and its static imports, gzipped) is measured
// against the budget of issue 19: over it, the build fails.
// Usage: node scripts/buildConsole.mjs [--force] [--quiet]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = join(root, 'dist/web');
export const initialBudgetBytes = 350_000;

/** What the bundle is made of: the console's sources and the shared words it imports. */
const sources = [join(root, 'web'), join(root, 'src/domain/shared/roleLabels.ts'), join(root, 'package-lock.json')];

const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).filter((n) => n !== 'node_modules').map((n) => newest(join(path, n))));
};

export const consoleIsStale = () => {
  const built = join(outDir, 'index.html');
  if (!existsSync(built) || !existsSync(join(outDir, '.vite/manifest.json'))) return true;
  return Math.max(...sources.filter(existsSync).map(newest)) > statSync(built).mtimeMs;
};

/** The gzipped bytes the browser fetches before the first screen: the entry chunk and what it imports statically. */
export const initialJavaScript = () => {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  const seen = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
  return { files, bytes };
};

/**
 * The hashed assets compressed once at build time (brotli at its best, ~7 s for the whole
 * console, and gzip for browsers without it): served as they are (src/api/console.ts), the
 * first load fetches ~0.7 MB instead of ~3.1 MB, and no request pays for compressing.
 */
const precompress = () => {
  const assets = join(outDir, 'assets');
  for (const file of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
    const bytes = readFileSync(join(assets, file));
    writeFileSync(join(assets, `${file}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    writeFileSync(join(assets, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  }
};

export const buildConsole = ({ force = false, quiet = false } = {}) => {
  if (!force && !consoleIsStale()) return { built: false, ...initialJavaScript() };
  const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts'), ...(quiet ? ['--logLevel', 'warn'] : [])], {
    cwd: root,
    stdio: 'inherit',
    // A production bundle whoever calls (vitest sets NODE_ENV=test, which would give React's development build).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (vite.status !== 0) throw new Error(`vite build failed (exit ${vite.status})`);
  precompress();
  return { built: true, ...initialJavaScript() };
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const result = buildConsole({ force: args.includes('--force'), quiet: args.includes('--quiet') });
  const kB = (result.bytes / 1000).toFixed(1);
  console.log(`console: ${result.built ? 'built' : 'up to date'} in dist/web; initial JavaScript ${kB} kB gzipped (${result.files.length} files; budget ${initialBudgetBytes / 1000} kB)`);
  if (result.bytes > initialBudgetBytes) {
    console.error(`the console's initial JavaScript is ${kB} kB gzipped, over the budget of ${initialBudgetBytes / 1000} kB: split a route (React.lazy) or drop a dependency`);
    process.exit(1);
  }
}
