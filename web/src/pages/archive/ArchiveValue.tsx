import { useMessages } from '../../i18n/language.js';
import type { Messages } from '../../i18n/zh.js';
import type { Customer } from './archiveFields.js';
import { archiveText } from './archiveText.js';

type FieldKey = keyof Messages['fields'];

export const ArchiveValue = ({ customer, field }: { customer: Customer; field: FieldKey }) => {
  const m = useMessages();
  return <span style={{ whiteSpace: 'pre-wrap' }}>{archiveText(m, customer, field)}</span>;
};
