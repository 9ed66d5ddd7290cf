import { creditCodeCheckCharacter } from '../../../src/domain/customer/index.js';

const first17 = '91310000MA1FL0001';
/** A 统一社会信用代码 whose check character holds. */
export const creditCode = `${first17}${creditCodeCheckCharacter(first17)}`;
/** The same code with a wrong check character. */
export const badCreditCode = `${first17}${creditCodeCheckCharacter(first17) === '0' ? '1' : '0'}`;

/** A full archive as the archive clerk enters it (客户档案表), with its reason. */
export const archiveBody = (name: string, salespersonId = 'sp-1') => ({
  name,
  salespersonId,
  status: 'active',
  region: '华东',
  validUntil: '2027-12-31',
  profile: '精密机械零部件制造商',
  contacts: [
    { category: 'primary', name: '王经理', departmentAndTitle: '采购部 经理', phone: '021-12345678', mobile: '13812345678', email: 'wang@example.com' },
  ],
  address: '上海市浦东新区张江路 1 号',
  website: 'https://www.example.com',
  companyType: 'factory',
  bankCreditRating: 'AA',
  registeredCapital: '5000000',
  sales: { annual: '12000000.00', offSeason: '800000', peakSeason: '1200000.50' },
  competition: { competitorsInUse: '某品牌', satisfaction: '一般' },
  invoicing: { bank: '中国工商银行上海分行', accountNumber: '1001 2345 6789 0123', taxRegistrationNumber: creditCode, phone: '021-87654321' },
  reason: '新客户建档',
});
