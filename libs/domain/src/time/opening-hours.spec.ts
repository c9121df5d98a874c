import fc from 'fast-check';
import { DomainError } from '../errors';
import { OpeningHours, closingTime, intervalsOn, isOpenAt, nextOpening, openingState, validateOpeningHours } from './opening-hours';
import { zonedParts } from './zoned-time';

const CPH = 'Europe/Copenhagen';
const T = (iso: string) => new Date(iso);
const weekdays = (opens: string, closes: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ opens, closes }]]));

/** A town hall: weekdays 10–17 (Thursday to 18 with a lunch break), Sunday 10–14, closed Saturday; Christmas Eve closed. */
const HOURS: OpeningHours = validateOpeningHours({
  weekly: {
    ...weekdays('10:00', '17:00'),
    thu: [
      { opens: '10:00', closes: '12:00' },
      { opens: '12:30', closes: '18:00' },
    ],
    sun: [{ opens: '10:00', closes: '14:00' }],
  },
  exceptions: [
    { date: '2026-12-24', intervals: [], reason: 'Juleaften' },
    { date: '2026-12-23', intervals: [{ opens: '09:00', closes: '12:00' }] },
  ],
});

describe('opening state', () => {
  it.each([
    // winter (UTC+1)
    ['2026-01-15T08:59:00Z', false, null, '2026-01-15T09:00:00.000Z'], // Thu 09:59
    ['2026-01-15T09:00:00Z', true, '2026-01-15T11:00:00.000Z', null], // Thu 10:00, lunch at 12:00
    ['2026-01-15T11:10:00Z', false, null, '2026-01-15T11:30:00.000Z'], // Thu lunch
    ['2026-01-15T16:59:59Z', true, '2026-01-15T17:00:00.000Z', null], // Thu 17:59:59
    ['2026-01-15T17:00:00Z', false, null, '2026-01-16T09:00:00.000Z'], // Thu 18:00 → Fri 10:00
    ['2026-01-16T16:00:00Z', false, null, '2026-01-18T09:00:00.000Z'], // Fri 17:00 → Sunday 10:00 (Saturday closed)
    // spring forward: Sunday 2026-03-29 opens 10:00 CEST = 08:00Z
    ['2026-03-28T20:00:00Z', false, null, '2026-03-29T08:00:00.000Z'],
    ['2026-03-29T07:59:00Z', false, null, '2026-03-29T08:00:00.000Z'],
    ['2026-03-29T08:00:00Z', true, '2026-03-29T12:00:00.000Z', null],
    ['2026-03-29T12:00:00Z', false, null, '2026-03-30T08:00:00.000Z'],
    // fall back: Sunday 2026-10-25 opens 10:00 CET = 09:00Z
    ['2026-10-24T20:00:00Z', false, null, '2026-10-25T09:00:00.000Z'],
    ['2026-10-25T08:30:00Z', false, null, '2026-10-25T09:00:00.000Z'],
    ['2026-10-25T09:00:00Z', true, '2026-10-25T13:00:00.000Z', null],
    ['2026-10-25T13:00:00Z', false, null, '2026-10-26T09:00:00.000Z'],
    // exceptions: 23 Dec short day, Christmas Eve closed
    ['2026-12-23T07:30:00Z', false, null, '2026-12-23T08:00:00.000Z'],
    ['2026-12-23T10:00:00Z', true, '2026-12-23T11:00:00.000Z', null],
    ['2026-12-23T12:00:00Z', false, null, '2026-12-25T09:00:00.000Z'], // 24th closed, 25th is a Friday
  ])('at %s: open %s, closes %s, opens %s', (now, open, closesAt, opensAt) => {
    const state = openingState(HOURS, CPH, T(now));
    expect(state.open).toBe(open);
    expect(state.closesAt?.toISOString() ?? null).toBe(closesAt);
    expect(state.opensAt?.toISOString() ?? null).toBe(opensAt);
  });

  it('has no next opening when closed for 14 days and more', () => {
    expect(nextOpening({ weekly: {} }, CPH, T('2026-03-02T10:00:00Z'))).toBeNull();
    expect(openingState({ weekly: {} }, CPH, T('2026-03-02T10:00:00Z'))).toEqual({ open: false, closesAt: null, opensAt: null });
  });

  it('is open around the clock with 00:00–24:00, including both DST nights', () => {
    const always: OpeningHours = { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ opens: '00:00', closes: '24:00' }]])) };
    for (const at of ['2026-03-29T00:30:00Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T22:59:00Z']) {
      const s = openingState(always, CPH, T(at));
      // It never closes: not at midnight either (a kiosk would otherwise warn before every midnight).
      expect(s).toEqual({ open: true, closesAt: null, opensAt: null });
    }
  });

  it('follows an interval past midnight into the next day, and closes at midnight when the next day starts later', () => {
    // A late night (Kulturnatten): Friday 18:00–24:00 and Saturday 00:00–02:00, then Saturday 10:00–14:00.
    const late: OpeningHours = { weekly: { fri: [{ opens: '18:00', closes: '24:00' }], sat: [{ opens: '00:00', closes: '02:00' }, { opens: '10:00', closes: '14:00' }] } };
    expect(openingState(late, CPH, T('2026-10-09T21:00:00Z')).closesAt!.toISOString()).toBe('2026-10-10T00:00:00.000Z'); // Fri 23:00 → Sat 02:00
    expect(openingState(late, CPH, T('2026-10-09T22:30:00Z')).closesAt!.toISOString()).toBe('2026-10-10T00:00:00.000Z'); // Sat 00:30
    // Friday 18:00–24:00 alone: it closes at midnight.
    const evening: OpeningHours = { weekly: { fri: [{ opens: '18:00', closes: '24:00' }], sat: [{ opens: '10:00', closes: '14:00' }] } };
    expect(openingState(evening, CPH, T('2026-10-09T21:00:00Z')).closesAt!.toISOString()).toBe('2026-10-09T22:00:00.000Z');
    // Open around the clock but for one day off in between: it closes at the start of that day (across the DST night).
    const allWeekButMonday: OpeningHours = { weekly: Object.fromEntries(['tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ opens: '00:00', closes: '24:00' }]])) };
    expect(openingState(allWeekButMonday, CPH, T('2026-10-22T12:00:00Z')).closesAt!.toISOString()).toBe('2026-10-25T23:00:00.000Z'); // Mon 26 Oct 00:00 CET
  });

  it('agrees with the local wall clock for any instant of 2026 (and isOpenAt with it)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }), (ms) => {
        const now = new Date(ms);
        const { date, minutes } = zonedParts(now, CPH);
        const inside = intervalsOn(HOURS, date).some((i) => {
          const [oh, om] = i.opens.split(':').map(Number);
          const [ch, cm] = i.closes.split(':').map(Number);
          return minutes >= oh * 60 + om && minutes < ch * 60 + cm;
        });
        const state = openingState(HOURS, CPH, now);
        expect(state.open).toBe(inside);
        expect(isOpenAt(HOURS, CPH, now)).toBe(inside);
        if (state.open) {
          expect(state.closesAt!.getTime()).toBeGreaterThan(ms);
          expect(zonedParts(state.closesAt!, CPH).date).toBe(date);
        } else {
          expect(state.opensAt!.getTime()).toBeGreaterThan(ms);
          // The next opening is an opening: open from then, closed just before.
          expect(openingState(HOURS, CPH, state.opensAt!).open).toBe(true);
          expect(openingState(HOURS, CPH, new Date(state.opensAt!.getTime() - 1000)).open).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('closing time of a business date', () => {
  it.each([
    ['2026-01-15', '2026-01-15T17:00:00.000Z'], // Thursday 18:00 CET
    ['2026-01-16', '2026-01-16T16:00:00.000Z'], // Friday 17:00 CET
    ['2026-01-17', null], // Saturday closed
    ['2026-03-29', '2026-03-29T12:00:00.000Z'], // Sunday 14:00 CEST
    ['2026-10-25', '2026-10-25T13:00:00.000Z'], // Sunday 14:00 CET
    ['2026-12-23', '2026-12-23T11:00:00.000Z'],
    ['2026-12-24', null],
  ])('%s closes at %s', (date, at) => {
    expect(closingTime(HOURS, CPH, date)?.toISOString() ?? null).toBe(at);
  });
});

describe('validating opening hours', () => {
  const refused = (input: unknown) => {
    try {
      validateOpeningHours(input);
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it.each([
    ['nothing', undefined],
    ['a string', 'mon-fri 10-17'],
    ['an array', []],
    ['weekly as an array', { weekly: [] }],
    ['an unknown day', { weekly: { mandag: [] } }],
    ['intervals not a list', { weekly: { mon: { opens: '10:00', closes: '17:00' } } }],
    ['a number for a time', { weekly: { mon: [{ opens: 10, closes: '17:00' }] } }],
    ['null interval', { weekly: { mon: [null] } }],
    ['closes before opens', { weekly: { mon: [{ opens: '17:00', closes: '10:00' }] } }],
    ['empty interval', { weekly: { mon: [{ opens: '10:00', closes: '10:00' }] } }],
    ['overlapping intervals', { weekly: { mon: [{ opens: '10:00', closes: '13:00' }, { opens: '12:00', closes: '17:00' }] } }],
    ['25:00', { weekly: { mon: [{ opens: '10:00', closes: '25:00' }] } }],
    ['exceptions not a list', { weekly: {}, exceptions: {} }],
    ['exception without a date', { weekly: {}, exceptions: [{ intervals: [] }] }],
    ['exception with a bad date', { weekly: {}, exceptions: [{ date: '24/12/2026', intervals: [] }] }],
    ['exception without intervals', { weekly: {}, exceptions: [{ date: '2026-12-24' }] }],
  ])('refuses %s with 400 invalid_opening_hours', (_name, input) => {
    const e = refused(input);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ kind: 'invalid', code: 'invalid_opening_hours' });
  });

  it('accepts a closed day, touching intervals and 24:00', () => {
    expect(validateOpeningHours({ weekly: { mon: [], tue: [{ opens: '08:00', closes: '12:00' }, { opens: '12:00', closes: '24:00' }] } })).toEqual({
      weekly: { mon: [], tue: [{ opens: '08:00', closes: '12:00' }, { opens: '12:00', closes: '24:00' }] },
      exceptions: [],
    });
  });

  it('never throws anything but a DomainError, whatever the input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const e = refused(input);
        expect(e === undefined || e instanceof DomainError).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.record({ weekly: fc.dictionary(fc.constantFrom('mon', 'tue', 'sun', 'x'), fc.jsonValue()) }), (input) => {
        const e = refused(input);
        expect(e === undefined || e instanceof DomainError).toBe(true);
      }),
    );
  });
});
