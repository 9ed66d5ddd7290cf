import { describe, expect, test } from 'vitest';
import { isMyDecision, type CreditRequest } from '../credit/queries.js';
import { myNextSteps } from '../complaints/flow.js';
import type { components } from '../../api/schema.js';
import { isMyTurn } from '../grading/turn.js';

type GradeSummary = components['schemas']['GradeSummary'];

const summary = (signed: GradeSummary['signOffs']): GradeSummary =>
  ({ period: '2026-11', status: 'signingOff', asOf: '', knownAt: '', nextCursor: null, rows: [{}] as GradeSummary['rows'], signOffs: signed }) as GradeSummary;
const sign = (step: GradeSummary['signOffs'][number]['step'], signerId: string, role: GradeSummary['signOffs'][number]['role']) => ({ step, signerId, signerName: signerId, role, at: '' });

describe('whose turn the console shows (the server has the last word)', () => {
  test('a sign-off is for the next step’s post, never for someone who signed an earlier step', () => {
    expect(isMyTurn(summary([]), { id: 'clerk', roles: ['archiveClerk'] })).toBe(true);
    expect(isMyTurn(summary([]), { id: 'm', roles: ['salesAdminManager'] })).toBe(false);
    const prepared = summary([sign('prepared', 'both', 'archiveClerk')]);
    expect(isMyTurn(prepared, { id: 'm', roles: ['salesAdminManager'] })).toBe(true);
    expect(isMyTurn(prepared, { id: 'both', roles: ['archiveClerk', 'salesAdminManager'] })).toBe(false);
    expect(isMyTurn({ ...summary([]), rows: [] }, { id: 'clerk', roles: ['archiveClerk'] })).toBe(false);
  });

  test('a credit decision is for the next step’s post, not the requester, not a person who decided before', () => {
    const request = { status: 'pending', nextStep: 'salesVP', requester: { id: 'r', name: '' }, decisions: [{ approver: { id: 'a', name: '' } }] } as unknown as CreditRequest;
    expect(isMyDecision(request, { id: 'vp', roles: ['salesVP'] })).toBe(true);
    expect(isMyDecision(request, { id: 'gm', roles: ['salesGM'] })).toBe(false);
    expect(isMyDecision(request, { id: 'r', roles: ['salesVP'] })).toBe(false);
    expect(isMyDecision(request, { id: 'a', roles: ['salesVP'] })).toBe(false);
    expect(isMyDecision({ ...request, status: 'rejected' }, { id: 'vp', roles: ['salesVP'] })).toBe(false);
  });

  test('a complaint offers the allowed steps the user’s posts may take', () => {
    expect(myNextSteps({ allowedSteps: ['negotiate', 'litigate'] }, ['salesperson'])).toEqual(['negotiate']);
    expect(myNextSteps({ allowedSteps: ['negotiate', 'litigate'] }, ['salesGM'])).toEqual(['litigate']);
    expect(myNextSteps({ allowedSteps: ['reopen'] }, ['serviceClerk'])).toEqual([]);
  });
});
