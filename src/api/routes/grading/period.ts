import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { GradingRunSummary as RunSummary } from '../../../app/grading/index.js';
import {
  type CustomerGraded,
  type GradeSummarySignedOff,
  gradingPeriodStreamId,
  type ScoreOverridden,
  type SignOffStep,
  signOffRoles,
} from '../../../domain/grading/index.js';
import { type Actor, hasRole, type Period, roleLabels, Uuid } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { IdParams, PeriodParams } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { GradingRunSummary, NoteBody, NoteView, OverrideScoreBody, RunGradingBody, ScoreOverrideView, SignOffBody, SignOffView } from './schemas.js';
import { afterProjections } from '../../readYourWrites.js';
import { expectedVersion } from '../../etag.js';
import { overrideScore, periodVersion, runGrading, signOffGradeSummary, writeGradeSummaryNote } from '../../../app/grading/index.js';

const ofPeriod = (events: readonly StoredEvent[], period: Period, ...types: string[]): boolean =>
  events.length > 0 && events.every((e) => e.streamId === gradingPeriodStreamId(period) && types.includes(e.type));

const runReply = (
  summary: RunSummary | (Omit<RunSummary, 'customers' | 'unchanged' | 'notGraded' | 'skipped'> & { customers: null; unchanged: null; notGraded: null; skipped: null }),
): JsonReply => ({
  status: 200,
  body: summary,
  etag: summary.version,
});

/**
 * The counts of a replayed run, from what it recorded: how many customers it looked
 * at (and found unchanged, or left out) is not on record, so those are null.
 */
const replayRun = (events: readonly StoredEvent[], period: Period): JsonReply | undefined => {
  if (!ofPeriod(events, period, 'CustomerGraded', 'GradeSummarySignOffsVoided')) return undefined;
  const graded = events.filter((e) => e.type === 'CustomerGraded').map((e) => e.data as CustomerGraded['data']);
  return runReply({
    period,
    policyVersion: graded[0]?.policyVersion ?? 0,
    customers: null,
    graded: graded.length,
    unchanged: null,
    notGraded: null,
    skipped: null,
    signOffsVoided: events.some((e) => e.type === 'GradeSummarySignOffsVoided'),
    version: events[events.length - 1]!.version,
  });
};

const overrideReply = (body: { customerId: string; period: Period; score: number; overridden: boolean; evaluation: CustomerGraded['data'] | null; version: number }): JsonReply => ({
  status: 201,
  body,
  etag: body.version,
});

const replayOverride = (events: readonly StoredEvent[], customerId: string): JsonReply | undefined => {
  const first = events[0];
  if (first?.type !== 'ScoreOverridden') return undefined;
  const { period, score, customerId: overridden } = first.data as ScoreOverridden['data'];
  if (overridden !== customerId || !ofPeriod(events, period, 'ScoreOverridden', 'CustomerGraded', 'GradeSummarySignOffsVoided')) return undefined;
  const graded = events.find((e) => e.type === 'CustomerGraded')?.data as CustomerGraded['data'] | undefined;
  return overrideReply({ customerId, period, score, overridden: true, evaluation: graded ?? null, version: events[events.length - 1]!.version });
};

const signOffReply = (body: { period: Period; step: SignOffStep; signerId: string; signerName: string; role: Actor['roles'][number]; version: number }): JsonReply => ({
  status: 201,
  body: { ...body, status: body.step === 'approved' ? 'frozen' : 'signingOff' },
  etag: body.version,
});

const replaySignOff = (events: readonly StoredEvent[], period: Period): JsonReply | undefined => {
  const [event] = events;
  if (events.length !== 1 || !ofPeriod(events, period, 'GradeSummarySignedOff')) return undefined;
  const { step, signerId, signerName, role } = event!.data as GradeSummarySignedOff['data'];
  return signOffReply({ period, step, signerId, signerName, role, version: event!.version });
};

/** Each step has its posts (编制 销售内勤 · 复核 销售管理部经理 · 审核 销售副总/销售总经理 · 审批 集团总经理): another post is a 403, before any rule of order. */
const mayTake = (actor: Actor, step: SignOffStep): E.Either<{ code: 'RoleNotAllowed'; message: string }, Actor['roles'][number]> => {
  const roles = signOffRoles[step];
  const role = roles.find((r) => hasRole(actor, r));
  return role !== undefined
    ? E.right(role)
    : E.left({ code: 'RoleNotAllowed', message: `the ${step} step is signed by ${roles.map((r) => `${r} (${roleLabels[r]})`).join(' or ')}` });
};

const signers = [...new Set(Object.values(signOffRoles).flat())];

