import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { CustomerGradingInput, type VersionedPolicy } from '../../domain/grading/index.js';
import type { DomainError, Period } from '../../domain/shared/index.js';
import type { GradingDeps } from './deps.js';

/** A customer the run leaves out, and why: its data cannot be graded (the run goes on without it). */
export type SkippedCustomer = { customerId: string; reason: string };

export type LoadedInputs = { customers: CustomerGradingInput[]; skipped: SkippedCustomer[] };

const idOf = (raw: unknown): string =>
  typeof raw === 'object' && raw !== null && typeof (raw as { customerId?: unknown }).customerId === 'string'
    ? (raw as { customerId: string }).customerId
    : '(unknown)';

/** Each customer's inputs checked on their own: one customer's malformed data leaves that customer out, not the run. */
const checkEach = (raw: unknown[]): LoadedInputs => {
  const loaded: LoadedInputs = { customers: [], skipped: [] };
  for (const one of raw) {
    const parsed = CustomerGradingInput.safeParse(one);
    if (parsed.success) loaded.customers.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      loaded.skipped.push({ customerId: idOf(one), reason: `its inputs are not valid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` });
    }
  }
  return loaded;
};

/** The loader's answer, checked at this edge: a read model's fault is named, never graded. */
export const loadInputs = (
  deps: Pick<GradingDeps, 'loadGradingInputs'>,
  period: Period,
  policy: VersionedPolicy,
): TE.TaskEither<DomainError<'GradingInputsUnavailable'>, LoadedInputs> =>
  pipe(
    TE.tryCatch(
      () => deps.loadGradingInputs(period, policy),
      (e) => ({ code: 'GradingInputsUnavailable' as const, message: `the customers to grade for ${period} could not be loaded: ${String(e)}` }),
    ),
    TE.flatMapEither((raw) =>
      Array.isArray(raw)
        ? E.right(checkEach(raw))
        : E.left({ code: 'GradingInputsUnavailable' as const, message: `the grading inputs for ${period} are not a list of customers` }),
    ),
  );
