import type { ComplaintStep } from '../../domain/complaint/index.js';
import type { Actor, Instant, Period } from '../../domain/shared/index.js';
import { staff } from './people.js';
import type { PlannedCustomer } from './planCustomers.js';
import type { Random } from './random.js';
import { inPeriod, isBefore, later } from './timeline.js';

export type PlannedViolation = { customerId: string; occurredAt: Instant; recordedAt: Instant; type: string; description: string };
export type PlannedEvaluation = { customerId: string; at: Instant; text: string };
export type PlannedStep = { at: Instant; actor: Actor; action: ComplaintStep };
export type PlannedComplaint = { complaintId: string; customerId: string; receivedAt: Instant; receiver: Actor; description: string; steps: PlannedStep[] };

const violationKinds = [
  ['逾期付款', (n: number) => `货款逾期 ${n} 天未付，已发催款函`],
  ['窜货', (n: number) => `在授权区域外销售 ${n} 批次产品，已书面警告`],
  ['违规压价', (n: number) => `低于指导价 ${n}% 销售，扰乱区域价格体系`],
  ['合同违约', (n: number) => `未按合同约定提货，延误 ${n} 天`],
] as const;

/** 违规记录: about one customer in seven, one to three times over the months. */
export const planViolations = (rng: Random, customers: readonly PlannedCustomer[]): PlannedViolation[] =>
  customers
    .filter((c) => c.figures.length > 0 && rng.chance(0.15))
    .flatMap((c) =>
      Array.from({ length: rng.int(1, 3) }, () => {
        const [type, describe] = rng.pick(violationKinds);
        const occurredAt = inPeriod(rng.pick(c.figures).period, rng.int(0, 26) + rng.next());
        return { customerId: c.id, occurredAt, recordedAt: later(occurredAt, rng.int(4, 60)), type, description: describe(rng.int(5, 60)) };
      }),
    );

const evaluationTexts = ['合作态度良好，回款及时，建议维持现有政策', '订单稳定，对交期要求高，需加强沟通', '近期采购量下降，需业务员跟进了解原因', '对新品兴趣浓厚，可优先安排试销'];

/** 客户评价 by the service clerk, for about one customer in five. */
export const planEvaluations = (rng: Random, customers: readonly PlannedCustomer[]): PlannedEvaluation[] =>
  customers
    .filter((c) => c.figures.length > 0 && rng.chance(0.2))
    .map((c) => ({ customerId: c.id, at: inPeriod(rng.pick(c.figures).period, rng.int(5, 25) + 0.6), text: rng.pick(evaluationTexts) }));

type Scenario = 'noProblem' | 'satisfied' | 'renegotiated' | 'litigation' | 'reopened';

const { serviceClerk, salesAdminManager, salesGM, groupGM } = staff;

/** The manual's flow (客户投诉处理流程) a complaint takes, step by step, each some hours after the last. */
const stepsOf = (rng: Random, scenario: Scenario, receivedAt: Instant, salesperson: Actor): PlannedStep[] => {
  let at = receivedAt;
  const step = (actor: Actor, action: ComplaintStep): PlannedStep => {
    at = later(at, rng.int(2, 72));
    return { at, actor, action };
  };
  const handled = (category: 'quality' | 'nonQuality'): PlannedStep[] => [
    step(serviceClerk, { step: 'judge', category }),
    step(serviceClerk, { step: 'assess', problemFound: true }),
    step(serviceClerk, { step: 'proposePlan', plan: category === 'quality' ? '退换不合格批次并补偿运费' : '调整交货安排并给予下单折扣', departments: category === 'quality' ? ['质量部', '生产部'] : ['物流部'] }),
    step(salesAdminManager, { step: 'signOpinion', opinion: '已与客户初步沟通，同意处理方案' }),
    step(salesGM, { step: 'approve', opinion: '同意' }),
  ];
  switch (scenario) {
    case 'noProblem':
      return [step(serviceClerk, { step: 'judge', category: 'nonQuality' }), step(serviceClerk, { step: 'assess', problemFound: false, explanation: '经核查为客户使用不当，已向客户解释' })];
    case 'satisfied':
      return [...handled(rng.pick(['quality', 'nonQuality'])), step(serviceClerk, { step: 'negotiate', outcome: 'satisfied' }), step(serviceClerk, { step: 'execute', notes: '已按方案执行完毕' })];
    case 'renegotiated':
      return [
        ...handled('quality'),
        step(salesperson, { step: 'negotiate', outcome: 'notSatisfied', notes: '客户要求更高补偿' }),
        step(serviceClerk, { step: 'negotiate', outcome: 'satisfied', notes: '增加补偿后客户同意' }),
        step(serviceClerk, { step: 'execute' }),
      ];
    case 'litigation':
      return [
        ...handled('quality'),
        step(serviceClerk, { step: 'negotiate', outcome: 'notSatisfied' }),
        step(groupGM, { step: 'litigate', notes: '协商未果，转法务部' }),
        step(groupGM, { step: 'concludeLitigation', outcome: '双方达成调解，按调解书履行' }),
      ];
    case 'reopened':
      return [
        step(serviceClerk, { step: 'judge', category: 'nonQuality' }),
        step(serviceClerk, { step: 'assess', problemFound: false, explanation: '初步判断无问题' }),
        step(salesAdminManager, { step: 'reopen', reason: '客户补充了新的证据材料' }),
        ...handled('quality'),
        step(serviceClerk, { step: 'negotiate', outcome: 'satisfied' }),
        step(serviceClerk, { step: 'execute' }),
      ];
  }
};

const complaintTexts = ['到货产品外观有划痕', '部分批次尺寸不符合订单要求', '交货延误影响客户生产', '包装破损导致货物受潮', '发票信息有误需重开', '售后响应不及时'];

/**
 * Complaints (客诉) each month, two to six, each following one of the manual's paths.
 * Steps that would fall after `cutoff` are not taken, and about half of the last two
 * months' complaints are still being handled: the statistics have a backlog.
 */
export const planComplaints = (rng: Random, customers: readonly PlannedCustomer[], periods: readonly Period[], cutoff: Instant): PlannedComplaint[] =>
  periods.flatMap((period, index) => {
    const recent = index >= periods.length - 2;
    const buying = customers.filter((c) => c.figures.some((f) => f.period === period));
    if (buying.length === 0) return [];
    return Array.from({ length: rng.int(2, 6) }, (): PlannedComplaint => {
      const customer = rng.pick(buying);
      const receivedAt = inPeriod(period, rng.int(0, 26) + rng.next());
      const scenario = rng.pick<Scenario>(['noProblem', 'noProblem', 'satisfied', 'satisfied', 'satisfied', 'renegotiated', 'litigation', 'reopened']);
      const receiver = rng.chance(0.7) ? serviceClerk : customer.salesperson;
      const steps = stepsOf(rng, scenario, receivedAt, customer.salesperson).filter((s) => isBefore(s.at, cutoff));
      const inProgress = recent && rng.chance(0.5);
      return {
        complaintId: rng.uuid(),
        customerId: customer.id,
        receivedAt,
        receiver,
        description: rng.pick(complaintTexts),
        steps: inProgress ? steps.slice(0, rng.int(0, steps.length - 1)) : steps,
      };
    });
  });
