import { describe, expect, test } from 'vitest';
import { type ComplaintStatus, allowedSteps, complaintDecider, complaintStepNames } from '../../../src/domain/complaint/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import {
  actions,
  adminManager,
  archiveClerk,
  at,
  complaintId,
  customerId,
  ev,
  groupGm,
  histories,
  receive,
  salesGm,
  salesperson,
  serviceClerk,
  step,
} from './fixtures.js';

const spec = deciderSpec(complaintDecider);

describe('when no complaint was received', () => {
  test('① a service clerk records it with its description and materials', () => {
    spec.given().when(receive()).then(ev.received());
  });

  test('① a salesperson may record it too', () => {
    spec.given().when(receive(salesperson, 5)).then(ev.received(5));
  });

  test('cannot be recorded by another role', () => {
    spec.given().when(receive(archiveClerk)).thenRefused('RoleNotAllowed');
  });

  test.each(complaintStepNames)('takes no step "%s"', (name) => {
    spec.given().when(step(actions[name].action, actions[name].actor)).thenRefused('ComplaintNotFound');
  });
});

describe('when the complaint is received', () => {
  test('recording it again is a repeat that changes nothing', () => spec.given(...histories.received).when(receive()).then());
  test('another complaint under the same id is refused', () =>
    spec.given(...histories.received).when(receive(serviceClerk, 3)).thenRefused('ComplaintAlreadyReceived'));
  test('② is judged a quality problem by a service clerk', () =>
    spec.given(...histories.received).when(step({ step: 'judge', category: 'quality' }, serviceClerk)).then(ev.judged('quality')));
  test('② is judged a non-quality problem by the sales admin manager', () =>
    spec.given(...histories.received).when(step({ step: 'judge', category: 'nonQuality' }, adminManager)).then(ev.judged('nonQuality')));
  test('cannot be judged by a salesperson', () =>
    spec.given(...histories.received).when(step({ step: 'judge', category: 'quality' }, salesperson)).thenRefused('RoleNotAllowed'));
  test('an out-of-order step names the state and the steps allowed', () => {
    const refusal = spec.given(...histories.received).when(step(actions.assess.action, serviceClerk)).thenRefused('StepOutOfOrder');
    expect(refusal).toMatchObject({ status: 'received', allowedSteps: ['judge'] });
    expect(refusal.message).toMatch(/received.*judge/);
  });
});

describe('when the complaint is judged', () => {
  test('③ a problem found moves it on to the plan', () =>
    spec.given(...histories.judged).when(step({ step: 'assess', problemFound: true }, serviceClerk)).then(ev.assessed(true)));
  test('③ no problem found: explained to the customer and closed', () =>
    spec
      .given(...histories.judged)
      .when(step({ step: 'assess', problemFound: false, explanation: '属正常色差' }, adminManager))
      .then({ type: 'ComplaintAssessed', data: { complaintId, problemFound: false, explanation: '属正常色差' } }, ev.closed('noProblem')));
  test('cannot be assessed by a salesperson', () =>
    spec.given(...histories.judged).when(step(actions.assess.action, salesperson)).thenRefused('RoleNotAllowed'));
});

describe('when a problem was found', () => {
  test('④ a service clerk records the departments’ plan', () =>
    spec.given(...histories.assessed).when(step(actions.proposePlan.action, serviceClerk)).then(ev.planProposed()));
  test('the plan cannot be recorded by the sales admin manager', () =>
    spec.given(...histories.assessed).when(step(actions.proposePlan.action, adminManager)).thenRefused('RoleNotAllowed'));
});

describe('when a plan is proposed', () => {
  test('⑤ the sales admin manager signs an opinion', () =>
    spec.given(...histories.planProposed).when(step(actions.signOpinion.action, adminManager)).then(ev.opinionSigned()));
  test('the opinion cannot be signed by a service clerk', () =>
    spec.given(...histories.planProposed).when(step(actions.signOpinion.action, serviceClerk)).thenRefused('RoleNotAllowed'));
});

describe('when the opinion is signed', () => {
  test('the sales GM approves', () => spec.given(...histories.opinionSigned).when(step({ step: 'approve' }, salesGm)).then(ev.planApproved()));
  test('the group GM approves, with an opinion', () =>
    spec
      .given(...histories.opinionSigned)
      .when(step({ step: 'approve', opinion: '尽快处理' }, groupGm))
      .then({ type: 'ComplaintPlanApproved', data: { complaintId, opinion: '尽快处理' } }));
  test('cannot be approved by the sales admin manager', () =>
    spec.given(...histories.opinionSigned).when(step({ step: 'approve' }, adminManager)).thenRefused('RoleNotAllowed'));
});

