import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import type { components } from '../../api/schema.js';
import type { Tone } from '../../shared/ToneTag.js';

export type GradeSummary = components['schemas']['GradeSummary'];
export type SummaryRow = GradeSummary['rows'][number];
export type SignOffStep = GradeSummary['signOffs'][number]['step'];
export type Grade = SummaryRow['grade'];

export const grades: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];
export { signOffOrder } from './turn.js';

export const summaryKey = (period: string) => ['grade-summary', period] as const;

/** The whole summary of a period (every row: the table is virtualised) and its ETag, the period's version. */
export const useGradeSummary = (period: string) =>
  useQuery({
    queryKey: summaryKey(period),
    queryFn: async () => {
      const { data, etag } = await answered(api.GET('/reports/grade-summary', { params: { query: { period } } }));
      // JSON was asked for (no format): the file types of the route are not this answer.
      return { data: data as GradeSummary, etag };
    },
  });

/** After a write on the period: the summary (and what is drawn from it) is read again. */
export const useRefreshPeriod = () => {
  const client = useQueryClient();
  return (period: string) => client.invalidateQueries({ queryKey: summaryKey(period) });
};

/** The grade letter's tag colour, the same wherever a grade is shown. */
export const gradeColours: Record<Grade, Tone> = { A: 'bad', B: 'warn', C: 'info', D: 'good', E: 'neutral' };
