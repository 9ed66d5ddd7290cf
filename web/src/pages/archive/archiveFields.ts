import type { components } from '../../api/schema.js';
import type { Messages } from '../../i18n/zh.js';

export type Customer = components['schemas']['Customer'];
type FieldKey = keyof Messages['fields'];

/**
 * The archive laid out like the manual's 客户档案表: its sections in the form's order.
 * Values of the view; `show` turns one into text for the form.
 */
export const archiveSections: { key: string; fields: FieldKey[] }[] = [
  { key: 'basic', fields: ['name', 'salespersonId', 'status', 'region', 'grade', 'creditLimit', 'validUntil', 'address', 'website'] },
  { key: 'company', fields: ['companyType', 'companyTypeOther', 'companyNature', 'legalRepresentative', 'registeredCapital', 'bankCreditRating', 'industry', 'industrySituation', 'businessScope', 'products'] },
  { key: 'market', fields: ['marketCoverage', 'marketPositioning', 'salesChannels', 'purchasingSituation', 'sales', 'monthlyPurchasingPower', 'competition'] },
  { key: 'other', fields: ['profile', 'invoicing', 'remarks'] },
];

/** The blocks of the archive that are changed whole, and their parts (DOMAIN.md §2). */
export const archiveGroups = {
  sales: ['annual', 'offSeason', 'peakSeason'],
  monthlyPurchasingPower: ['overall', 'offSeason', 'peakSeason'],
  competition: ['competitorsInUse', 'satisfaction', 'competitorReps', 'relationship'],
  invoicing: ['bank', 'accountNumber', 'taxRegistrationNumber', 'phone', 'specialRequirements'],
} as const satisfies Record<string, readonly FieldKey[]>;
export type ArchiveGroup = keyof typeof archiveGroups;

/** How the edit form asks for a field: a line, a paragraph, an amount in 元, one of a list, or a block of parts. */
export type EditKind = 'text' | 'longText' | 'money' | 'choice' | 'group';

/**
 * The edit form: every archive field the archive clerk changes with PATCH, in the archive's
 * sections (status, salesperson, validity and contacts have forms of their own).
 */
export const editSections: { key: 'basic' | 'company' | 'market' | 'other'; fields: [FieldKey, EditKind][] }[] = [
  { key: 'basic', fields: [['name', 'text'], ['region', 'text'], ['address', 'text'], ['website', 'text']] },
  {
    key: 'company',
    fields: [
      ['companyType', 'choice'], ['companyTypeOther', 'text'], ['companyNature', 'text'], ['legalRepresentative', 'text'], ['registeredCapital', 'money'],
      ['bankCreditRating', 'choice'], ['industry', 'text'], ['industrySituation', 'longText'], ['businessScope', 'longText'], ['products', 'longText'],
    ],
  },
  {
    key: 'market',
    fields: [
      ['marketCoverage', 'longText'], ['marketPositioning', 'longText'], ['salesChannels', 'longText'], ['purchasingSituation', 'longText'],
      ['sales', 'group'], ['monthlyPurchasingPower', 'group'], ['competition', 'group'],
    ],
  },
  { key: 'other', fields: [['profile', 'longText'], ['remarks', 'longText'], ['invoicing', 'group']] },
];

/** What the form holds: a field's text ('' when empty), a block's parts likewise. */
export type EditValues = Record<string, string | Record<string, string> | undefined>;

const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const trimmed = (v: unknown): string => (filled(v) ? v.trim() : '');
const part = (group: unknown, key: string): string => ((group ?? {}) as Record<string, unknown>)[key] as string | undefined ?? '';

/** The form's starting values: the archive as read. */
export const editValues = (customer: Customer): EditValues =>
  Object.fromEntries(
    editSections.flatMap((s) => s.fields).map(([f, kind]) => {
      const value = rawValue(customer, f);
      if (kind === 'group') return [f, Object.fromEntries(archiveGroups[f as ArchiveGroup].map((k) => [k, part(value, k)]))];
      return [f, kind === 'choice' ? ((value as string | null) ?? undefined) : ((value as string | null) ?? '')];
    }),
  );

/**
 * The PATCH body the form's values make: only what differs from the archive; an emptied
 * field or block is `null` (cleared); a block goes whole, with its filled parts. The text
 * of 其他 is cleared with it when the type stops being 其他 (the API refuses it alone).
 */
export const archiveChanges = (customer: Customer, values: EditValues): Record<string, unknown> => {
  const changes: Record<string, unknown> = {};
  const was = editValues(customer);
  const filledParts = (group: unknown) => Object.entries((group ?? {}) as Record<string, string>).filter(([, v]) => filled(v)).map(([k, v]) => [k, v.trim()]);
  for (const [f, kind] of editSections.flatMap((s) => s.fields)) {
    const before = was[f];
    const after = values[f];
    if (kind === 'group') {
      const parts = filledParts(after);
      if (JSON.stringify(parts) !== JSON.stringify(filledParts(before))) changes[f] = parts.length === 0 ? null : Object.fromEntries(parts);
    } else if (trimmed(after) !== trimmed(before)) {
      changes[f] = filled(after) ? after.trim() : f === 'name' ? after : null;
    }
  }
  if ((values.companyType ?? null) !== 'other' && filled(rawValue(customer, 'companyTypeOther'))) changes.companyTypeOther = null;
  return changes;
};

export const rawValue = (customer: Customer, field: FieldKey): unknown => (customer as Record<string, unknown>)[field];

/** Two archives differ in a field when their values differ (nested blocks compared whole). */
export const differs = (a: Customer, b: Customer, field: FieldKey): boolean => JSON.stringify(rawValue(a, field) ?? null) !== JSON.stringify(rawValue(b, field) ?? null);
