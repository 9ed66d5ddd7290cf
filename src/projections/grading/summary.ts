import {
  type GradingPolicy,
  type UpgradeCandidate,
  type VersionedPolicy,
  builtInPolicies,
  builtInPolicy,
  upgradePlan,
} from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import { type At, type ReadDeps, type TimePoint, activeTables, timePoint } from '../shared/query.js';
import type { TableNamer } from '../engine/projection.js';
import { instantMs } from '../bitemporal/timelineSql.js';
import { staffNamer } from '../staff/names.js';

/** A row of 客户等级管理汇总表, API.md's field names. */
export type GradeSummaryRow = {
  no: number;
  customerId: string;
  customerName: string;
  salespersonId: string;
  /** 业务员 by name: set by `namedGradeSummary` (names.ts), as of the report's time point. */
  salespersonName?: string | null;
  score: number; // 客户等级评分
  coefficient: string; // 等级系数
  monthlyAverageSales: string; // 月均销售额(元)
  fulfilmentRate: number; // 信用履约率
  grade: string; // 客户等级
  creditLimit: string; // 信用额度(元)
  remarks: string; // 备注 (generated)
  /** 备注 written by the archive clerk; '' when none. */
  note: string;
  vip: boolean;
  policyVersion: number;
};

export type SignOffRecord = { step: string; signerId: string; signerName: string; role: string; at: string };

/** 编制 → 复核 → 审核 → 审批: `open` before the first, `frozen` once approved. */
export type GradeSummary = {
  period: Period;
  status: 'open' | 'signingOff' | 'frozen';
  rows: GradeSummaryRow[];
  signOffs: SignOffRecord[];
};

const gradeOrder = ['A', 'B', 'C', 'D', 'E'];

type EvaluationRow = {
  customer_id: string;
  customer_name: string;
  salesperson_id: string;
  score: number;
  coefficient: string;
  monthly_average_sales: string;
  fulfilment_rate: number;
  grade: string;
  vip: boolean;
  credit_limit: string;
  policy_version: number;
  remarks: string;
  note: string | null;
};

/**
 * Each customer's evaluation of the period at the time point: the latest by effective
 * order. All keys descending, so the primary key read backwards gives the order.
 */
const evaluationsAt = async (deps: ReadDeps, t: TableNamer, period: Period, at: TimePoint): Promise<EvaluationRow[]> =>
  (
    await deps.db.query<EvaluationRow>(
      `select distinct on (e.customer_id) e.customer_id, e.customer_name, e.salesperson_id, e.score, e.coefficient, e.monthly_average_sales,
              e.fulfilment_rate, e.grade, e.vip, e.credit_limit, e.policy_version, e.remarks,
              (select n.text from ${t('notes')} n
                where n.period = $1 and n.customer_id = e.customer_id and n.occurred_at <= $2::timestamptz and n.recorded_at <= coalesce($3::timestamptz, 'infinity')
                order by n.occurred_at desc, n.position desc limit 1) as note
         from ${t('evaluations')} e
        where e.period = $1 and e.occurred_at <= $2::timestamptz and e.recorded_at <= coalesce($3::timestamptz, 'infinity')
        order by e.customer_id desc, e.occurred_at desc, e.position desc`,
      [period, at.asOf, at.knownAt],
    )
  ).rows;

const signOffsAt = async (deps: ReadDeps, t: TableNamer, period: Period, at: TimePoint) => {
  const { rows } = await deps.db.query<{ type: string; data: Record<string, unknown>; occurred_at: Date | string }>(
    `select type, data, occurred_at from ${t('signoffs')}
      where period = $1 and occurred_at <= $2::timestamptz and recorded_at <= coalesce($3::timestamptz, 'infinity')
      order by occurred_at, position`,
    [period, at.asOf, at.knownAt],
  );
  let signOffs: SignOffRecord[] = [];
  let status: GradeSummary['status'] = 'open';
  for (const r of rows) {
    if (r.type === 'GradeSummarySignOffsVoided') {
      signOffs = [];
      status = 'open';
      continue;
    }
    const d = r.data as { step: string; signerId: string; signerName: string; role: string };
    signOffs.push({ step: d.step, signerId: d.signerId, signerName: d.signerName, role: d.role, at: new Date(r.occurred_at).toISOString() });
    status = d.step === 'approved' ? 'frozen' : 'signingOff';
  }
  return { signOffs, status };
};

/** A period's summary at a time point, and (asked for "known now") until when it holds. */
export type SummaryRead = { summary: GradeSummary; until: number };

/** The first effective time after asOf among the period's evaluations and sign-offs: a change recorded ahead of its time. */
const nextChange = async (deps: ReadDeps, t: TableNamer, period: Period, asOf: string): Promise<number> => {
  const { rows } = await deps.db.query<{ next: Date | string | null }>(
    `select least((select min(occurred_at) from ${t('evaluations')} where period = $1 and occurred_at > $2::timestamptz),
                  (select min(occurred_at) from ${t('signoffs')} where period = $1 and occurred_at > $2::timestamptz)) as next`,
    [period, asOf],
  );
  const next = rows[0]?.next ?? null;
  return next === null ? Number.POSITIVE_INFINITY : instantMs(next);
};

