import fc from 'fast-check';
import { addDays, businessDate, isValidTimeZone, parseClock, weekdayOf, zonedInstant, zonedParts } from './zoned-time';

const CPH = 'Europe/Copenhagen';
const iso = (d: Date) => d.toISOString();

describe('business date in the site’s time zone', () => {
  it.each([
    // winter: UTC+1
    ['2026-01-15T22:59:59.999Z', '2026-01-15'],
    ['2026-01-15T23:00:00.000Z', '2026-01-16'],
    // the spring-forward night 2026-03-29 (02:00 → 03:00): midnight is still UTC+1, the next one UTC+2
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T01:30:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    // the fall-back night 2026-10-25 (03:00 → 02:00): midnight is UTC+2, the next one UTC+1
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])('%s is business date %s in Copenhagen', (instant, date) => {
    expect(businessDate(new Date(instant), CPH)).toBe(date);
  });

  it('depends on the zone, not the server clock', () => {
    const instant = new Date('2026-06-30T23:30:00Z');
    expect(businessDate(instant, CPH)).toBe('2026-07-01');
    expect(businessDate(instant, 'UTC')).toBe('2026-06-30');
    expect(businessDate(instant, 'America/Nuuk')).toBe('2026-06-30');
  });

  it('reports local minutes and weekday', () => {
    expect(zonedParts(new Date('2026-03-29T01:30:00Z'), CPH)).toEqual({ date: '2026-03-29', minutes: 3 * 60 + 30, weekday: 'sun' });
    expect(zonedParts(new Date('2026-10-25T00:30:00Z'), CPH)).toEqual({ date: '2026-10-25', minutes: 2 * 60 + 30, weekday: 'sun' });
    expect(zonedParts(new Date('2026-10-25T01:30:00Z'), CPH)).toEqual({ date: '2026-10-25', minutes: 2 * 60 + 30, weekday: 'sun' });
  });
});

describe('wall-clock time at the site to an instant', () => {
  it.each([
    ['2026-01-15', '10:00', '2026-01-15T09:00:00.000Z'],
    ['2026-07-15', '10:00', '2026-07-15T08:00:00.000Z'],
    // spring forward
    ['2026-03-29', '00:00', '2026-03-28T23:00:00.000Z'],
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'], // 02:00 does not exist: 03:00 CEST
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '10:00', '2026-03-29T08:00:00.000Z'],
    ['2026-03-29', '24:00', '2026-03-29T22:00:00.000Z'],
    // fall back: 02:00–02:59 happen twice; the earlier (CEST) one is meant
    ['2026-10-25', '00:00', '2026-10-24T22:00:00.000Z'],
    ['2026-10-25', '01:59', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '02:00', '2026-10-25T00:00:00.000Z'],
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    ['2026-10-25', '10:00', '2026-10-25T09:00:00.000Z'],
    ['2026-10-25', '24:00', '2026-10-25T23:00:00.000Z'],
  ])('%s %s in Copenhagen is %s', (date, clock, instant) => {
    expect(iso(zonedInstant(date, parseClock(clock), CPH))).toBe(instant);
  });

  it('puts a time inside the spring-forward gap after the gap', () => {
    const t = zonedInstant('2026-03-29', parseClock('02:30'), CPH);
    expect(t.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-29T01:00:00Z'));
    expect(t.getTime()).toBeLessThanOrEqual(Date.parse('2026-03-29T01:30:00Z'));
    expect(zonedParts(t, CPH).date).toBe('2026-03-29');
  });

  it('round-trips wall times; a repeated one gives the earlier instant, one in a gap lands just after it', () => {
    const days = ['2026-03-08', '2026-03-28', '2026-03-29', '2026-03-30', '2026-04-05', '2026-10-04', '2026-10-24', '2026-10-25', '2026-11-01', '2026-06-01'];
    const zones = [CPH, 'UTC', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.constantFrom(...days), fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...zones), (date, minutes, zone) => {
        const t = zonedInstant(date, minutes, zone);
        const back = zonedParts(t, zone);
        if (back.date === date && back.minutes === minutes) {
          for (const shift of [30, 60]) {
            const before = zonedParts(new Date(t.getTime() - shift * 60_000), zone);
            if (before.date === date && before.minutes === minutes) throw new Error(`${date} ${minutes} ${zone}: an earlier instant shows the same wall time`);
          }
          return true;
        }
        // Only a time skipped by a DST gap may come back different: later the same day, by at most the gap.
        if (!(back.date === date && back.minutes > minutes && back.minutes - minutes <= 60)) throw new Error(`${date} ${minutes} ${zone} → ${t.toISOString()}`);
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('always gives an instant whose local date is the asked date (24:00 aside)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 730 }), fc.integer({ min: 0, max: 1439 }), (d, minutes) => {
        const date = addDays('2026-01-01', d);
        expect(zonedParts(zonedInstant(date, minutes, CPH), CPH).date).toBe(date);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar helpers', () => {
  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('names weekdays', () => {
    expect(weekdayOf('2026-03-29')).toBe('sun');
    expect(weekdayOf('2026-10-25')).toBe('sun');
    expect(weekdayOf('2026-03-02')).toBe('mon');
  });

  it('parses HH:MM and 24:00, nothing else', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('24:00')).toBe(1440);
    for (const bad of ['24:01', '8:30', '25:00', '12:60', '', 'noon', '12:3', ' 12:30']) expect(() => parseClock(bad)).toThrow(RangeError);
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone(CPH)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('wall-clock times at the edge of a DST gap', () => {
  it('02:00 on New York’s spring-forward night does not exist and lands at 03:00 EDT, after the gap', () => {
    expect(zonedInstant('2026-03-08', 120, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedInstant('2026-03-08', 119, 'America/New_York').toISOString()).toBe('2026-03-08T06:59:00.000Z');
  });
});
