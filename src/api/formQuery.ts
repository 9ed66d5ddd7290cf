import { z } from 'zod';
import * as TE from 'fp-ts/TaskEither';
import { TimeTravelQuery } from './params.js';
import type { ApiError } from './errors.js';
import type { Reply } from './route.js';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A record that is also one of the manual's forms: JSON, or the printable workbook. */
export const FormQuery = TimeTravelQuery.extend({
  format: z.enum(['json', 'xlsx']).default('json').meta({ description: 'json (default), or xlsx: the manual’s printable one-page form' }),
});

export const formReply = (render: () => Promise<Buffer>, filename: string): TE.TaskEither<ApiError, Reply> =>
  TE.fromTask(async () => ({ status: 200, file: { contentType: xlsxType, filename, data: await render() } }));
