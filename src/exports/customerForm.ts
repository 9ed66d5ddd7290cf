import type { CustomerArchiveView, CreditRequestView } from '../projections/index.js';
import { formToXlsx, type Form, type FormField } from './formXlsx.js';
import { type TimeCuts, timeCutLines } from './timeCuts.js';

const statuses = { prospect: '潜在客户', active: '活跃客户', inactive: '非活跃客户', lost: '丢失客户' } as const;
const companyTypes = { agent: '代理商', factory: '工厂', tradingCompany: '贸易公司', other: '其他' } as const;
const approvals = { pending: '待审', reviewed: '已评审', approved: '已审批', rejected: '审批退回' } as const;
const roles = { salesAdminManager: '销售管理部经理', salesVP: '销售副总', salesGM: '销售总经理', groupGM: '集团总经理' } as const;
const requestStatuses = { pending: '审批中', approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' } as const;

const money = (m: string | null | undefined): string | null => (m == null ? null : `${m} 元`);
const f = (label: string, value: string | null | undefined, wide = false): FormField => ({ label, value: value ?? null, wide });

/**
 * 客户档案表, one A4 page. The view is already redacted for the reader: without
 * `invoicing` (a role that may not see it) the 财务开票信息 block is left out.
 */
export const customerArchiveForm = (
  view: Omit<CustomerArchiveView, 'invoicing'> & Partial<Pick<CustomerArchiveView, 'invoicing'>> & { salespersonName?: string | null },
  cuts: TimeCuts,
): Form => {
  const contacts = view.contacts.map((c) => [c.name, c.departmentAndTitle, c.phone, c.mobile, c.email].filter(Boolean).join(' / '));
  return {
    name: '客户档案表',
    title: '客户档案表',
    meta: [`客户编号: ${view.id}    版本: ${view.version}`, ...timeCutLines(cuts)],
    blocks: [
      {
        heading: '基本信息',
        fields: [
          f('客户名称', view.name, true),
          f('地区', view.region), f('状态', statuses[view.status]),
          f('类型', view.companyType === undefined ? null : view.companyType === 'other' ? `其他: ${view.companyTypeOther ?? ''}` : companyTypes[view.companyType]),
          f('公司性质', view.companyNature),
          f('法人代表', view.legalRepresentative), f('行业', view.industry),
          f('单位地址', view.address, true),
          f('网址', view.website), f('注册资本', money(view.registeredCapital)),
          f('银行资信等级', view.bankCreditRating), f('业务员', view.salespersonName ?? view.salespersonId),
          { label: '录入时间', value: { instant: view.enteredAt } }, f('有效期', view.validUntil),
          f('客户简介', view.profile, true),
        ],
      },
      {
        heading: '联系信息',
        fields: contacts.length === 0 ? [f('联系人', null, true)] : contacts.map((c, i) => f(i === 0 ? '联系人' : `联系人${i + 1}`, c, true)),
      },
      {
        heading: '经营情况',
        fields: [
          f('行业基本情况', view.industrySituation, true), f('经营产品', view.products, true), f('经营范围', view.businessScope, true),
          f('市场覆盖', view.marketCoverage, true), f('市场定位', view.marketPositioning, true), f('销售渠道', view.salesChannels, true),
          f('采购状况', view.purchasingSituation, true),
          f('年销售额', money(view.sales?.annual)), f('月购买力', money(view.monthlyPurchasingPower?.overall)),
          f('淡季销售额', money(view.sales?.offSeason)), f('旺季销售额', money(view.sales?.peakSeason)),
          f('竞争对手使用情况', view.competition?.competitorsInUse, true),
          f('对其产品满意度', view.competition?.satisfaction, true),
        ],
      },
      ...(view.invoicing === undefined
        ? []
        : [{
            heading: '财务开票信息',
            fields: [
              f('开户行', view.invoicing.bank), f('帐号', view.invoicing.accountNumber),
              f('税务登记号', view.invoicing.taxRegistrationNumber), f('电话', view.invoicing.phone),
              f('开票特殊要求', view.invoicing.specialRequirements, true),
            ],
          }]),
      {
        heading: '等级与审批',
        fields: [
          f('客户等级', view.grade), f('信用额度', money(view.creditLimit)),
          f('VIP', view.vip ? '是' : '否'), f('审批', approvals[view.approval]),
          f('违规记录', view.violations.length === 0 ? '无' : view.violations.map((v) => `${v.occurredAt.slice(0, 10)} ${v.description}`).join('\n'), true),
          f('备注', view.remarks, true),
        ],
      },
    ],
  };
};

/** A request with the names of its people where known (projections' `nameCreditRequests`); ids or token names otherwise. */
export type CreditRequestFormView = Omit<CreditRequestView, 'decisions'> & {
  customer: { salespersonName?: string | null };
  requesterName?: string;
  decisions: readonly (CreditRequestView['decisions'][number] & { approverName?: string })[];
};

/** 客户信用额度变更申请表, one A4 page: the customer block, the change, and each step's 审核意见. */
export const creditRequestForm = (view: CreditRequestFormView, cuts: TimeCuts): Form => {
  const c = view.customer.contact;
  return {
    name: '客户信用额度变更申请表',
    title: '客户信用额度变更申请表',
    meta: [`申请编号: ${view.id}    状态: ${requestStatuses[view.status]}`, ...timeCutLines(cuts)],
    blocks: [
      {
        heading: '客户信息',
        fields: [
          f('客户名称', view.customer.name, true),
          f('客户负责人', view.customer.salespersonName ?? view.customer.salespersonId), f('客户等级', view.customer.grade),
          f('地址', view.customer.address, true),
          f('联系人', c?.name), f('电话', c?.phone ?? c?.mobile),
        ],
      },
      {
        heading: '变更内容',
        fields: [
          f('原信用额度', money(view.originalLimit)), f('拟变更信用额度', money(view.proposedLimit)),
          f('变更方向', view.direction === 'increase' ? '增加' : '减少'), f('申请人', view.requesterName ?? view.requester.name),
          { label: '申请时间', value: { instant: view.requestedAt } }, { label: '生效时间', value: view.effectiveAt === null ? null : { instant: view.effectiveAt } },
          f('变更理由', view.reason, true),
        ],
      },
      {
        heading: '审核意见',
        tall: true,
        fields: view.requiredSteps.map((role, i) => {
          const d = view.decisions.find((x) => x.step === i + 1);
          const verdict = d === undefined ? '' : `${d.decision === 'approve' ? '同意' : '不同意'}: ${d.opinion}\n${d.approverName ?? d.approver.name}`;
          return f(roles[role], d === undefined ? null : verdict, true);
        }),
      },
    ],
  };
};

export const customerArchiveXlsx = (view: Parameters<typeof customerArchiveForm>[0], cuts: TimeCuts): Promise<Buffer> => formToXlsx(customerArchiveForm(view, cuts));
export const creditRequestXlsx = (view: CreditRequestFormView, cuts: TimeCuts): Promise<Buffer> => formToXlsx(creditRequestForm(view, cuts));
