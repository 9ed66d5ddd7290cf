import { InvalidArgumentError } from 'commander';
import { Instant, Period } from '../domain/shared/index.js';

/** Option parsers: a bad value stops commander with "option '--x' argument 'v' is invalid. <why>". */
export const parsePeriod = (value: string): Period => {
  const parsed = Period.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('a period is YYYY-MM, e.g. 2026-10.');
  return parsed.data;
};

export const parseInstant = (value: string): Instant => {
  const parsed = Instant.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('an instant is ISO 8601 with an offset, e.g. 2026-11-01T00:00:00+08:00.');
  return parsed.data;
};

export const parsePositiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number, at least 1.');
  return n;
};

/** One of `choices`, for options whose `.choices()` would not name the option's meaning. */
export const oneOf =
  <T extends string>(choices: readonly T[]) =>
  (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${choices.join(', ')}.`);
    return value as T;
  };
