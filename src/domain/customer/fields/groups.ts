import { z } from 'zod';
import { Money } from '../../shared/index.js';
import { AccountNumber, LongText, ShortText } from './basics.js';
import { TaxRegistrationNumber } from './creditCode.js';
import { PhoneNumber } from './phone.js';

/** 类型: 代理商 / 工厂 / 贸易公司 / 其他 (the text of 其他 goes in companyTypeOther). */
export const CompanyType = z.enum(['agent', 'factory', 'tradingCompany', 'other']);
export type CompanyType = z.infer<typeof CompanyType>;

/** 银行资信等级. */
export const BankCreditRating = z.enum(['AAA', 'AA', 'A']);
export type BankCreditRating = z.infer<typeof BankCreditRating>;

/** 销售额, in 元. */
export const Sales = z.strictObject({
  annual: Money.optional(), // 年销售额
  offSeason: Money.optional(), // 淡季销售额
  peakSeason: Money.optional(), // 旺季销售额
});
export type Sales = z.infer<typeof Sales>;

/** 月购买力: what the customer buys per month from all suppliers together, in 元. */
export const MonthlyPurchasingPower = z.strictObject({
  overall: Money.optional(), // 月购买力
  offSeason: Money.optional(), // 淡季月购买力
  peakSeason: Money.optional(), // 旺季月购买力
});
export type MonthlyPurchasingPower = z.infer<typeof MonthlyPurchasingPower>;

/** 竞争状况. */
export const Competition = z.strictObject({
  competitorsInUse: LongText.optional(), // 竞争对手在客户处使用情况
  satisfaction: LongText.optional(), // 客户对其产品的满意度如何
  competitorReps: LongText.optional(), // 竞争对手销售代表名字及销售特点
  relationship: LongText.optional(), // 该销售代表与客户关系
});
export type Competition = z.infer<typeof Competition>;

/** 财务开票信息. Confidential: only some roles read it (API.md, read scopes). */
export const Invoicing = z.strictObject({
  bank: ShortText.optional(), // 开户行
  accountNumber: AccountNumber.optional(), // 帐号
  taxRegistrationNumber: TaxRegistrationNumber.optional(), // 税务登记号
  phone: PhoneNumber.optional(), // 电话
  specialRequirements: LongText.optional(), // 开票特殊要求
});
export type Invoicing = z.infer<typeof Invoicing>;
