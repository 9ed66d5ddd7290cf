import type { ComplaintEvent } from './events.js';
import type { ComplaintState } from './state.js';

type Received = Exclude<ComplaintState, { status: 'notReceived' }>;
type Judged = Exclude<Received, { status: 'received' }>;

const isJudged = (state: ComplaintState): state is Judged => state.status !== 'notReceived' && state.status !== 'received';

/** Moves a judged complaint on, from the states `from` only. */
const advance = (state: ComplaintState, from: readonly ComplaintState['status'][], to: Exclude<Judged['status'], 'closed'>): ComplaintState =>
  isJudged(state) && from.includes(state.status) ? { status: to, complaint: state.complaint, category: state.category } : state;

/** Exhaustive when compiled; at run time an event of another type changes nothing. */
const unknownEvent = <S>(_event: never, state: S): S => state;

/**
 * Total: an event that does not fit the state (it cannot come from `decide`) leaves
 * it unchanged. The step that ends the flow leaves the state to the `ComplaintClosed`
 * that follows it.
 */
export const evolveComplaint = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  switch (event.type) {
    case 'ComplaintReceived': {
      const { complaintId, customerId, receivedAt } = event.data;
      return state.status === 'notReceived'
        ? { status: 'received', complaint: { complaintId, customerId, receivedAt, reopenCount: 0 } }
        : state;
    }
    case 'ComplaintJudged':
      return state.status === 'received' || state.status === 'reopened'
        ? { status: 'judged', complaint: state.complaint, category: event.data.category }
        : state;
    case 'ComplaintAssessed':
      return advance(state, ['judged'], 'assessed');
    case 'ComplaintPlanProposed':
      return advance(state, ['assessed'], 'planProposed');
    case 'ComplaintOpinionSigned':
      return advance(state, ['planProposed'], 'opinionSigned');
    case 'ComplaintPlanApproved':
      return advance(state, ['opinionSigned'], 'approved');
    case 'ComplaintNegotiated':
      return advance(state, ['approved', 'negotiating'], event.data.outcome === 'satisfied' ? 'customerSatisfied' : 'negotiating');
    case 'ComplaintLitigationStarted':
      return advance(state, ['negotiating'], 'inLitigation');
    case 'ComplaintPlanExecuted':
    case 'ComplaintLitigationConcluded':
      return state;
    case 'ComplaintClosed':
      return isJudged(state) && state.status !== 'closed'
        ? { status: 'closed', complaint: state.complaint, category: state.category, resolution: event.data.resolution }
        : state;
    case 'ComplaintReopened':
      return state.status === 'closed'
        ? { status: 'reopened', complaint: { ...state.complaint, reopenCount: state.complaint.reopenCount + 1 }, category: state.category }
        : state;
    default:
      return unknownEvent(event, state);
  }
};