/**
 * 客户等级管理汇总表 of a period at a time point, from the given grading build: numbered
 * by grade (A first), then score (highest first), then name. `withUntil` (for "known
 * now" only): also until when it holds; else `until` is Infinity.
 */
export const summaryAt = async (deps: ReadDeps, t: TableNamer, period: Period, point: TimePoint, withUntil = false): Promise<SummaryRead> => {
  const [evaluations, signed] = [await evaluationsAt(deps, t, period, point), await signOffsAt(deps, t, period, point)];
  const rows = evaluations
    .sort(
      (a, b) =>
        gradeOrder.indexOf(a.grade) - gradeOrder.indexOf(b.grade) ||
        b.score - a.score ||
        (a.customer_name < b.customer_name ? -1 : a.customer_name > b.customer_name ? 1 : 0) ||
        (a.customer_id < b.customer_id ? -1 : 1),
    )
    .map(
      (r, i): GradeSummaryRow => ({
        no: i + 1,
        customerId: r.customer_id,
        customerName: r.customer_name,
        salespersonId: r.salesperson_id,
        score: Number(r.score),
        coefficient: r.coefficient,
        monthlyAverageSales: r.monthly_average_sales,
        fulfilmentRate: Number(r.fulfilment_rate),
        grade: r.grade,
        creditLimit: r.credit_limit,
        remarks: r.remarks,
        note: r.note ?? '',
        vip: r.vip,
        policyVersion: Number(r.policy_version),
      }),
    );
  const until = withUntil ? await nextChange(deps, t, period, point.asOf) : Number.POSITIVE_INFINITY;
  return { summary: { period, status: signed.status, rows, signOffs: signed.signOffs }, until };
};

/** 客户等级管理汇总表 of a period at (asOf, knownAt), from the grading build that answers queries now. */
export const gradeSummary = async (deps: ReadDeps, period: Period, at: At = {}): Promise<GradeSummary> => {
  const { grading: t } = await activeTables(deps.db, deps.schema, ['grading']);
  return (await summaryAt(deps, t!, period, timePoint(at))).summary;
};

const policyRow = async (deps: ReadDeps, t: TableNamer, where: string, params: unknown[]): Promise<VersionedPolicy | null> => {
  const { rows } = await deps.db.query<{ version: number; policy: GradingPolicy }>(
    `select version, policy from ${t('policies')} where ${where} order by occurred_at desc, position desc limit 1`,
    params,
  );
  return rows[0] ? { version: Number(rows[0].version), policy: rows[0].policy } : null;
};

/** The grading policy in force at the time point; the latest built-in one before any publication. */
export const policyInForce = async (deps: ReadDeps, at: At = {}): Promise<PolicyAt> => {
  const point = timePoint(at);
  const { grading: t } = await activeTables(deps.db, deps.schema, ['grading']);
  const where = `occurred_at <= $1::timestamptz and recorded_at <= coalesce($2::timestamptz, 'infinity')`;
  const row = await policyRow(deps, t!, where, [point.asOf, point.knownAt]);
  return row === null ? { ...builtInPolicy, status: 'builtIn' } : { ...row, status: 'published' };
};

/** A policy in force at a time point, and whether it was built in or published. */
export type PolicyAt = VersionedPolicy & { status: 'builtIn' | 'published' };

export type UpgradePlan = { period: Period; policyVersion: number; items: (UpgradeCandidate & { salespersonName: string | null })[] };

/**
 * 提升计划 of a period: the C customers of its summary closest to B, as many as the
 * policy the period was graded under asks for (C类客户 … 每月列定一定数量的提升计划).
 */
export const monthlyUpgradePlan = async (deps: ReadDeps, period: Period, at: At = {}): Promise<UpgradePlan> => {
  const summary = await gradeSummary(deps, period, at);
  const version = Math.max(0, ...summary.rows.map((r) => r.policyVersion));
  const { grading: t } = await activeTables(deps.db, deps.schema, ['grading']);
  const builtIn = builtInPolicies.find((v) => v.version === version);
  const policy = (await policyRow(deps, t!, 'version = $1', [version])) ?? (builtIn === undefined ? builtInPolicy : { version, policy: builtIn.policy });
  const graded = summary.rows.map((r) => ({
    customerId: r.customerId,
    customerName: r.customerName,
    salespersonId: r.salespersonId,
    score: r.score,
    grade: r.grade as UpgradeCandidate['grade'],
    creditLimit: r.creditLimit,
  }));
  const items = upgradePlan(policy.policy, graded);
  const nameOf = await staffNamer(deps, items.map((i) => i.salespersonId), at);
  return { period, policyVersion: policy.version, items: items.map((i) => ({ ...i, salespersonName: nameOf(i.salespersonId) })) };
};
