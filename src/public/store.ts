/**
 * `customer-ledger/store`: the event store — one port (append, read a stream, read the
 * log, verify the hash chains) over PostgreSQL or the embedded PGlite, and the
 * load-decide-append command handler.
 */
export * from '../store/index.js';
