import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { instantMillis, staffRoles } from '../../shared/index.js';
import type { AddEvaluation, RecordViolation } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { EvaluationAdded, ViolationRecorded } from '../events.js';
import type { CustomerState } from '../state.js';
import { authorisedOn, personOf } from './guards.js';

/**
 * 违规记录 (时间, 类型, 事件描述): entered by the archive clerk or back-filled by the
 * service clerk (回填与客户服务相关的信息). The list only grows.
 */
export const recordViolation = (command: RecordViolation, state: CustomerState): E.Either<CustomerError, ViolationRecorded[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, ['archiveClerk', 'serviceClerk'], 'recording a violation'),
    E.flatMap((): E.Either<CustomerError, ViolationRecorded[]> => {
      const { customerId, occurredAt, type, description } = command.data;
      if (instantMillis(occurredAt) > instantMillis(command.meta.at)) {
        return E.left({
          code: 'ViolationInTheFuture',
          message: `a violation is recorded after it happened; ${occurredAt} is later than now (${command.meta.at})`,
        });
      }
      return E.right([{ type: 'ViolationRecorded', data: { customerId, occurredAt, type, description } }]);
    }),
  );

/** 客户评价: any staff member evaluates; the evaluator is who says it, the reason optional. */
export const addEvaluation = (command: AddEvaluation, state: CustomerState): E.Either<CustomerError, EvaluationAdded[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, staffRoles, 'evaluating a customer', true),
    E.map((): EvaluationAdded[] => [
      {
        type: 'EvaluationAdded',
        data: {
          customerId: command.data.customerId,
          evaluator: personOf(command.meta.actor),
          text: command.data.text,
          at: command.meta.at,
        },
      },
    ]),
  );
