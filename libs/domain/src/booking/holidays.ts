/**
 * The days a Danish citizen-service centre is closed without anyone typing them
 * in: the public holidays (helligdage, Store Bededag abolished from 2024) and the
 * days municipal offices close by custom (Grundlovsdag, juleaftensdag and
 * nytårsaftensdag). A site opens on one of them only by an opening-hours exception.
 */
import { Temporal } from 'temporal-polyfill';

/** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

export type HolidayKey =
  | 'nytaarsdag' | 'skaertorsdag' | 'langfredag' | 'paaskedag' | 'anden-paaskedag' | 'store-bededag'
  | 'kristi-himmelfart' | 'pinsedag' | 'anden-pinsedag' | 'grundlovsdag' | 'juleaftensdag' | 'juledag'
  | 'anden-juledag' | 'nytaarsaftensdag';

const cache = new Map<number, Map<string, HolidayKey>>();

/** The closed days of a year, by ISO date. */
export function danishClosedDays(year: number): Map<string, HolidayKey> {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = easterSunday(year);
  const fromEaster = (days: number) => easter.add({ days }).toString();
  const fixed = (month: number, day: number) => Temporal.PlainDate.from({ year, month, day }).toString();
  const days = new Map<string, HolidayKey>([
    [fixed(1, 1), 'nytaarsdag'],
    [fromEaster(-3), 'skaertorsdag'],
    [fromEaster(-2), 'langfredag'],
    [fromEaster(0), 'paaskedag'],
    [fromEaster(1), 'anden-paaskedag'],
    [fromEaster(39), 'kristi-himmelfart'],
    [fromEaster(49), 'pinsedag'],
    [fromEaster(50), 'anden-pinsedag'],
    [fixed(6, 5), 'grundlovsdag'],
    [fixed(12, 24), 'juleaftensdag'],
    [fixed(12, 25), 'juledag'],
    [fixed(12, 26), 'anden-juledag'],
    [fixed(12, 31), 'nytaarsaftensdag'],
  ]);
  if (year < 2024) days.set(fromEaster(26), 'store-bededag');
  cache.set(year, days);
  return days;
}

/** The holiday on an ISO date (YYYY-MM-DD), if any. */
export function danishHoliday(date: string): HolidayKey | undefined {
  return danishClosedDays(Number(date.slice(0, 4))).get(date);
}
