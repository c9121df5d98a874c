/* Calendar dates (YYYY-MM-DD) as a site counts them: its own day, whatever the browser's zone. */

/** Today's date at the site: horizons and notices count from the site's day, not the browser's. */
export function siteToday(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const utc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/** A date `n` days later (calendar arithmetic, no zone involved). */
export const addDays = (date: string, n: number): string => new Date(utc(date) + n * 86_400_000).toISOString().slice(0, 10);

/** Whole days from one date to another. */
export const daysBetween = (from: string, to: string): number => Math.round((utc(to) - utc(from)) / 86_400_000);
