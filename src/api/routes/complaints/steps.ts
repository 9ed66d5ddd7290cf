import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  allowedSteps,
  type ComplaintEvent,
  type ComplaintNegotiated,
  type ComplaintStatus,
  type ComplaintStep,
  type ComplaintStepName,
  complaintStreamId,
  stepRoles,
} from '../../../domain/complaint/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import { readableRecord, scopeOfComplaint, seesAllCustomers } from '../../scope.js';
import { notFound } from '../../errors.js';
import { withExpected, expectedVersion } from '../../etag.js';
import { afterProjections } from '../../readYourWrites.js';
import type { RouteDeps } from '../../deps.js';
import { ComplaintStepBody, ComplaintStepTaken, tags } from './schemas.js';
import { complaintVersion, getComplaint, takeComplaintStep } from '../../../app/complaint/index.js';

type Status = Exclude<ComplaintStatus, 'notReceived'>;

/** Everyone who takes some step; whether they may take the one asked is the domain's rule (403 RoleNotAllowed). */
const stepTakers = [...new Set(Object.values(stepRoles).flat())];

const taken = (id: string, status: Status, version: number): JsonReply => ({
  status: 201,
  body: { id, status, allowedSteps: [...allowedSteps[status]], version },
  etag: version,
});

/** The event a step records first: how a replay tells that the stored events are this step's. */
const recordedBy: Record<ComplaintStepName, ComplaintEvent['type']> = {
  judge: 'ComplaintJudged',
  assess: 'ComplaintAssessed',
  proposePlan: 'ComplaintPlanProposed',
  signOpinion: 'ComplaintOpinionSigned',
  approve: 'ComplaintPlanApproved',
  negotiate: 'ComplaintNegotiated',
  execute: 'ComplaintPlanExecuted',
  litigate: 'ComplaintLitigationStarted',
  concludeLitigation: 'ComplaintLitigationConcluded',
  reopen: 'ComplaintReopened',
};

/** Where the complaint stood after a step, from the step's own events (a step leads to the same state from every state allowing it). */
const statusAfter = (last: StoredEvent): Status | undefined => {
  const byEvent: Partial<Record<string, Status>> = {
    ComplaintJudged: 'judged',
    ComplaintAssessed: 'assessed',
    ComplaintPlanProposed: 'planProposed',
    ComplaintOpinionSigned: 'opinionSigned',
    ComplaintPlanApproved: 'approved',
    ComplaintLitigationStarted: 'inLitigation',
    ComplaintClosed: 'closed',
    ComplaintReopened: 'reopened',
  };
  if (last.type === 'ComplaintNegotiated')
    return (last.data as ComplaintNegotiated['data']).outcome === 'satisfied' ? 'customerSatisfied' : 'negotiating';
  return byEvent[last.type];
};

const replayStep = (events: readonly StoredEvent[], complaintId: string, step: ComplaintStepName): JsonReply | undefined => {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last || first.type !== recordedBy[step] || !events.every((e) => e.streamId === complaintStreamId(complaintId))) return undefined;
  const status = statusAfter(last);
  return status === undefined ? undefined : taken(complaintId, status, last.version);
};

/** The step's data and the optional written reason apart; `reopen` keeps its reason as its data. */
const split = (body: ComplaintStepBody): { action: ComplaintStep; reason: string | undefined } => {
  if (body.step === 'reopen') return { action: body, reason: undefined };
  const { reason, ...action } = body as Exclude<ComplaintStep, { step: 'reopen' }> & { reason?: string | undefined };
  return { action: action as ComplaintStep, reason };
};

export const stepRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/complaints/{id}/steps',
    summary: 'Advance a complaint one step of the flow (客户投诉处理流程)',
    description:
      '`judge` {category} · `assess` {problemFound, explanation?} (none found closes it) — serviceClerk or salesAdminManager; ' +
      '`proposePlan` {plan, departments} — serviceClerk; `signOpinion` {opinion} — salesAdminManager; `approve` {opinion?} — salesGM or groupGM; ' +
      '`negotiate` {outcome: satisfied|notSatisfied, notes?} — serviceClerk or salesperson; `execute` {notes?} (closes it) — serviceClerk; ' +
      '`litigate` {notes?} and `concludeLitigation` {outcome, notes?} (closes it) — salesGM or groupGM; `reopen` {reason} — salesAdminManager. ' +
      'Another role → 403 RoleNotAllowed; a step the complaint’s state does not allow → 409 StepOutOfOrder naming the allowed ones. ' +
      '`reason` is optional: the step’s own text is stored as the reason when absent. If-Match: the complaint’s version (stale → 412).',
    tags,
    roles: stepTakers,
    ifMatch: true,
    request: { params: IdParams, body: ComplaintStepBody },
    responses: { 201: { description: 'the step taken; the state it led to and the steps allowed next', body: ComplaintStepTaken } },
    problems: [403, 404, 409, 412, 422],
    handler: ({ params, body, actor, meta, ifMatch, commandOptions }) => {
      const { action, reason } = split(body);
      return pipe(
        // A salesperson negotiates for their own customers only: another's complaint answers like a missing one.
        seesAllCustomers(actor)
          ? TE.right(undefined)
          : pipe(
              getComplaint(deps)(params.id),
              TE.flatMap((c) => readableRecord(deps, actor, c, scopeOfComplaint, notFound(`complaint ${params.id}`))),
              TE.map(() => undefined),
            ),
        TE.flatMap(() => expectedVersion(ifMatch, () => complaintVersion(deps)(params.id))),
        TE.flatMap((expected) =>
          takeComplaintStep(deps)({ complaintId: params.id, action, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        afterProjections(deps),
        TE.map((r) => taken(r.id, r.status, r.version)),
      );
    },
    replay: (events, { params, body }) => replayStep(events, params.id, body.step),
  }),
];
