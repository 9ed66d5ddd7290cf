/**
 * The load generator of `bench:api`, in a child process of its own so that autocannon
 * does not share the server's event loop: `startLoad()` forks this file, which then runs
 * each job it is sent and answers with the figures.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export type Job = {
  url: string;
  method: 'GET' | 'POST';
  /** Sent in turn, one per request (a fixed list of ids, well mixed). */
  paths: string[];
  headers: Record<string, string>;
  body?: string;
  connections: number;
  /** Run for this long, or (`amount`) send this many requests. */
  seconds?: number;
  amount?: number;
};

/** Requests/s over the run; latencies in ms; every answer that was not 2xx, by kind. */
export type Measured = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

const runJob = async (job: Job): Promise<Measured> => {
  let next = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    // A run of a fixed amount ends at autocannon's next sample tick (1 s by default),
    // which would count a 2.1 s run as 3 s: sample every 50 ms instead.
    ...(job.amount === undefined ? { duration: job.seconds ?? 10 } : { amount: job.amount, sampleInt: 50 }),
    timeout: 60, // seconds: a 10,000-row summary under 10 connections queues for a while
    headers: job.headers,
    requests: [
      {
        method: job.method,
        ...(job.body === undefined ? {} : { body: job.body }),
        setupRequest: (req) => ({ ...req, path: job.paths[next++ % job.paths.length]! }),
      },
    ],
  });
  return {
    rps: +(result.requests.total / result.duration).toFixed(1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s?.count ?? 0])),
  };
};

const role = 'BENCH_API_LOAD';

/** Forks the generator; `measure` runs one job in it, `stop` ends it. */
export const startLoad = () => {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, [role]: '1' } });
  return {
    measure: (job: Job): Promise<Measured> =>
      new Promise((resolve, reject) => {
        const died = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
        child.once('exit', died);
        child.once('message', (m) => {
          child.off('exit', died);
          resolve(m as Measured);
        });
        child.send(job);
      }),
    stop: async () => void child.kill(),
  };
};

if (process.env[role] === '1') process.on('message', (job: Job) => void runJob(job).then((m) => process.send?.(m)));
