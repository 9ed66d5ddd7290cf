/**
 * `customer-ledger/domain`: the pure domain — each context's decider (decide, evolve,
 * initial state), its commands, events and refusals, and the grading policy. No I/O, no
 * clock, no randomness: time, ids and the acting user arrive on the command. What is not
 * exported here (or from `customer-ledger` and `customer-ledger/store`) is private.
 */
export * from '../domain/shared/index.js';
export { allEventTypes } from '../domain/eventTypes.js';
export * as customer from '../domain/customer/index.js';
export * as grading from '../domain/grading/index.js';
export * as credit from '../domain/credit/index.js';
export * as complaint from '../domain/complaint/index.js';
export * as staff from '../domain/staff/index.js';
