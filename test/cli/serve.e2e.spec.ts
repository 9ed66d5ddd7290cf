import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { allProjections } from '../../src/projections/index.js';
import { freshDataDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli, spawnCli } from './support/runCli.js';

afterAll(removeTestDirs);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('serve on the embedded store', { timeout: e2eTimeout }, () => {
  test('answers /health and /ready, keeps DATA_DIR to itself while it runs, sends its spans to OTLP, and stops on SIGTERM releasing it', async () => {
    const dataDir = await freshDataDir('serve');
    const port = await freePort();
    // A stand-in OTLP/HTTP collector: what arrives at /v1/traces (protobuf; span names are plain UTF-8 in it).
    const received: { path: string; body: Buffer }[] = [];
    const collector = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'Content-Type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const otlp = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const server = spawnCli(['serve'], { DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: 'a-development-secret-of-32-chars!!', OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_SERVICE_NAME: 'ledger-e2e' });
    const deadline = Date.now() + 120_000;
    let health: Response | null = null;
    while (Date.now() < deadline && health === null) {
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      if (health === null) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health?.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { views: { name: string }[] }).views.map((v) => v.name).sort()).toEqual(allProjections.map((p) => p.name).sort());

    const blocked = await runCli(['verify'], { DATA_DIR: dataDir });
    expect(blocked.code).toBe(5);
    expect(blocked.stderr).toContain(`is in use by process ${server.child.pid} (customer-ledger serve)`);

    server.child.kill('SIGTERM');
    const run = await server.done;
    expect(run.code).toBe(0);
    expect(existsSync(join(dataDir, '.customer-ledger.lock'))).toBe(false);
    expect((await runCli(['verify'], { DATA_DIR: dataDir })).code).toBe(0);
    collector.close();
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const sent = Buffer.concat(traces.map((t) => t.body)).toString('latin1');
    expect(sent).toContain('GET /health');
    expect(sent).toContain('GET /ready');
    expect(sent).toContain('ledger-e2e');
  });
});
