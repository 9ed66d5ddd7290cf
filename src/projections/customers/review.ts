/**
 * 有效期: an archive must be re-reviewed before it expires. It is due for review from
 * `noticeDays` before its validity ends (**[default]** 30 days), on the calendar of
 * Asia/Shanghai (UTC+8, no daylight saving) like every period of the product.
 */
export const defaultReviewNoticeDays = 30;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export const shanghaiDate = (instant: string): string => new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** The instant (midnight in Shanghai, `noticeDays` before validity ends) from which the archive is due for review. */
export const reviewDueFrom = (validUntil: string | null, noticeDays = defaultReviewNoticeDays): number | null => {
  if (validUntil === null) return null;
  const dueDate = new Date(Date.parse(`${validUntil}T00:00:00Z`) - noticeDays * DAY_MS).toISOString().slice(0, 10);
  return Date.parse(`${dueDate}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
};

export const reviewDue = (validUntil: string | null, asOf: string, noticeDays = defaultReviewNoticeDays): boolean => {
  const from = reviewDueFrom(validUntil, noticeDays);
  return from !== null && Date.parse(asOf) >= from;
};
