import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerFiguresStreamId, type MonthlyFiguresRecorded } from '../../../domain/grading/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import type { StoredEvent } from '../../../store/index.js';
import type { RouteDeps } from '../../deps.js';
import { FiguresRecorded, RecordMonthlyFiguresBody } from './schemas.js';
import { afterProjections } from '../../readYourWrites.js';
import { expectedVersion } from '../../etag.js';
import { figuresVersion, recordMonthlyFigures } from '../../../app/grading/index.js';

const recorded = (customerId: string, period: string, version: number, wasRecorded: boolean): JsonReply => ({
  status: 201,
  body: { customerId, period, recorded: wasRecorded, version },
  etag: version,
});

/** The first answer again, from the event the keyed request wrote for this customer. */
const replay = (events: readonly StoredEvent[], customerId: string): JsonReply | undefined => {
  const [event] = events;
  if (events.length !== 1 || event?.type !== 'MonthlyFiguresRecorded' || event.streamId !== customerFiguresStreamId(customerId)) return undefined;
  return recorded(customerId, (event.data as MonthlyFiguresRecorded['data']).period, event.version, true);
};

export const figuresRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/customers/{id}/monthly-figures',
    summary: 'Record a customer’s figures for a month (sales, credit due, credit paid on time)',
    description:
      'What grading reads: 月均销售额 from `sales` of the months before the graded one, 上期按期信用履约率 from ' +
      '`creditPaidOnTime / creditDue` of the month before. Recording a month again corrects it (the later recording counts); ' +
      'the same figures again change nothing (`recorded: false`). If-Match compares with the `version` of the customer’s figures.',
    tags: ['grading'],
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: RecordMonthlyFiguresBody },
    responses: { 201: { description: 'the figures are on record', body: FiguresRecorded } },
    problems: [404, 412, 422],
    handler: ({ params, body: { reason, ...figures }, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => figuresVersion(deps)(params.id)),
        TE.flatMap((expected) =>
          recordMonthlyFigures(deps)({
            ...figures,
            customerId: params.id,
            meta: meta(reason),
            options: commandOptions,
            ...(expected === undefined ? {} : { expectedVersion: expected }),
          }),
        ),
        afterProjections(deps),
        TE.map((r) => recorded(params.id, figures.period, r.version, r.recorded)),
      ),
    replay: (events, { params }) => replay(events, params.id),
  }),
];
