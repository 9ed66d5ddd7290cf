import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, one registry per process: an append, a request
 * and a projection batch are counted wherever they happen (the store, the API, the
 * engine), and the process metrics (CPU, memory, event loop) are per process anyway.
 * Gauges that describe the database (view lag, rebuilds, the pool) are set when
 * scraped (`scrapeMetrics` in the caller), so every process reports the shared truth.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status, from arrival to the last byte sent',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: seconds,
  registers: [registry],
});

export const appendsTotal = new Counter({
  name: 'ledger_appends_total',
  help: 'Appends to the event store by outcome (ok, conflict, refused, unavailable)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const appendedEventsTotal = new Counter({
  name: 'ledger_appended_events_total',
  help: 'Events committed to the log by this process',
  registers: [registry],
});

export const appendDuration = new Histogram({
  name: 'ledger_append_duration_seconds',
  help: 'Append latency as the caller sees it: validation, the wait for its group-commit batch, the commit',
  buckets: seconds,
  registers: [registry],
});

export const groupCommitBatchSize = new Histogram({
  name: 'ledger_group_commit_batch_size',
  help: 'Appends sent together in one transaction (group commit)',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 200],
  registers: [registry],
});

export const appendConflictsTotal = new Counter({
  name: 'ledger_append_conflicts_total',
  help: 'Appends refused because a stream had moved past the expected version',
  registers: [registry],
});

export const projectionLagEvents = new Gauge({
  name: 'ledger_projection_lag_events',
  help: "Events of the log the view's live build has not applied yet",
  labelNames: ['view'] as const,
  registers: [registry],
});

export const projectionLagSeconds = new Gauge({
  name: 'ledger_projection_lag_seconds',
  help: "Age of the oldest event the view's live build has not applied (0: current)",
  labelNames: ['view'] as const,
  registers: [registry],
});

export const projectionReady = new Gauge({
  name: 'ledger_projection_ready',
  help: '1 when the view is within READY_MAX_LAG of the log (what /ready answers), else 0',
  labelNames: ['view'] as const,
  registers: [registry],
});

export const projectionBatchEvents = new Counter({
  name: 'ledger_projection_events_applied_total',
  help: 'Events applied by the projection runners of this process',
  labelNames: ['view'] as const,
  registers: [registry],
});

export const rebuildProgress = new Gauge({
  name: 'ledger_projection_rebuild_progress_ratio',
  help: 'A build catching up beside the live one (rebuild or new version): its position over the head of the log',
  labelNames: ['view', 'build'] as const,
  registers: [registry],
});

export const dbPoolConnections = new Gauge({
  name: 'ledger_db_pool_connections',
  help: 'Database connections of this process by state (total, idle, waiting clients); max is the pool size',
  labelNames: ['state'] as const,
  registers: [registry],
});
