import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { canSeeCustomer, canSeeInvoicing, redactForReader, salespersonScope } from '../../src/api/scope.js';
import { type Actor, Role } from '../../src/domain/shared/index.js';

const actor = (roles: Role[], id = 'u1'): Actor => ({ id, name: 'N', roles });
const roles = fc.uniqueArray(fc.constantFrom(...Role.options), { minLength: 1 });

describe('a user who is only a salesperson', () => {
  const sales = actor(['salesperson'], 's1');

  test('sees their own customers', () => {
    expect(canSeeCustomer(sales, 's1')).toBe(true);
  });

  test('does not see another salesperson’s customers', () => {
    expect(canSeeCustomer(sales, 's2')).toBe(false);
  });

  test('lists with their own id as the filter', () => {
    expect(salespersonScope(sales)).toBe('s1');
  });
});

describe('a user with any other role', () => {
  test.prop([roles, fc.string()])('sees every customer unless salesperson is all they hold', (rs, owner) => {
    const a = actor(rs);
    const onlySales = rs.every((r) => r === 'salesperson');
    expect(canSeeCustomer(a, owner)).toBe(!onlySales || owner === a.id);
    expect(salespersonScope(a)).toBe(onlySales ? a.id : undefined);
  });
});

describe('the invoicing block', () => {
  const view = { id: 'c1', name: 'X', invoicing: { bank: 'B' } };

  test.each(['archiveClerk', 'salesAdminManager', 'groupGM', 'auditor'] as const)('is shown to %s', (role) => {
    expect(redactForReader(view, actor([role]))).toEqual(view);
  });

  test.prop([roles])('is removed for everyone without one of the four roles', (rs) => {
    const seen = redactForReader(view, actor(rs));
    expect('invoicing' in seen).toBe(canSeeInvoicing(actor(rs)));
    expect(seen).toMatchObject({ id: 'c1', name: 'X' });
  });
});
