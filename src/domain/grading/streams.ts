import type { Period } from '../shared/index.js';

/** The one stream of published grading policies. */
export const gradingPolicyStreamId = 'gradingPolicy-current';

export const customerFiguresStreamId = (customerId: string): string => `customerFigures-${customerId}`;

export const gradingPeriodStreamId = (period: Period): string => `gradingPeriod-${period}`;
