import { normalizeMoney } from '../../shared/index.js';
import type { ArchiveFieldName, ArchiveFieldsPatch } from './archive.js';
import { archiveFieldValues } from './archive.js';

/**
 * One spelling per value, so that "a field changed" means its value changed:
 * money as "1200.00" whatever was typed ("1200", "1200.0"); a group without any
 * value (`sales: {}`) is the same as no group; absent keys never appear as undefined.
 */

/** Field names in the 客户档案表's order: events list changes in this order. */
export const archiveFieldNames = Object.keys(archiveFieldValues) as ArchiveFieldName[];

const moneyGroupFields = new Set<ArchiveFieldName>(['sales', 'monthlyPurchasingPower']);
const groupFields = new Set<ArchiveFieldName>(['sales', 'monthlyPurchasingPower', 'competition', 'invoicing']);

const definedEntries = (group: object): [string, unknown][] =>
  Object.entries(group).filter(([, v]) => v !== undefined && v !== null);

/** The canonical value of one field; null when it holds nothing. */
export const canonicalFieldValue = (field: ArchiveFieldName, value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  if (field === 'registeredCapital') return normalizeMoney(value as string);
  if (!groupFields.has(field)) return value;
  const entries = definedEntries(value as object).map(([k, v]): [string, unknown] => [
    k,
    moneyGroupFields.has(field) ? normalizeMoney(v as string) : v,
  ]);
  return entries.length === 0 ? null : Object.fromEntries(entries);
};

/** The patch in field order with canonical values; a field that is absent stays absent. */
export const canonicalPatch = (patch: ArchiveFieldsPatch): ArchiveFieldsPatch =>
  Object.fromEntries(
    archiveFieldNames
      .filter((field) => patch[field] !== undefined)
      .map((field) => [field, canonicalFieldValue(field, patch[field])]),
  ) as ArchiveFieldsPatch;

const sortedJson = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortedJson)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, sortedJson(v)]),
        )
      : value;

/** Equal as JSON values, whatever the order of object keys. */
export const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(sortedJson(a ?? null)) === JSON.stringify(sortedJson(b ?? null));
