import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import { CustomerGradingInput, type VersionedPolicy } from '../../domain/grading/index.js';
import type { DomainError, Period } from '../../domain/shared/index.js';
import type { GradingDeps } from './deps.js';

const Inputs = z.array(CustomerGradingInput);

/** The loader's answer, checked at this edge: a read model's fault is named, never graded. */
export const loadInputs = (
  deps: Pick<GradingDeps, 'loadGradingInputs'>,
  period: Period,
  policy: VersionedPolicy,
): TE.TaskEither<DomainError<'GradingInputsUnavailable'>, CustomerGradingInput[]> =>
  pipe(
    TE.tryCatch(
      () => deps.loadGradingInputs(period, policy),
      (e) => ({ code: 'GradingInputsUnavailable' as const, message: `the customers to grade for ${period} could not be loaded: ${String(e)}` }),
    ),
    TE.flatMapEither((raw) =>
      pipe(
        Inputs.safeParse(raw),
        (r) => (r.success ? E.right(r.data) : E.left({ code: 'GradingInputsUnavailable' as const, message: `the grading inputs for ${period} are malformed: ${r.error.message}` })),
      ),
    ),
  );
