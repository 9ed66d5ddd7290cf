import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerFiguresStreamId, type FiguresEvent, type FiguresState, figuresDecider, type RecordMonthlyFiguresData } from '../../domain/grading/index.js';
import type { CommandMeta } from '../../domain/shared/index.js';
import { type EventStore, loadStream, type Planned, type StoreError, type StreamWritePlan, writePlanned } from '../../store/index.js';

/** One row of an ERP file: a customer's figures for a month, and the row it came from (for the refusal). */
export type FigureRow = RecordMonthlyFiguresData & { row: number };

export type ImportOutcome = { recorded: number; corrected: number; unchanged: number; streams: number };
export type ImportRefused = { code: 'RowsRefused'; message: string; rows: string[] };

type Decided = { plan: StreamWritePlan; outcome: Omit<ImportOutcome, 'streams'>; refusals: string[] };

/** One customer's rows decided in file order on its figures stream, as `recordMonthlyFigures` would. */
const decideCustomer = (rows: readonly FigureRow[], streamId: string, loaded: { state: FiguresState; version: number }, meta: CommandMeta): Decided => {
  let state = loaded.state;
  const events: FiguresEvent[] = [];
  const outcome = { recorded: 0, corrected: 0, unchanged: 0 };
  const refusals: string[] = [];
  for (const r of rows) {
    const had = state.status === 'recorded' && state.periods[r.period] !== undefined;
    const decided = figuresDecider.decide(
      { type: 'RecordMonthlyFigures', data: { customerId: r.customerId, period: r.period, sales: r.sales, creditDue: r.creditDue, creditPaidOnTime: r.creditPaidOnTime }, meta },
      state,
    );
    if (E.isLeft(decided)) {
      refusals.push(`row ${r.row}: ${decided.left.message}`);
      continue;
    }
    if (decided.right.length === 0) outcome.unchanged += 1;
    else if (had) outcome.corrected += 1;
    else outcome.recorded += 1;
    events.push(...decided.right);
    state = decided.right.reduce(figuresDecider.evolve, state);
  }
  return { plan: { streamId, version: loaded.version, events }, outcome, refusals };
};

const total = (decided: readonly Decided[], key: keyof Decided['outcome']) => decided.reduce((n, d) => n + d.outcome[key], 0);

/**
 * `import monthly-figures`: records every row or none. Each customer's rows are
 * decided on its figures stream as `recordMonthlyFigures` would, and every stream with
 * new figures is appended in one transaction at the version it was read at (a
 * concurrent writer makes it decide again, once). Rows equal to what is recorded
 * change nothing, so importing the same file again writes nothing.
 */
export const importMonthlyFigures =
  (deps: { store: EventStore }) =>
  (rows: readonly FigureRow[], meta: CommandMeta): TE.TaskEither<StoreError | ImportRefused, ImportOutcome> => {
    const byCustomer = new Map<string, FigureRow[]>();
    for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
    const plan = () =>
      pipe(
        TE.sequenceArray(
          [...byCustomer].map(([customerId, own]) => {
            const streamId = customerFiguresStreamId(customerId);
            return pipe(
              loadStream(deps.store, streamId, figuresDecider),
              TE.map((loaded) => decideCustomer(own, streamId, loaded, meta)),
            );
          }),
        ),
        TE.flatMap((decided): TE.TaskEither<StoreError | ImportRefused, Planned<ImportOutcome>> => {
          const refusals = decided.flatMap((d) => d.refusals);
          if (refusals.length > 0) return TE.left({ code: 'RowsRefused', message: `${refusals.length} rows refused`, rows: refusals });
          const plans = decided.map((d) => d.plan);
          return TE.right({
            plans,
            result: {
              recorded: total(decided, 'recorded'),
              corrected: total(decided, 'corrected'),
              unchanged: total(decided, 'unchanged'),
              streams: plans.filter((p) => p.events.length > 0).length,
            },
          });
        }),
      );
    return writePlanned(deps.store, plan, meta);
  };
