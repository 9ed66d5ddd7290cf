import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from '../observability/metrics.js';
import { checkReadiness, refreshStoreGauges, type ViewsProbe } from '../projections/index.js';
import type { Logger } from './logger.js';

export type OpsServer = { url: string; close(): Promise<void> };

const send = (res: ServerResponse, status: number, type: string, body: string) => {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
};

const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body));

/**
 * The operations port of every long-running process (serve, worker): `/metrics` for
 * Prometheus, and `/health` and `/ready` as on the API. Unauthenticated and kept off
 * the API's port, so that it is published to the monitoring network only (README,
 * "Who may read /metrics").
 */
export const startOpsServer = async (port: number, probe: ViewsProbe, logger: Logger): Promise<OpsServer> => {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n');
    try {
      if (path === '/metrics') {
        await refreshStoreGauges(probe).catch((err: unknown) => logger.warn({ err }, 'metrics: the store does not answer'));
        return send(res, 200, registry.contentType, await registry.metrics());
      }
      if (path === '/health') {
        await probe.db.query('select 1');
        return json(res, 200, { status: 'ok' });
      }
      if (path === '/ready') {
        const r = await checkReadiness(probe);
        return json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'notReady', views: r.views });
      }
      return send(res, 404, 'text/plain', 'not found: /metrics, /health, /ready\n');
    } catch (err) {
      logger.warn({ err, path }, 'the store does not answer');
      return json(res, 503, { status: 'unavailable', detail: 'the store does not answer' });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`METRICS_PORT ${port} is in use (set METRICS_PORT to another port, or off)`, { cause: e }) : e),
    );
    server.listen(port, resolve);
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  logger.info({ url: `${url}/metrics` }, 'operations port listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