export const periodRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/grading/periods/{period}/run',
    summary: 'Grade every active customer for the period (客户等级评估)',
    description:
      'Computes each active customer’s score, grade and credit limit under the policy version the period was first graded under ' +
      '(so an old period is reproduced exactly), else the policy in force. Only changed results are recorded, ' +
      'The answer says how many registered customers were left out (`notGraded`: prospects, inactive, lost) and why. A period that has not begun → 409. ' +
      'so running again with unchanged inputs changes nothing. A change after sign-off began voids the signatures. ' +
      'An approved (frozen) period is refused with 409. If-Match compares with the period’s version (the grade summary’s ETag).',
    tags: ['grading'],
    roles: ['archiveClerk', 'reviewBoard'],
    ifMatch: true,
    request: { params: PeriodParams, body: RunGradingBody },
    responses: { 200: { description: 'what the run did', body: GradingRunSummary } },
    problems: [409, 412, 422],
    handler: ({ params: { period }, body, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => periodVersion(deps)(period)),
        TE.flatMap((expected) =>
          runGrading(deps)({ period, meta: meta(body.reason), options: commandOptions, ...(expected === undefined ? {} : { expectedVersion: expected }) }),
        ),
        afterProjections(deps),
        TE.map(runReply),
      ),
    replay: (events, { params }) => replayRun(events, params.period),
  }),
  defineRoute({
    method: 'post',
    path: '/customers/{id}/score-overrides',
    summary: 'Replace a customer’s score for a period (客户评审小组), with the reason',
    description:
      'The override applies to every later evaluation of the customer in the period; an active customer is re-graded at once (`evaluation`). ' +
      'A frozen period is refused with 409. If-Match compares with the period’s version (the grade summary’s ETag).',
    tags: ['grading'],
    roles: ['reviewBoard'],
    ifMatch: true,
    request: { params: IdParams, body: OverrideScoreBody },
    responses: { 201: { description: 'the override and the re-grade it caused', body: ScoreOverrideView } },
    problems: [404, 409, 412, 422],
    handler: ({ params, body: { period, score, reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => periodVersion(deps)(period)),
        TE.flatMap((expected) =>
          overrideScore(deps)({
            period,
            customerId: params.id,
            score,
            meta: meta(reason),
            options: commandOptions,
            ...(expected === undefined ? {} : { expectedVersion: expected }),
          }),
        ),
        afterProjections(deps),
        TE.map((r) => overrideReply({ customerId: params.id, period, score, overridden: r.overridden, evaluation: r.evaluation, version: r.version })),
      ),
    replay: (events, { params }) => replayOverride(events, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/reports/grade-summary/{period}/sign-offs',
    summary: 'Sign a step of the period’s grade summary (编制 → 复核 → 审核 → 审批)',
    description:
      '`prepared` by archiveClerk, `reviewed` by salesAdminManager, `audited` by salesVP or salesGM, `approved` by groupGM, in that order ' +
      '(else 409 StepOutOfOrder), each by a different person (else 409 SignerAlreadySigned). Approval freezes the period and makes each ' +
      'customer’s computed limit its creditLimit. Signing the step one just signed again changes nothing. If-Match compares with the period’s version.',
    tags: ['grading'],
    roles: signers,
    ifMatch: true,
    request: { params: PeriodParams, body: SignOffBody },
    responses: { 201: { description: 'the signature', body: SignOffView } },
    problems: [409, 412, 422],
    handler: ({ params: { period }, body: { step, reason }, actor, meta, ifMatch, commandOptions }) =>
      pipe(
        TE.fromEither(mayTake(actor, step)),
        TE.bindTo('role'),
        TE.bindW('expected', () => expectedVersion(ifMatch, () => periodVersion(deps)(period))),
        TE.bindW('signed', ({ expected }) =>
          signOffGradeSummary(deps)({ period, step, meta: meta(reason), options: commandOptions, ...(expected === undefined ? {} : { expectedVersion: expected }) }),
        ),
        afterProjections(deps),
        TE.map(({ role, signed }) => signOffReply({ period, step, signerId: actor.id, signerName: actor.name, role, version: signed.version })),
      ),
    replay: (events, { params }) => replaySignOff(events, params.period),
  }),
  defineRoute({
    method: 'put',
    path: '/reports/grade-summary/{period}/notes/{customerId}',
    summary: 'Write the 备注 of a customer’s row of the grade summary, with the reason',
    description:
      'By the archive clerk, while the summary is not yet prepared (编制; else 409 SummaryAlreadyPrepared), for a customer with a row (else 409 CustomerNotInSummary). ' +
      'Empty text clears it; the same text again changes nothing. The exports show it before the generated remarks.',
    tags: ['grading'],
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: PeriodParams.extend({ customerId: Uuid }), body: NoteBody },
    responses: { 200: { description: 'the note now on the row', body: NoteView } },
    problems: [409, 412, 422],
    handler: ({ params: { period, customerId }, body: { text, reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => periodVersion(deps)(period)),
        TE.flatMap((expected) =>
          writeGradeSummaryNote(deps)({ period, customerId, text, meta: meta(reason), options: commandOptions, ...(expected === undefined ? {} : { expectedVersion: expected }) }),
        ),
        afterProjections(deps),
        TE.map((r) => ({ status: 200, body: { period, customerId, ...r }, etag: r.version })),
      ),
  }),
];
