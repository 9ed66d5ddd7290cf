import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { CliError, exitCodes, refused } from '../errors.js';
import { textEncodings, type TextEncodingName } from '../import/decodeText.js';
import { oneOf } from '../options.js';
import { inputFile } from '../paths.js';
import type { GlobalOptions } from '../storeAccess.js';
import { withViews } from '../views.js';

type ImportOptions = { actorId: string; actorName?: string; reason?: string; encoding?: TextEncodingName };

const defaultActor = () => `cli:${userInfo().username}`;

/** ERP data into the ledger: checked whole, written whole or not at all. */
export const registerImport = (program: Command) => {
  const imports = program.command('import').description('import data exported from the ERP');
  imports
    .command('monthly-figures')
    .description('monthly sales, credit due and credit paid on time per customer, from a .csv (UTF-8 or GBK) or .xlsx file: all rows or none')
    .argument('<file>', 'columns period, customer (id or exact name), sales, creditDue, creditPaidOnTime (or 期间, 客户名称, 销售额, 应收信用, 按期回款)')
    .option('--actor-id <id>', 'who imports, as recorded on every event (an archive clerk, 销售内勤(客户管理))', defaultActor())
    .option('--actor-name <name>', 'their name (default: the id)')
    .option('--reason <text>', 'the written reason stored with the figures (default: "ERP 月度数据导入 <file>")')
    .option('--encoding <name>', `a CSV file's encoding: ${textEncodings.join(', ')} (default: detected; UTF-8 with or without BOM, else GB18030/GBK)`, oneOf(textEncodings))
    .addHelpText(
      'after',
      '\nExample file (CSV, UTF-8):\n  period,customer,sales,creditDue,creditPaidOnTime\n  2026-10,杭州恒达纺织有限公司,125000.00,80000.00,76000.00\n\nEvery problem is listed by row and column and nothing is written; importing the same file again changes nothing.',
    )
    .action(async (file: string, o: ImportOptions, command: Command) => {
      const path = inputFile(file);
      const { readTable } = await import('../import/readTable.js');
      const rows = await readTable(path, o.encoding).catch((e: unknown) =>
        Promise.reject(e instanceof Error && !('code' in e) ? refused(`${file}: ${e.message}`) : e),
      );
      const { checkFigureRows } = await import('../import/figuresRows.js');
      const { importMonthlyFigures } = await import('../../app/grading/importMonthlyFigures.js');
      const { customerIndex } = await import('../import/customerIndex.js');
      const { periodOf } = await import('../../domain/shared/index.js');
      await withViews(command.optsWithGlobals<GlobalOptions>(), 'import', async ({ opened, views }) => {
        const now = new Date().toISOString();
        const checked = checkFigureRows(rows, await customerIndex(views), periodOf(now));
        if (checked.errors.length > 0) {
          throw refused(`${file}: ${checked.errors.length} problem${checked.errors.length === 1 ? '' : 's'}, nothing was imported:`, checked.errors);
        }
        const meta = { actor: { id: o.actorId, name: o.actorName ?? o.actorId, roles: ['archiveClerk' as const] }, at: now, reason: o.reason ?? `ERP 月度数据导入 ${basename(file)}` };
        const result = await importMonthlyFigures({ store: opened.store })(checked.rows, meta)();
        if (E.isLeft(result)) {
          const error = result.left;
          if (error.code === 'RowsRefused') throw refused(`${file}: ${error.rows.length} rows refused, nothing was imported:`, error.rows);
          throw new CliError(error.message, error.code === 'StoreUnavailable' ? exitCodes.unavailable : exitCodes.refused);
        }
        const r = result.right;
        console.log(
          r.recorded + r.corrected === 0
            ? `${file}: nothing changed, all ${r.unchanged} rows are recorded already`
            : `${file}: recorded ${r.recorded} new and ${r.corrected} corrected figures (a correction supersedes the earlier ones), ${r.unchanged} rows unchanged; ${r.streams} customers changed`,
        );
      });
    });
};
