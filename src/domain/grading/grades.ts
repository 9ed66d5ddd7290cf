import type { Grade, GradingPolicy, ScoreBand } from './policy.js';
import { type Hundredths, MAX_SCORE, toHundredths } from './score.js';

const holds = (band: ScoreBand, score: Hundredths): boolean => {
  const from = toHundredths(band.from);
  const to = toHundredths(band.to);
  return from <= score && (score < to || (score === MAX_SCORE && to === MAX_SCORE));
};

/**
 * The grade of a score: the band holding it (lower bound included, upper excluded,
 * 100 in the band that ends at 100). A validated policy has exactly one such band; for
 * a broken draft the first band listed that holds it wins, and scores no band holds
 * get the lowest grade.
 */
export const gradeFor = (policy: GradingPolicy, score: Hundredths): Grade =>
  policy.bands.find((b) => holds(b, score))?.grade ?? 'E';

/** The lowest score that reaches `grade` (e.g. 80 for B), or null when no band gives it. */
export const lowestScoreOf = (policy: GradingPolicy, grade: Grade): Hundredths | null => {
  const froms = policy.bands.filter((b) => b.grade === grade).map((b) => toHundredths(b.from));
  return froms.length === 0 ? null : Math.min(...froms);
};