describe('when the plan is approved', () => {
  test('⑥ the customer is satisfied after negotiation', () =>
    spec.given(...histories.approved).when(step({ step: 'negotiate', outcome: 'satisfied' }, salesperson)).then(ev.negotiated('satisfied')));
  test('⑥ the customer is not satisfied', () =>
    spec.given(...histories.approved).when(step({ step: 'negotiate', outcome: 'notSatisfied' }, serviceClerk)).then(ev.negotiated('notSatisfied')));
  test('cannot be negotiated by the sales GM', () =>
    spec.given(...histories.approved).when(step(actions.negotiate.action, salesGm)).thenRefused('RoleNotAllowed'));
});

describe('when the customer was not satisfied', () => {
  test('⑥ negotiation resumes', () =>
    spec.given(...histories.negotiating).when(step({ step: 'negotiate', outcome: 'satisfied', notes: '第二轮' }, salesperson)).then({
      type: 'ComplaintNegotiated',
      data: { complaintId, outcome: 'satisfied', notes: '第二轮' },
    }));
  test('⑦ litigation begins', () => spec.given(...histories.negotiating).when(step({ step: 'litigate' }, groupGm)).then(ev.litigationStarted()));
  test('litigation cannot be started by a service clerk', () =>
    spec.given(...histories.negotiating).when(step({ step: 'litigate' }, serviceClerk)).thenRefused('RoleNotAllowed'));
});

describe('when the customer is satisfied', () => {
  test('⑧ the plan is carried out and the complaint closes', () =>
    spec.given(...histories.customerSatisfied).when(step({ step: 'execute' }, serviceClerk)).then(ev.executed(), ev.closed('planExecuted')));
  test('cannot be carried out by a salesperson', () =>
    spec.given(...histories.customerSatisfied).when(step({ step: 'execute' }, salesperson)).thenRefused('RoleNotAllowed'));
});

describe('when in litigation', () => {
  test('⑦ its outcome closes the complaint', () =>
    spec.given(...histories.inLitigation).when(step(actions.concludeLitigation.action, salesGm)).then(ev.litigationConcluded(), ev.closed('litigationConcluded')));
  test('the outcome cannot be recorded by the sales admin manager', () =>
    spec.given(...histories.inLitigation).when(step(actions.concludeLitigation.action, adminManager)).thenRefused('RoleNotAllowed'));
});

describe('when closed', () => {
  test('the sales admin manager reopens it, saying why', () =>
    spec.given(...histories.closed).when(step(actions.reopen.action, adminManager, 20)).then(ev.reopened()));
  test('cannot be reopened by a service clerk', () =>
    spec.given(...histories.closed).when(step(actions.reopen.action, serviceClerk)).thenRefused('RoleNotAllowed'));
  test('cannot be reopened without a reason', () =>
    spec.given(...histories.closed).when(step({ step: 'reopen', reason: '   ' }, adminManager)).thenRefused('ReasonRequired'));
});

describe('when reopened', () => {
  test('② handling starts again with a new judgement', () =>
    spec.given(...histories.reopened).when(step({ step: 'judge', category: 'quality' }, serviceClerk)).then(ev.judged('quality')));
  test('counts the reopen', () => {
    const state = histories.reopened.reduce(complaintDecider.evolve, complaintDecider.initialState);
    expect(state).toMatchObject({ status: 'reopened', complaint: { reopenCount: 1, receivedAt: at(0), customerId } });
  });
});

/** Every state refuses every step the manual's graph does not allow from it. */
describe.each(Object.keys(histories) as (keyof typeof histories)[])('when %s', (status) => {
  const refused = complaintStepNames.filter((name) => !allowedSteps[status as ComplaintStatus].includes(name));
  test.each(refused)('refuses "%s" as out of order', (name) => {
    spec.given(...histories[status]).when(step(actions[name].action, actions[name].actor)).thenRefused('StepOutOfOrder');
  });
  test('is the state its name says', () => {
    expect(histories[status].reduce(complaintDecider.evolve, complaintDecider.initialState).status).toBe(status);
  });
});
