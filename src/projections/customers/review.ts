/**
 * 有效期: an archive must be re-reviewed before it expires. It is due for review from
 * `noticeDays` before its validity ends (**[default]** 30 days), on the calendar of
 * Asia/Shanghai (UTC+8, no daylight saving) like every period of the product.
 */
export const defaultReviewNoticeDays = 30;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export const shanghaiDate = (instant: string): string => new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

export const reviewDue = (validUntil: string | null, asOf: string, noticeDays = defaultReviewNoticeDays): boolean => {
  if (validUntil === null) return false;
  const dueFrom = new Date(Date.parse(`${validUntil}T00:00:00Z`) - noticeDays * DAY_MS).toISOString().slice(0, 10);
  return shanghaiDate(asOf) >= dueFrom;
};
