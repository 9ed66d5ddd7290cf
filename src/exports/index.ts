export * from './complaintStatistics.js';
export { csvField, csvLines, sheetToCsv } from './csv.js';
export { displayWidth, padDisplay } from './displayWidth.js';
export * from './gradeSummary.js';
export { beijingTime, type Cell, type CellKind, type Column, type Section, type Sheet } from './sheet.js';
export { sheetToTable } from './table.js';
export type { TimeCuts } from './timeCuts.js';
export * from './violations.js';
export { sheetToXlsx } from './xlsx.js';
