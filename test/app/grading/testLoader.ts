import * as E from 'fp-ts/Either';
import {
  type CustomerGradingInput,
  type MonthlyFigures,
  customerFiguresStreamId,
  figurePeriodsOf,
  incidentsPeriodOf,
  latestByPeriod,
} from '../../../src/domain/grading/index.js';
import { periodOf } from '../../../src/domain/shared/index.js';
import type { EventStore } from '../../../src/store/index.js';
import type { CountNotGraded, LoadGradingInputs } from '../../../src/app/grading/index.js';

const read = async (store: EventStore, streamId: string) => {
  const r = await store.readStream(streamId)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/**
 * A stand-in for the projection that will implement the port: it folds, for the customers
 * the test registered, their archive header, figures and violations straight from the streams.
 */
export const streamLoader =
  (store: EventStore, customerIds: () => readonly string[]): LoadGradingInputs =>
  async (period, { policy }) => {
    const inputs: CustomerGradingInput[] = [];
    for (const customerId of customerIds()) {
      const archive = await read(store, `customer-${customerId}`);
      const registered = archive.find((e) => e.type === 'CustomerRegistered')?.data as
        | { salespersonId: string; status: string; archive: { name: string } }
        | undefined;
      if (registered === undefined || registered.status !== 'active') continue;
      const figures = (await read(store, customerFiguresStreamId(customerId))).map((e) => e.data as MonthlyFigures & { customerId: string });
      const wanted = new Set(figurePeriodsOf(policy, period));
      const incidents = incidentsPeriodOf(policy, period);
      inputs.push({
        customerId,
        customerName: registered.archive.name,
        salespersonId: registered.salespersonId,
        figures: [...latestByPeriod(figures.map(({ customerId: _c, ...f }) => f)).values()].filter((f) => wanted.has(f.period)),
        violations: archive.filter((e) => e.type === 'ViolationRecorded' && periodOf((e.data as { occurredAt: string }).occurredAt) === incidents).length,
        complaints: 0,
        cooperationSince: '2023-05-10',
      });
    }
    return inputs;
  };

/** The stand-in's count of the test's customers registered with another status than active. */
export const notGradedCounter =
  (store: EventStore, customerIds: () => readonly string[]): CountNotGraded =>
  async () => {
    const counts = { prospect: 0, inactive: 0, lost: 0 };
    for (const customerId of customerIds()) {
      const registered = (await read(store, `customer-${customerId}`)).find((e) => e.type === 'CustomerRegistered')?.data as { status: string } | undefined;
      const status = registered?.status;
      if (status === 'prospect' || status === 'inactive' || status === 'lost') counts[status] += 1;
    }
    return counts;
  };
