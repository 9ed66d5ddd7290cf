import * as E from 'fp-ts/Either';
import {
  type CustomerGraded,
  type CustomerGradingInput,
  type OverrideScore,
  type RunGrading,
  type SignOffGradeSummary,
  type PeriodCommand,
  type PeriodEvent,
  type SignOffStep,
  builtInPolicy,
  periodDecider,
} from '../../../src/domain/grading/index.js';
import type { Actor } from '../../../src/domain/shared/index.js';
import { actor } from '../../arbitraries/grading.js';

export const period = '2026-10';
export const at = '2026-10-05T09:00:00+08:00';
export const clerk = actor('clerk', 'archiveClerk');
export const board = actor('board', 'reviewBoard');
export const manager = actor('manager', 'salesAdminManager');
export const vp = actor('vp', 'salesVP');
export const groupGM = actor('ggm', 'groupGM');

const month = (p: string, sales: string, creditDue = '0.00', creditPaidOnTime = '0.00') => ({ period: p, sales, creditDue, creditPaidOnTime });

/** The worked example (score 85, B, 125400 元) and a second, smaller customer. */
export const acme: CustomerGradingInput = {
  customerId: '00000000-0000-4000-8000-000000000001',
  customerName: '浙江某控股集团有限公司',
  salespersonId: 'sp-1',
  figures: [month('2026-07', '100000.00'), month('2026-08', '120000.00'), month('2026-09', '110000.00', '100000.00', '95000.00')],
  violations: 0,
  complaints: 0,
  cooperationSince: '2023-05-10',
};
export const ningbo: CustomerGradingInput = {
  customerId: '00000000-0000-4000-8000-000000000002',
  customerName: '宁波贸易公司',
  salespersonId: 'sp-2',
  figures: [month('2026-09', '20000.00')],
  violations: 1,
  complaints: 0,
  cooperationSince: null,
};

export const run = (customers: CustomerGradingInput[], by: Actor = clerk, policy = builtInPolicy): RunGrading => ({
  type: 'RunGrading',
  data: { period, policy, customers },
  meta: { actor: by, at, reason: '十月客户等级评估' },
});

export const override = (customer: CustomerGradingInput, score: number, withInputs = true, by: Actor = board): OverrideScore => ({
  type: 'OverrideScore',
  data: { period, customerId: customer.customerId, score, policy: builtInPolicy, customer: withInputs ? customer : null },
  meta: { actor: by, at, reason: '评审小组:战略客户' },
});

export const signOff = (step: SignOffStep, by: Actor): SignOffGradeSummary => ({
  type: 'SignOffGradeSummary',
  data: { period, step },
  meta: { actor: by, at },
});

/** The events a sequence of accepted commands produces (fails on a refusal). */
export const history = (...commands: PeriodCommand[]): PeriodEvent[] =>
  commands.reduce<PeriodEvent[]>((events, command) => {
    const state = events.reduce(periodDecider.evolve, periodDecider.initialState);
    const r = periodDecider.decide(command, state);
    if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
    return [...events, ...r.right];
  }, []);

export const gradedOf = (events: readonly PeriodEvent[]): CustomerGraded[] =>
  events.filter((e): e is CustomerGraded => e.type === 'CustomerGraded');

export const fullySigned = (): PeriodCommand[] => [
  signOff('prepared', clerk),
  signOff('reviewed', manager),
  signOff('audited', vp),
  signOff('approved', groupGM),
];
