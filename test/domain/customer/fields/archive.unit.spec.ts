import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import {
  ArchiveFields,
  ArchiveFieldsPatch,
  ContactDetails,
  RegisterCustomerInput,
  archiveFieldLabels,
  archiveFieldNames,
  canonicalFieldValue,
} from '../../../../src/domain/customer/index.js';

const register = (fields: Record<string, unknown>) =>
  RegisterCustomerInput.safeParse({ name: '宁波华美工艺品有限公司', salespersonId: 'u-sales', ...fields });

const firstIssue = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } | undefined }) =>
  result.error?.issues[0];

describe('registering input', () => {
  test('needs a name and a salesperson, and starts as a prospect', () => {
    expect(RegisterCustomerInput.safeParse({}).error?.issues.map((i) => i.path.join('.'))).toEqual(['name', 'salespersonId']);
    expect(register({}).data?.status).toBe('prospect');
  });

  test('takes every archive field of the 客户档案表', () => {
    const full = register({
      status: 'active',
      region: '浙江宁波',
      validUntil: '2027-12-31',
      profile: '专业生产圣诞工艺品',
      contacts: [
        { category: 'primary', name: '陈明', departmentAndTitle: '采购部 经理', phone: '0574-87654321', fax: '0574-87654322', mobile: '13812345678', email: 'chen.ming@huamei.example.cn' },
        { category: 'secondary', name: '林芳' },
      ],
      address: '宁波市鄞州区天童南路 1 号',
      website: 'https://www.huamei.example.cn',
      companyType: 'other',
      companyTypeOther: '外贸综合服务企业',
      companyNature: '民营',
      legalRepresentative: '陈华',
      industry: '工艺品',
      industrySituation: '出口为主',
      bankCreditRating: 'AA',
      marketCoverage: '欧美',
      products: '圣诞装饰',
      businessScope: '工艺品制造与销售',
      registeredCapital: '5000000',
      marketPositioning: '中高端',
      salesChannels: '外贸',
      purchasingSituation: '按季采购',
      sales: { annual: '12000000.00', offSeason: '500000', peakSeason: '2000000.5' },
      monthlyPurchasingPower: { overall: '800000', offSeason: '300000', peakSeason: '1500000' },
      competition: { competitorsInUse: '某竞品', satisfaction: '一般', competitorReps: '王某, 价格灵活', relationship: '良好' },
      remarks: '重点客户',
      invoicing: { bank: '中国银行宁波分行', accountNumber: '3701 2345 6789 0123', taxRegistrationNumber: '91350100M000100Y43', phone: '0574-87654321', specialRequirements: '专票' },
    });
    expect(full.error?.issues).toBeUndefined();
    expect(Object.keys(archiveFieldLabels)).toEqual(archiveFieldNames);
  });

  test('refuses an unknown field (the API answers 400)', () => {
    const issue = firstIssue(register({ colour: 'red' }));
    expect(issue?.message).toMatch(/Unrecognized key.*colour/);
  });

  test('refuses an unknown field inside a group', () =>
    expect(firstIssue(register({ sales: { monthly: '1' } }))?.message).toMatch(/Unrecognized key/));
});

