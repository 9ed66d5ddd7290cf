import { describe, expect, test } from 'vitest';
import { redactEventData } from '../../../src/api/routes/customers/history.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';

/**
 * The audit trail's data for readers without the invoicing right. Every role API.md lets
 * read the trail also reads invoicing today, so this is checked on the function itself.
 */
const reader = (...roles: Role[]): Actor => ({ id: 'u-1', name: '读者', roles });
const invoicing = { bank: '中国银行', accountNumber: '6222 0000 1111' };

describe('an event’s data in the audit trail', () => {
  const registered = { customerId: 'c-1', archive: { name: '客户', region: '华东', invoicing } };
  const changed = {
    customerId: 'c-1',
    changes: [
      { field: 'region', from: '华东', to: '华南' },
      { field: 'invoicing', from: null, to: invoicing },
    ],
  };

  test('is whole for the roles that read invoicing', () => {
    for (const role of ['archiveClerk', 'salesAdminManager', 'groupGM', 'auditor'] as const) {
      expect(redactEventData('CustomerRegistered', registered, reader(role))).toEqual(registered);
      expect(redactEventData('ArchiveFieldsChanged', changed, reader(role))).toEqual(changed);
    }
  });

  test('leaves out the registered invoicing and every change of it for other roles, and nothing else', () => {
    const other = reader('salesVP', 'reviewBoard');
    expect(redactEventData('CustomerRegistered', registered, other)).toEqual({ customerId: 'c-1', archive: { name: '客户', region: '华东' } });
    expect(redactEventData('ArchiveFieldsChanged', changed, other)).toEqual({ customerId: 'c-1', changes: [changed.changes[0]] });
    const evaluation = { customerId: 'c-1', text: '好' };
    expect(redactEventData('EvaluationAdded', evaluation, other)).toBe(evaluation);
  });
});
