import type { ContactFieldName } from './contact.js';
import type { ArchiveFieldName } from './archive.js';

/** The 客户档案表's own words, for exports, reports and the audit trail. */
export const archiveFieldLabels: Record<ArchiveFieldName, string> = {
  name: '客户名称',
  region: '地区',
  profile: '客户简介',
  address: '单位地址',
  website: '网址',
  companyType: '类型',
  companyTypeOther: '类型(其他)',
  companyNature: '公司性质',
  legalRepresentative: '法人代表',
  industry: '行业',
  industrySituation: '行业基本情况',
  bankCreditRating: '银行资信等级',
  marketCoverage: '市场覆盖',
  products: '经营产品',
  businessScope: '经营范围',
  registeredCapital: '注册资本',
  marketPositioning: '市场定位',
  salesChannels: '销售渠道',
  purchasingSituation: '采购状况',
  sales: '销售额',
  monthlyPurchasingPower: '月购买力',
  competition: '竞争状况',
  remarks: '备注',
  invoicing: '财务开票信息',
};

export const contactFieldLabels: Record<ContactFieldName, string> = {
  category: '类别',
  name: '姓名',
  departmentAndTitle: '部门及职务',
  phone: '电话',
  fax: '传真',
  mobile: '手机',
  email: 'Email',
};
