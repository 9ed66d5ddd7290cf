import type { Messages } from '../../i18n/zh.js';
import { formatDate, formatMoney } from '../../shared/format.js';
import { type Customer, rawValue } from './archiveFields.js';

type FieldKey = keyof Messages['fields'];

/** The fields and blocks whose values are 元: shown as money (¥, two decimals). */
const moneyFields = new Set<FieldKey>(['creditLimit', 'registeredCapital', 'sales', 'monthlyPurchasingPower']);

/** One archive field as the form prints it: money as ¥, statuses and types in words, blocks as "label：value" lines. */
export const archiveText = (m: Messages, customer: Customer, field: FieldKey): string => {
  const value = rawValue(customer, field);
  if (value === undefined || value === null || value === '') return '—';
  const shown = (v: unknown) => (moneyFields.has(field) ? formatMoney(String(v)) : String(v));
  switch (field) {
    case 'salespersonId':
      // 业务员 by the staff directory's name, the id beside it (the id alone when not listed).
      return customer.salespersonName ? `${customer.salespersonName}（${String(value)}）` : String(value);
    case 'status':
      return m.statuses[value as Customer['status']];
    case 'validUntil':
      return formatDate(value as string);
    case 'grade':
      return `${value as string}${customer.vip ? '（VIP）' : ''}`;
    case 'companyType':
      return m.archive.companyTypes[value as keyof Messages['archive']['companyTypes']];
    default:
      if (typeof value === 'object') {
        return (
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => `${(m.fields as Record<string, string>)[k] ?? k}：${shown(v)}`)
            .join('；') || '—'
        );
      }
      return shown(value);
  }
};
