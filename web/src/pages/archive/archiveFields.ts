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

/** The fields the edit form offers (archive fields the archive clerk changes with PATCH). */
export const editableFields = ['name', 'region', 'address', 'website', 'companyNature', 'legalRepresentative', 'registeredCapital', 'industry', 'products', 'businessScope', 'profile', 'remarks'] as const;
export type EditableField = (typeof editableFields)[number];

export const rawValue = (customer: Customer, field: FieldKey): unknown => (customer as Record<string, unknown>)[field];

/** Two archives differ in a field when their values differ (nested blocks compared whole). */
export const differs = (a: Customer, b: Customer, field: FieldKey): boolean => JSON.stringify(rawValue(a, field) ?? null) !== JSON.stringify(rawValue(b, field) ?? null);