describe('validation says where and what', () => {
  test.each([
    [{ contacts: [{ category: 'primary', name: '陈明', email: 'chen.ming@' }] }, 'contacts.0.email', /name@example.com/],
    [{ contacts: [{ category: 'primary', name: '陈明', mobile: '0574-87654321' }] }, 'contacts.0.mobile', /mobile number/],
    [{ contacts: [{ category: 'boss', name: '陈明' }] }, 'contacts.0.category', /primary|secondary/],
    [{ invoicing: { taxRegistrationNumber: '91350100M000100Y44' } }, 'invoicing.taxRegistrationNumber', /check character/],
    [{ invoicing: { phone: '12345' } }, 'invoicing.phone', /phone number/],
    [{ invoicing: { accountNumber: 'ABC' } }, 'invoicing.accountNumber', /account number/],
    [{ registeredCapital: '5000000.123' }, 'registeredCapital', /at most two decimals/],
    [{ registeredCapital: 5000000 }, 'registeredCapital', /string/],
    [{ sales: { annual: '-1.00' } }, 'sales.annual', /at most two decimals/],
    [{ monthlyPurchasingPower: { overall: '1e6' } }, 'monthlyPurchasingPower.overall', /at most two decimals/],
    [{ website: 'www.huamei.example.cn' }, 'website', /http\(s\) address/],
    [{ website: 'ftp://huamei.example.cn' }, 'website', /http\(s\) address/],
    [{ bankCreditRating: 'BBB' }, 'bankCreditRating', /AAA|AA|A/],
    [{ companyType: 'shop' }, 'companyType', /agent/],
    [{ validUntil: '2027-02-30' }, 'validUntil', /date/i],
    [{ name: '   ' }, 'name', /least 1|empty|Too small/i],
  ])('%j is refused at its path', (fields, path, message) => {
    const issue = firstIssue(register(fields));
    expect(issue?.path.join('.')).toBe(path);
    expect(issue?.message).toMatch(message);
  });

  test('malformed money is refused with its path, well-formed money accepted', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^\d{1,15}(\.\d{1,2})?$/).map((m) => [m, true] as const),
          fc.stringMatching(/^\d{1,6}\.\d{3,5}$/).map((m) => [m, false] as const),
          fc.stringMatching(/^-\d{1,6}(\.\d{2})?$/).map((m) => [m, false] as const),
          fc.stringMatching(/^\d{0,3}[,a-z ]\d{1,3}$/).map((m) => [m, false] as const),
        ),
        ([money, valid]) => {
          const result = register({ sales: { annual: money } });
          expect(result.success).toBe(valid);
          if (!valid) expect(firstIssue(result)?.path).toEqual(['sales', 'annual']);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('malformed emails are refused with their path', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[a-z]{1,10}$/),
          fc.stringMatching(/^[a-z]{1,10}@$/),
          fc.stringMatching(/^@[a-z]{1,10}\.com$/),
          fc.stringMatching(/^[a-z]{1,5} [a-z]{1,5}@[a-z]{1,5}\.cn$/),
          fc.stringMatching(/^[a-z]{1,5}@@[a-z]{1,5}\.cn$/),
        ),
        (email) => {
          const issue = firstIssue(ContactDetails.safeParse({ category: 'primary', name: '陈明', email }));
          expect(issue?.path).toEqual(['email']);
          expect(issue?.message).toMatch(/name@example.com/);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('well-formed emails are accepted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,10}([._+-][a-z0-9]{1,10})?@([a-z0-9]{1,10}\.){1,3}[a-z]{2,6}$/), (email) => {
        expect(ContactDetails.safeParse({ category: 'primary', name: '陈明', email }).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a patch', () => {
  test('may clear a field with null, but not the name', () => {
    expect(ArchiveFieldsPatch.safeParse({ website: null, sales: null }).success).toBe(true);
    expect(firstIssue(ArchiveFieldsPatch.safeParse({ name: null }))?.path).toEqual(['name']);
  });

  test('refuses the fields that have commands of their own', () => {
    for (const field of ['status', 'salespersonId', 'validUntil', 'contacts']) {
      expect(firstIssue(ArchiveFieldsPatch.safeParse({ [field]: 'x' }))?.message).toMatch(/Unrecognized key/);
    }
  });

  test('ArchiveFields has every field optional', () => expect(ArchiveFields.safeParse({}).success).toBe(true));
});

describe('canonical values', () => {
  test('money is spelt with two decimals', () => {
    expect(canonicalFieldValue('registeredCapital', '1200')).toBe('1200.00');
    expect(canonicalFieldValue('sales', { annual: '1.5', peakSeason: undefined })).toEqual({ annual: '1.50' });
  });
  test('an empty group is no group', () => expect(canonicalFieldValue('competition', {})).toBeNull());
});
