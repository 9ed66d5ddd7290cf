import { type Command, Option } from 'commander';
import type { Instant, Period } from '../../domain/shared/index.js';
import { oneOf, parseInstant, parsePeriod } from '../options.js';
import { outputPath } from '../paths.js';
import { emitReport, reportFormats, type ReportOutputOptions } from '../report/output.js';
import type { GlobalOptions } from '../storeAccess.js';
import { withViews } from '../views.js';

type TimeOptions = { asOf?: Instant; knownAt?: Instant };
type Common = TimeOptions & ReportOutputOptions;

const withCommonOptions = (command: Command): Command =>
  command
    .option('--as-of <instant>', 'as effective then (effective time), e.g. 2026-11-01T00:00:00+08:00', parseInstant)
    .option('--known-at <instant>', 'as recorded by then (record time): what the ledger had been told', parseInstant)
    .addOption(new Option('--format <format>', `${reportFormats.join(', ')} (default: from --out's extension, else table)`).argParser(oneOf(reportFormats)))
    .option('--out <file>', 'write to this file instead of stdout');

const at = (o: TimeOptions) => ({ asOf: o.asOf, knownAt: o.knownAt });

/** The manual's reports: 客户等级管理汇总表, 违规记录, 月度客诉统计. */
export const registerReport = (program: Command) => {
  const report = program
    .command('report')
    .description('print or export a report: grade-summary, violations, complaints, name-collisions')
    // Before the store is opened and the report computed: a bad --out fails at once.
    .hook('preAction', (_report, action) => {
      const { out } = action.opts<ReportOutputOptions>();
      if (out) outputPath('--out', out);
    });

  report
    .command('name-collisions')
    .description('live customers whose names look alike (invisible characters, confusable letters): registered before names were compared so')
    .addOption(new Option('--format <format>', 'table or json (default table)').choices(['table', 'json']).default('table'))
    .action(async (o: { format: 'table' | 'json' }, command: Command) => {
      const { liveCustomerNames } = await import('../../projections/index.js');
      const { nameCollisions, nameCollisionsTable } = await import('../report/nameCollisions.js');
      await withViews(command.optsWithGlobals<GlobalOptions>(), 'report', async ({ views }) => {
        const collisions = nameCollisions(await liveCustomerNames(views));
        process.stdout.write(o.format === 'json' ? `${JSON.stringify(collisions, null, 2)}\n` : nameCollisionsTable(collisions));
      });
    });

  withCommonOptions(
    report
      .command('grade-summary')
      .description('客户等级管理汇总表 of a period: grades, coefficients, credit limits and the sign-offs')
      .requiredOption('--period <YYYY-MM>', 'evaluation period', parsePeriod),
  )
    .addHelpText('after', '\nExamples:\n  customer-ledger report grade-summary --period 2026-10\n  customer-ledger report grade-summary --period 2026-10 --known-at 2026-11-05T00:00:00+08:00 --out 汇总表.xlsx')
    .action(async (o: Common & { period: Period }, command: Command) => {
      const { gradeSummary, namedGradeSummary } = await import('../../projections/index.js');
      const exports = await import('../../exports/index.js');
      await withViews(command.optsWithGlobals<GlobalOptions>(), 'report', async ({ views }) => {
        const summary = await namedGradeSummary(views, await gradeSummary(views, o.period, at(o)), at(o));
        const form = { ...summary, ...at(o) };
        await emitReport(o, {
          json: () => summary,
          table: () => exports.gradeSummaryTable(form),
          csv: () => exports.gradeSummaryCsv(form),
          xlsx: () => exports.gradeSummaryXlsx(form),
        });
      });
    });

  withCommonOptions(
    report
      .command('violations')
      .description('违规记录 across customers: time, customer, type, description')
      .option('--period <YYYY-MM>', 'violations that happened in this month (Beijing time)', parsePeriod)
      .option('--from <instant>', 'that happened at or after', parseInstant)
      .option('--to <instant>', 'that happened before', parseInstant)
      .option('--customer <id>', 'of one customer')
      .option('--type <type>', 'of one type'),
  ).action(async (o: Common & { period?: Period; from?: Instant; to?: Instant; customer?: string; type?: string }, command: Command) => {
    const { listViolations } = await import('../../projections/index.js');
    const { periodBounds } = await import('../../domain/shared/index.js');
    const exports = await import('../../exports/index.js');
    const { customerNames } = await import('../report/customerNames.js');
    const bounds = o.period ? periodBounds(o.period) : undefined;
    const filter = { customerId: o.customer, type: o.type, from: o.from ?? bounds?.start, to: o.to ?? bounds?.end };
    await withViews(command.optsWithGlobals<GlobalOptions>(), 'report', async ({ views }) => {
      const records = [];
      let cursor: string | null = null;
      do {
        const page = await listViolations(views, filter, at(o), { limit: 500, cursor });
        records.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      const names = await customerNames(views, at(o));
      const items = records.map((r) => ({ ...r, customerName: names[r.customerId] ?? r.customerId }));
      const form = { ...filter, ...at(o), customerName: o.customer ? names[o.customer] ?? o.customer : undefined, items };
      await emitReport(o, {
        json: () => ({ ...filter, ...at(o), items }),
        table: () => exports.violationsTable(form),
        csv: () => exports.violationsCsv(form),
        xlsx: () => exports.violationsXlsx(form),
      });
    });
  });

  withCommonOptions(
    report
      .command('complaints')
      .description('月度客诉统计 of a month: counts by category and outcome, response and closing times, open complaints')
      .requiredOption('--period <YYYY-MM>', 'the month', parsePeriod),
  ).action(async (o: Common & { period: Period }, command: Command) => {
    const { complaintStatistics } = await import('../../projections/index.js');
    const exports = await import('../../exports/index.js');
    const { customerNames } = await import('../report/customerNames.js');
    await withViews(command.optsWithGlobals<GlobalOptions>(), 'report', async ({ views }) => {
      const statistics = await complaintStatistics(views, o.period, at(o));
      const form = { statistics, customerNames: await customerNames(views, at(o)), ...at(o) };
      await emitReport(o, {
        json: () => statistics,
        table: () => exports.complaintStatisticsTable(form),
        csv: () => exports.complaintStatisticsCsv(form),
        xlsx: () => exports.complaintStatisticsXlsx(form),
      });
    });
  });
};
