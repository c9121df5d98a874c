/**
 * Arrivals to expect in the coming hour for one service: the usual figure for
 * this hour of the day (recent weeks) blended with the rate of the last hour,
 * so a day running busier than usual is noticed without chasing every blip.
 */

export interface ArrivalForecastInput {
  /** Mean arrivals per hour by hour of day (index 0–23) over recent comparable days. */
  historyPerHour: readonly number[];
  /** The hour of day being forecast. */
  hourOfDay: number;
  /** Arrivals counted in the last 60 minutes (null: not open long enough to tell). */
  lastHourCount: number | null;
  /** Weight of the last hour, 0–1 (default 0.4). */
  recentWeight?: number;
}

export function forecastArrivalsPerHour({ historyPerHour, hourOfDay, lastHourCount, recentWeight = 0.4 }: ArrivalForecastInput): number {
  const usual = historyPerHour[hourOfDay];
  if (usual === undefined || !Number.isFinite(usual)) return lastHourCount ?? 0;
  if (lastHourCount === null) return usual;
  return (1 - recentWeight) * usual + recentWeight * lastHourCount;
}

/** Mean arrivals per hour of day from per-day hourly counts (each day an array of 24 counts). */
export function hourlyHistory(days: readonly (readonly number[])[]): number[] {
  const sums = new Array<number>(24).fill(0);
  for (const day of days) for (let h = 0; h < 24; h++) sums[h] += day[h] ?? 0;
  return sums.map((s) => (days.length ? s / days.length : 0));
}
