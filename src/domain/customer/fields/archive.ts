import { z } from 'zod';
import { IsoDate, Money } from '../../shared/index.js';
import { CustomerName, LongText, ShortText, Website } from './basics.js';
import { ContactDetails } from './contact.js';
import { BankCreditRating, Competition, CompanyType, Invoicing, MonthlyPurchasingPower, Sales } from './groups.js';

/** 状态: 潜在客户 / 活跃客户 / 非活跃客户 / 丢失客户. */
export const CustomerStatus = z.enum(['prospect', 'active', 'inactive', 'lost']);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

/** 业务员: the salesperson's user id (the `sub` of their token). */
export const SalespersonId = z.string().trim().min(1).max(200);
export type SalespersonId = z.infer<typeof SalespersonId>;

/**
 * The archive fields changed by ChangeArchiveFields, each with the schema of its
 * value. Status, salesperson, validity and contacts have commands of their own.
 * A group (sales, competition, invoicing...) is one field: it is replaced whole.
 */
export const archiveFieldValues = {
  name: CustomerName, // 客户名称
  region: ShortText, // 地区
  profile: LongText, // 客户简介
  address: ShortText, // 单位地址
  website: Website, // 网址
  companyType: CompanyType, // 类型
  companyTypeOther: ShortText, // 其他: the text
  companyNature: ShortText, // 公司性质
  legalRepresentative: ShortText, // 法人代表
  industry: ShortText, // 行业
  industrySituation: LongText, // 行业基本情况
  bankCreditRating: BankCreditRating, // 银行资信等级
  marketCoverage: LongText, // 市场覆盖
  products: LongText, // 经营产品
  businessScope: LongText, // 经营范围
  registeredCapital: Money, // 注册资本
  marketPositioning: LongText, // 市场定位
  salesChannels: LongText, // 销售渠道
  purchasingSituation: LongText, // 采购状况
  sales: Sales, // 销售额
  monthlyPurchasingPower: MonthlyPurchasingPower, // 月购买力
  competition: Competition, // 竞争状况
  remarks: LongText, // 备注
  invoicing: Invoicing, // 财务开票信息
} as const;

type FieldSchemas = typeof archiveFieldValues;

export const ArchiveFieldName = z.enum(Object.keys(archiveFieldValues) as [keyof FieldSchemas, ...(keyof FieldSchemas)[]]);
export type ArchiveFieldName = z.infer<typeof ArchiveFieldName>;

const optionalEach = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };

const clearableEach = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.nullable().optional()])) as {
    [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>;
  };

/** Every archive field, all optional: what an archive holds besides its header. */
export const ArchiveFields = z.strictObject(optionalEach(archiveFieldValues));
export type ArchiveFields = z.infer<typeof ArchiveFields>;

/** The archive fields as held: the name is always there. */
export const ArchiveRecord = ArchiveFields.extend({ name: CustomerName });
export type ArchiveRecord = z.infer<typeof ArchiveRecord>;

/** A change: a given field replaces its value, `null` clears it (the name cannot be cleared). */
export const ArchiveFieldsPatch = z.strictObject({
  ...clearableEach(archiveFieldValues),
  name: CustomerName.optional(),
});
export type ArchiveFieldsPatch = z.infer<typeof ArchiveFieldsPatch>;

/** What registering a customer takes (API `POST /customers` adds `reason`). */
export const RegisterCustomerInput = ArchiveRecord.extend({
  salespersonId: SalespersonId,
  status: CustomerStatus.default('prospect'),
  validUntil: IsoDate.optional(), // 有效期
  contacts: z.array(ContactDetails).max(50, 'at most 50 contacts').optional(),
});
export type RegisterCustomerInput = z.infer<typeof RegisterCustomerInput>;
