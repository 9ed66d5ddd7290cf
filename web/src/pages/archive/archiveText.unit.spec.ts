import { describe, expect, test } from 'vitest';
import { zh } from '../../i18n/zh.js';
import type { Customer } from './archiveFields.js';
import { archiveText } from './archiveText.js';

const customer = {
  name: '东莞天成服装商行',
  registeredCapital: '1000000.00',
  sales: { annual: '7873352.38', offSeason: '492084.5' },
  monthlyPurchasingPower: { overall: '120000' },
  competition: { satisfaction: '一般' },
  creditLimit: '1052028.00',
  website: null,
} as unknown as Customer;

describe('the archive as the form prints it', () => {
  test.each([
    ['registeredCapital', '¥1,000,000.00'],
    ['creditLimit', '¥1,052,028.00'],
    ['sales', '全年：¥7,873,352.38；淡季：¥492,084.50'],
    ['monthlyPurchasingPower', '总体：¥120,000.00'],
    ['competition', '满意度：一般'],
    ['name', '东莞天成服装商行'],
    ['website', '—'],
  ] as const)('%s is %s', (field, shown) => expect(archiveText(zh, customer, field)).toBe(shown));
});
