/**
 * Figures computed from a played plan (test/support/stat-days.ts), independently of the system: what each report
 * must answer, by the written definitions (nearest-rank percentiles, minutes with one decimal, shares in percent).
 */
import type { PlannedVisit } from './stat-days';

export const nearestRank = (values: number[], p: number): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
};
export const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);
export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** The wait of a visit whose wait counts (served without a slip, or called and not showing), in whole seconds. */
export function waitSeconds(v: PlannedVisit): number | null {
  if (!v.calledAt || !(v.result === 'served' || v.result === 'no-show')) return null;
  return Math.max(0, Math.floor((v.calledAt.getTime() - v.queuedAt.getTime()) / 1000));
}

export function handlingSeconds(v: PlannedVisit): number | null {
  if (v.result !== 'served' || !v.calledAt || !v.endedAt) return null;
  return Math.floor((v.endedAt.getTime() - v.calledAt.getTime()) / 1000);
}

/** Report (1)'s row for a group of visits, with the target in minutes. */
export function volumeFigures(visits: PlannedVisit[], targetMinutes: number | null) {
  const count = (r: PlannedVisit['result']) => visits.filter((v) => v.result === r).length;
  const waits = visits.map(waitSeconds).filter((w): w is number => w !== null);
  const handlings = visits.map(handlingSeconds).filter((h): h is number => h !== null);
  const served = count('served') + count('mistaken');
  return {
    arrived: visits.length,
    served,
    servedPercent: share(served, visits.length),
    noShow: count('no-show'),
    cancelled: count('cancelled'),
    left: count('left'),
    expired: count('expired'),
    unreliable: count('mistaken') + count('expired'),
    waitP50: minutes(nearestRank(waits, 0.5)),
    waitP90: minutes(nearestRank(waits, 0.9)),
    waitMax: minutes(waits.length ? Math.max(...waits) : null),
    targetMinutes,
    withinTargetPercent: targetMinutes === null ? null : share(waits.filter((w) => w <= targetMinutes * 60).length, waits.length),
    handlingMean: minutes(handlings.length ? handlings.reduce((a, b) => a + b, 0) / handlings.length : null),
    handlingP90: minutes(nearestRank(handlings, 0.9)),
  };
}
