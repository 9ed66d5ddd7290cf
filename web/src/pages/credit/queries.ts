import type { components } from '../../api/schema.js';
import type { Tone } from '../../shared/ToneTag.js';

export type CreditRequest = components['schemas']['CreditRequest'];
export type ApproverRole = CreditRequest['requiredSteps'][number];

export const approverRoles: readonly ApproverRole[] = ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'];

/**
 * Whether this person decides the request now: its next step is one of their posts, they
 * did not request it, and they decided no earlier step (API.md: 409 otherwise).
 */
export const isMyDecision = (request: CreditRequest, user: { id: string; roles: readonly string[] }): boolean =>
  request.status === 'pending' &&
  request.nextStep !== null &&
  user.roles.includes(request.nextStep) &&
  request.requester.id !== user.id &&
  !request.decisions.some((d) => d.approver.id === user.id);

export const statusColours: Record<CreditRequest['status'], Tone> = { pending: 'info', approved: 'good', rejected: 'bad', withdrawn: 'neutral' };

/** 调高 red, 调低 green: the colours a Chinese reader gives to up and down. */
export const directionColours: Record<CreditRequest['direction'], Tone> = { increase: 'bad', decrease: 'good' };
