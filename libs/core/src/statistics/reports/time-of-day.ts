/**
 * Time of day in the site's own local time (issue 21): a ticket issued at 08:10 in Copenhagen falls in 08:00–08:15
 * in winter and summer alike, DST days included, because the instant is read in the site's time zone in the query.
 */

/** SQL: minutes after local midnight of a timestamptz column, read in the time zone `tz` (an SQL expression). */
export function localMinuteSql(column: string, tz: string): string {
  const local = `(${column} AT TIME ZONE ${tz})`;
  return `(extract(hour FROM ${local}) * 60 + extract(minute FROM ${local}))::int`;
}

/** SQL: the start (minutes after midnight) of the interval of the day of length `size` minutes the column falls in. */
export function slotSql(column: string, size: number, tz: string): string {
  return `(${localMinuteSql(column, tz)} / ${size} * ${size})`;
}

/** SQL: ISO weekday (1 = Monday … 7 = Sunday) of a timestamptz column in the site's local time. */
export function localWeekdaySql(column: string, tz: string): string {
  return `extract(isodow FROM (${column} AT TIME ZONE ${tz}))::int`;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The label of an interval of the day: 08:00–08:15 (the end is exclusive; the last one ends 24:00). */
export function slotLabel(start: number, size: number): string {
  return `${hhmm(start)}–${hhmm(start + size)}`;
}

export const SLOT_MINUTES = { '15min': 15, '30min': 30, hour: 60 } as const;
