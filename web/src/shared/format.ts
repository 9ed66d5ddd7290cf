import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The manual's people work in Beijing time, wherever the browser is. */
export const officeZone = 'Asia/Shanghai';

/** An instant as the office reads it: `2026-12-04 09:30`. */
export const formatInstant = (iso: string | null | undefined, withSeconds = false): string =>
  iso ? dayjs(iso).tz(officeZone).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : '—';

/** A calendar date (YYYY-MM-DD) is shown as it is: it names a day, not an instant. */
export const formatDate = (date: string | null | undefined): string => date ?? '—';

/**
 * Money as the API sends it (a decimal string in 元) as `¥125,400.00`: done on the
 * digits, never through a float, so no amount is ever rounded on the way.
 */
export const formatMoney = (amount: string | null | undefined): string => {
  if (amount === null || amount === undefined || amount === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) return amount;
  const [, sign, whole = '0', fraction = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${fraction.padEnd(2, '0')}`;
};

/** The Asia/Shanghai wall time of a picker's value as an ISO instant with offset (what asOf/knownAt take). */
export const officeInstant = (value: dayjs.Dayjs): string => value.tz(officeZone, true).format();

export { dayjs };
