import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { archiveChanges, type Customer, editValues } from './archiveFields.js';

const customer = {
  name: '东莞天成服装商行',
  region: '华南',
  website: null,
  companyType: 'other',
  companyTypeOther: '连锁店',
  registeredCapital: '1000000.00',
  sales: { annual: '7873352.38', offSeason: '492084.52' },
  competition: { satisfaction: '一般' },
} as unknown as Customer;

describe('the edit form sends only what differs', () => {
  test('the form as opened changes nothing', () => expect(archiveChanges(customer, editValues(customer))).toEqual({}));

  test('a changed field goes trimmed; an emptied one is cleared (null)', () => {
    const values = { ...editValues(customer), region: ' 华东 ', registeredCapital: '' };
    expect(archiveChanges(customer, values)).toEqual({ region: '华东', registeredCapital: null });
  });

  test('a block goes whole with its filled parts; emptied, it is cleared', () => {
    const values = { ...editValues(customer), sales: { annual: '8000000.00', offSeason: '492084.52', peakSeason: '' }, competition: { satisfaction: '', competitorsInUse: '' } };
    expect(archiveChanges(customer, values)).toEqual({ sales: { annual: '8000000.00', offSeason: '492084.52' }, competition: null });
  });

  test('a new block on an archive without one', () => {
    const values = { ...editValues(customer), monthlyPurchasingPower: { overall: '120000' } };
    expect(archiveChanges(customer, values)).toEqual({ monthlyPurchasingPower: { overall: '120000' } });
  });

  test('the type no longer 其他 clears its text (the API refuses the text alone)', () => {
    expect(archiveChanges(customer, { ...editValues(customer), companyType: 'factory' })).toEqual({ companyType: 'factory', companyTypeOther: null });
    expect(archiveChanges(customer, { ...editValues(customer), companyType: undefined })).toEqual({ companyType: null, companyTypeOther: null });
  });

  test('whatever is typed into a line, the change holds it trimmed, or clears the field, and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const changes = archiveChanges(customer, { ...editValues(customer), address: typed });
        if (typed.trim() === '') expect(changes).toEqual({});
        else expect(changes).toEqual({ address: typed.trim() });
      }),
    );
  });
});
