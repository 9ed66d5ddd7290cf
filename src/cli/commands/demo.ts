import { type Command, InvalidArgumentError } from 'commander';
import { addPeriods, type Period, periodOf } from '../../domain/shared/index.js';
import { refused, usageError } from '../errors.js';
import { parsePeriod, parsePositiveInt } from '../options.js';
import { type GlobalOptions, withStore } from '../storeAccess.js';

type DemoCommandOptions = { seed: number; customers: number; months: number; until?: Period };

const parseSeed = (value: string): number => {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('a whole number of at most nine digits.');
  return Number(value);
};

/**
 * The last month of figures: the month before this one, when this one is ten days old
 * (the demo's reviews of that month, its grading, sign-offs and credit requests, happen
 * in those days, and nothing happens later than now); else the month before that.
 */
const defaultUntil = (now: Date, cutoffOf: (until: Period) => string): Period => {
  const lastMonth = addPeriods(periodOf(now.toISOString()), -1);
  return now.getTime() >= Date.parse(cutoffOf(lastMonth)) ? lastMonth : addPeriods(lastMonth, -1);
};

/** 演示数据: a realistic, reproducible data set so that every report shows something at once. */
export const registerDemo = (program: Command) =>
  program
    .command('demo')
    .description('fill an EMPTY store with a seeded demo data set: customers, 24 months of figures, gradings, violations, complaints, credit requests')
    .option('--seed <n>', 'the same seed gives the same data set', parseSeed, 2026)
    .option('--customers <n>', 'how many customers', parsePositiveInt, 300)
    .option('--months <n>', 'months of figures', parsePositiveInt, 24)
    .option('--until <YYYY-MM>', 'the last month of figures (default: last month, once this one is ten days old)', parsePeriod)
    .addHelpText('after', '\nThen try:\n  customer-ledger report grade-summary --period <the last month>\n  customer-ledger report complaints --period <a month>\n  customer-ledger serve')
    .action(async (o: DemoCommandOptions, command: Command) => {
      const { cutoffOf } = await import('../demo/timeline.js');
      const until = o.until ?? defaultUntil(new Date(), cutoffOf);
      if (Date.parse(cutoffOf(until)) > Date.now()) {
        throw usageError(`--until ${until}: the demo's reviews of that month run until ${cutoffOf(until)}, which is still to come`);
      }
      if (o.customers > 5000 || o.months > 120) throw usageError('the demo makes at most 5000 customers and 120 months');
      const { planDemo } = await import('../demo/plan.js');
      const { loadDemo } = await import('../demo/load.js');
      const plan = planDemo({ seed: o.seed, customers: o.customers, months: o.months, until });
      await withStore(command.optsWithGlobals<GlobalOptions>(), 'demo', async (opened) => {
        const { rows } = await opened.db.query<{ n: number }>(`select count(*)::int as n from ${opened.schema}.events`);
        if (Number(rows[0]?.n) > 0) throw refused(`the store already holds ${rows[0]?.n} events: the demo fills an empty store only (use another DATA_DIR or --schema)`);
        await loadDemo(opened, plan);
        // Made again from its seed at will, the demo skips the embedded store's fsync per commit (PGLITE_SYNC).
      }, { durable: false });
    });
