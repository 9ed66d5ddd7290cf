import { Grade } from '../../../src/domain/grading/index.js';

/** Grade's order in the domain (policy.ts): A best … E worst; the report's direction restated from it. */
const rank = (g: string) => Grade.options.indexOf(g as Grade);

export const expectedDirection = (grade: string, previous: string | null) =>
  previous === null ? 'new' : rank(grade) < rank(previous) ? 'up' : rank(grade) > rank(previous) ? 'down' : 'same';
