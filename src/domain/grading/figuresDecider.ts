import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  type Decider,
  type Period,
  comparePeriods,
  normalizeMoney,
  periodOf,
  requireReason,
  requireRole,
  toFen,
} from '../shared/index.js';
import type { RecordMonthlyFigures, RecordMonthlyFiguresData } from './commands.js';
import type { FiguresError } from './errors.js';
import type { FiguresEvent, MonthlyFiguresRecorded } from './events.js';
import type { MonthlyFigures } from './inputs.js';

/** A customer's monthly figures (stream `customerFigures-<id>`): the latest recording of each period. */
export type FiguresState =
  | { status: 'empty' }
  | { status: 'recorded'; customerId: string; periods: Record<Period, MonthlyFigures> };

export const initialFiguresState: FiguresState = { status: 'empty' };

const checkFigures = (command: RecordMonthlyFigures): E.Either<FiguresError, RecordMonthlyFiguresData> => {
  const d = command.data;
  if (toFen(d.creditPaidOnTime) > toFen(d.creditDue))
    return E.left({
      code: 'PaidExceedsDue',
      message: `credit paid on time (${d.creditPaidOnTime}) exceeds the credit due (${d.creditDue}) in ${d.period}`,
    });
  const now = periodOf(command.meta.at);
  if (comparePeriods(d.period, now) > 0)
    return E.left({ code: 'PeriodIsInTheFuture', message: `${d.period} has not begun (it is ${now}): it has no figures yet` });
  return E.right({
    ...d,
    sales: normalizeMoney(d.sales),
    creditDue: normalizeMoney(d.creditDue),
    creditPaidOnTime: normalizeMoney(d.creditPaidOnTime),
  });
};

const sameFigures = (a: MonthlyFigures, b: MonthlyFigures): boolean =>
  a.sales === b.sales && a.creditDue === b.creditDue && a.creditPaidOnTime === b.creditPaidOnTime;

const decide = (command: RecordMonthlyFigures, state: FiguresState): E.Either<FiguresError, FiguresEvent[]> =>
  pipe(
    E.Do,
    E.bindW('actor', () => requireRole(command.meta.actor, ['archiveClerk'], 'recording monthly figures')),
    E.bindW('reason', () => requireReason(command.meta)),
    E.bindW('data', () => checkFigures(command)),
    E.map(({ data }): FiguresEvent[] => {
      const current = state.status === 'recorded' ? state.periods[data.period] : undefined;
      return current !== undefined && sameFigures(current, data) ? [] : [{ type: 'MonthlyFiguresRecorded', data }];
    }),
  );

const evolve = (state: FiguresState, event: MonthlyFiguresRecorded): FiguresState => {
  const { customerId, ...figures } = event.data;
  const periods = state.status === 'recorded' ? state.periods : {};
  return { status: 'recorded', customerId, periods: { ...periods, [figures.period]: figures } };
};

export const figuresDecider: Decider<RecordMonthlyFigures, FiguresState, FiguresEvent, FiguresError> = {
  decide,
  evolve,
  initialState: initialFiguresState,
};
