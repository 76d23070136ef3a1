import dayjs, { type Dayjs } from 'dayjs';

/**
 * Today's date in Asia/Shanghai, whatever the browser's time zone: rule versions and periods are Shanghai dates
 * (DESIGN.md), and between 16:00 and 24:00 UTC the two calendars disagree.
 */
export function shanghaiToday(now: number = Date.now()): Dayjs {
  return dayjs(new Date(now + 8 * 3_600_000).toISOString().slice(0, 10));
}
