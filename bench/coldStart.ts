/**
 * `npm run bench:start` — cold start of `serve` to its first 200 on /health: the compiled
 * product (`node dist/cli/main.js serve`, what `npm start` and the image run) beside the
 * TypeScript run through tsx (what they ran before 0.2.0). Each round starts both on the
 * same embedded store (made and migrated by a first, uncounted start) and stops them with
 * SIGTERM; the order alternates so that neither always meets a warmer page cache.
 * Options: --rounds N (default 5). Needs `npm run build` first. One JSON line per figure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const i = process.argv.indexOf('--rounds');
const rounds = i > 0 ? Number(process.argv[i + 1]) : 5;
const commands = {
  dist: [process.execPath, 'dist/cli/main.js', 'serve'],
  tsx: [process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'serve'],
} as const;
type Mode = keyof typeof commands;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Milliseconds from spawning `mode` to its first 200 on /health; the process is stopped after. */
const startOnce = async (mode: Mode, dataDir: string): Promise<number> => {
  const port = await freePort();
  const [command, ...args] = commands[mode];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: 'a-benchmark-secret-of-32-characters!', LOG_LEVEL: 'warn', METRICS_PORT: '0' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      if (answer?.status === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${mode}: serve exited with ${child.exitCode} before answering`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = mkdtempSync(join(tmpdir(), 'ledger-coldstart-'));
try {
  await startOnce('dist', dataDir);
  const times: Record<Mode, number[]> = { dist: [], tsx: [] };
  for (let round = 0; round < rounds; round++) {
    const order: Mode[] = round % 2 === 0 ? ['tsx', 'dist'] : ['dist', 'tsx'];
    for (const mode of order) times[mode].push(await startOnce(mode, dataDir));
  }
  for (const mode of ['tsx', 'dist'] as const) {
    const ms = times[mode].map(Math.round);
    console.log(JSON.stringify({ bench: 'coldStart', mode, command: commands[mode].slice(1).join(' '), medianMs: Math.round(median(times[mode])), ms }));
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
