import { assertNever } from '../shared/index.js';
import type { CustomerGraded, PeriodEvent, SignOffStep } from './events.js';
import type { ScoreOverride } from './inputs.js';

export type SignOff = { step: SignOffStep; signerId: string; signerName: string };

type PeriodContent = {
  /** Each customer's latest evaluation in the period. */
  evaluations: Record<string, CustomerGraded['data']>;
  /** The review board's overrides, applied by every later evaluation of the customer. */
  overrides: Record<string, ScoreOverride>;
};

/**
 * A period's grade summary (stream `gradingPeriod-<YYYY-MM>`): `open` until its first
 * signature, `signingOff` while steps are signed, `frozen` once approved (审批).
 */
export type PeriodState =
  | ({ status: 'open' } & PeriodContent)
  | ({ status: 'signingOff'; signOffs: SignOff[] } & PeriodContent)
  | ({ status: 'frozen'; signOffs: SignOff[] } & PeriodContent);

export const initialPeriodState: PeriodState = { status: 'open', evaluations: {}, overrides: {} };

export const signOffsOf = (state: PeriodState): SignOff[] => (state.status === 'open' ? [] : state.signOffs);

const contentOf = ({ evaluations, overrides }: PeriodState): PeriodContent => ({ evaluations, overrides });

const withContent = (state: PeriodState, content: PeriodContent): PeriodState => ({ ...state, ...content });

export const evolvePeriod = (state: PeriodState, event: PeriodEvent): PeriodState => {
  switch (event.type) {
    case 'CustomerGraded':
      return withContent(state, {
        ...contentOf(state),
        evaluations: { ...state.evaluations, [event.data.customerId]: event.data },
      });
    case 'ScoreOverridden':
      return withContent(state, {
        ...contentOf(state),
        overrides: { ...state.overrides, [event.data.customerId]: { score: event.data.score, reason: event.data.reason } },
      });
    case 'GradeSummarySignedOff': {
      const { step, signerId, signerName } = event.data;
      const signOffs = [...signOffsOf(state), { step, signerId, signerName }];
      return { status: step === 'approved' ? 'frozen' : 'signingOff', signOffs, ...contentOf(state) };
    }
    case 'GradeSummarySignOffsVoided':
      return { status: 'open', ...contentOf(state) };
    default:
      return assertNever(event);
  }
};
