import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { usageError } from '../errors.js';
import { outputPath } from '../paths.js';

export const reportFormats = ['table', 'json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type ReportOutputOptions = { format?: ReportFormat; out?: string };

/** The format asked, else the one `--out`'s extension names, else a table. */
export const formatOf = (o: ReportOutputOptions): ReportFormat => {
  if (o.format) return o.format;
  const ext = o.out ? extname(o.out).slice(1).toLowerCase() : '';
  return (reportFormats as readonly string[]).includes(ext) ? (ext as ReportFormat) : 'table';
};

export type Renderers = {
  json: () => unknown;
  table: () => string;
  csv: () => Buffer;
  xlsx: () => Promise<Buffer>;
};

/** Renders the report in its format, to `--out` or stdout; a workbook is never written to a terminal. */
export const emitReport = async (o: ReportOutputOptions, render: Renderers): Promise<void> => {
  const format = formatOf(o);
  if (format === 'xlsx' && !o.out && process.stdout.isTTY) {
    throw usageError('an xlsx workbook is binary: give --out FILE.xlsx or redirect the output');
  }
  const data: string | Buffer =
    format === 'json' ? `${JSON.stringify(render.json(), null, 2)}\n` : format === 'table' ? render.table() : format === 'csv' ? render.csv() : await render.xlsx();
  if (o.out) {
    const path = outputPath('--out', o.out);
    writeFileSync(path, data);
    console.error(`wrote ${path} (${format}, ${Buffer.byteLength(data)} bytes)`);
  } else {
    process.stdout.write(data);
  }
};
