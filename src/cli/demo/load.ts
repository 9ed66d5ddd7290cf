import { SingleBar } from 'cli-progress';
import type { OpenStore } from '../../store/index.js';
import { runViews } from '../views.js';
import { loadRecords, type Phase } from './loadRecords.js';
import { loadCreditRequests, loadGradings } from './loadReviews.js';
import type { DemoPlan } from './plan.js';

/** A progress bar per phase on a terminal; one line per finished phase otherwise. */
const phases: Phase = (name, total) => {
  const started = Date.now();
  const bar = process.stderr.isTTY ? new SingleBar({ format: `${name} [{bar}] {value}/{total}`, hideCursor: true, stream: process.stderr }) : null;
  bar?.start(Math.max(1, total), 0);
  return {
    tick: () => bar?.increment(),
    done: () => {
      bar?.stop();
      if (!bar) console.error(`${name}: ${total} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  };
};

/**
 * Loads the plan in the order things happened: the archives and everything recorded
 * about them, then (the views caught up) each month's grading, then the credit requests
 * that read the limits the gradings made effective.
 */
export const loadDemo = async (opened: OpenStore, plan: DemoPlan): Promise<void> => {
  await runViews(
    opened,
    async ({ engine, views }) => {
      await loadRecords(opened.store, plan, phases);
      await engine.catchUp(30 * 60_000);
      await loadGradings(opened.store, views, plan, phases);
      await engine.catchUp(30 * 60_000);
      await loadCreditRequests(opened.store, views, plan, phases);
      await engine.catchUp(30 * 60_000);
    },
    { catchUp: false },
  );
  const { rows } = await opened.db.query<{ type: string; n: number }>(`select type, count(*)::int as n from ${opened.schema}.events group by type order by type`);
  const total = rows.reduce((n, r) => n + Number(r.n), 0);
  const { until, seed, customers, months } = plan.options;
  console.log(`demo data set (seed ${seed}): ${customers} customers, ${months} months of figures up to ${until}, ${total} events`);
  for (const r of rows) console.log(`  ${r.type.padEnd(28)} ${String(r.n).padStart(6)}`);
  console.log(`\nTry: customer-ledger report grade-summary --period ${until}`);
};
