import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../errors';
import { lastBookableDate, normaliseContact } from './booking-rules';

const CPH = 'Europe/Copenhagen';
const at = (iso: string) => new Date(Temporal.ZonedDateTime.from(`${iso}[${CPH}]`).epochMilliseconds);

/** The error code a call throws, or null. */
function refusal(call: () => unknown): string | null {
  try {
    call();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
}

describe('the newest bookable day opens at the release clock, not at midnight', () => {
  it.each([
    ['2027-03-22T00:00:00+01:00', '2027-04-20'], // midnight: a bot up at night gains nothing
    ['2027-03-22T00:01:00+01:00', '2027-04-20'],
    ['2027-03-22T07:59:59+01:00', '2027-04-20'],
    ['2027-03-22T08:00:00+01:00', '2027-04-21'], // the site opens: the 30th day ahead is released
    ['2027-03-22T15:00:00+01:00', '2027-04-21'],
    ['2027-03-22T23:59:00+01:00', '2027-04-21'],
  ])('30 days ahead, released at 08:00: at %s the last bookable date is %s', (now, expected) => {
    expect(lastBookableDate(at(now), CPH, 30, '08:00')).toBe(expected);
  });

  it('reads the site clock, not UTC: 07:30 UTC is 08:30 in Copenhagen in winter, 09:30 in summer', () => {
    expect(lastBookableDate(new Date('2027-01-11T06:59:00Z'), CPH, 1, '08:00')).toBe('2027-01-11');
    expect(lastBookableDate(new Date('2027-01-11T07:00:00Z'), CPH, 1, '08:00')).toBe('2027-01-12');
    expect(lastBookableDate(new Date('2027-07-12T05:59:00Z'), CPH, 1, '08:00')).toBe('2027-07-12');
    expect(lastBookableDate(new Date('2027-07-12T06:00:00Z'), CPH, 1, '08:00')).toBe('2027-07-13');
    // 23:30 UTC on the 22nd is already the 23rd at the site: the horizon counts from the site's date.
    expect(lastBookableDate(new Date('2027-03-22T23:30:00Z'), CPH, 30, '08:00')).toBe('2027-04-21');
  });

  it('on the DST days the release is at the wall clock 08:00 too', () => {
    expect(lastBookableDate(at('2027-03-28T07:59:00+02:00'), CPH, 10, '08:00')).toBe('2027-04-06');
    expect(lastBookableDate(at('2027-03-28T08:00:00+02:00'), CPH, 10, '08:00')).toBe('2027-04-07');
    expect(lastBookableDate(at('2027-10-31T07:59:00+01:00'), CPH, 10, '08:00')).toBe('2027-11-09');
    expect(lastBookableDate(at('2027-10-31T08:00:00+01:00'), CPH, 10, '08:00')).toBe('2027-11-10');
  });

  it('for any instant, release clock and horizon: today + maxDaysAhead from the release clock on, one day less before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2029, 0, 1) }),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        fc.integer({ min: 1, max: 366 }),
        (ms, releaseMinutes, days) => {
          const release = `${String(Math.floor(releaseMinutes / 60)).padStart(2, '0')}:${String(releaseMinutes % 60).padStart(2, '0')}`;
          const here = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(CPH);
          const wallMinutes = here.hour * 60 + here.minute;
          const expected = here.toPlainDate().add({ days: wallMinutes >= releaseMinutes ? days : days - 1 }).toString();
          expect(lastBookableDate(new Date(ms), CPH, days, release)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the one contact a booking may hold', () => {
  it('takes a Danish mobile number as people write it and stores it compact', () => {
    expect(normaliseContact({ phone: '+45 12 34 56 78' })).toEqual({ phone: '+4512345678' });
    expect(normaliseContact({ phone: '+4512345678' })).toEqual({ phone: '+4512345678' });
    expect(normaliseContact({ phone: '+45 1234 5678' })).toEqual({ phone: '+4512345678' });
  });

  it('takes an e-mail address, trimmed and in lower case', () => {
    expect(normaliseContact({ email: ' Borger@Example.DK ' })).toEqual({ email: 'borger@example.dk' });
    expect(normaliseContact({ email: 'a.b+c@sub.kommune.dk' })).toEqual({ email: 'a.b+c@sub.kommune.dk' });
  });

  it('no contact at all is fine: null', () => {
    expect(normaliseContact(undefined)).toBeNull();
    expect(normaliseContact(null)).toBeNull();
    expect(normaliseContact({})).toBeNull();
  });

  it.each([
    ['a Swedish number', { phone: '+46 12 34 56 78' }],
    ['a German number', { phone: '+49 1512 3456789' }],
    ['a UK number', { phone: '+44 7700 900123' }],
    ['no country code', { phone: '12 34 56 78' }],
    ['00 instead of +', { phone: '0045 12 34 56 78' }],
    ['seven digits', { phone: '+45 12 34 56 7' }],
    ['nine digits', { phone: '+45 12 34 56 789' }],
    ['letters', { phone: '+45 12 34 5A 78' }],
    ['dashes', { phone: '+45-12-34-56-78' }],
    ['a number as a number', { phone: 4512345678 }],
    ['a very long string', { phone: `+45 ${' '.repeat(40)}12345678` }],
    ['no @', { email: 'borger.example.dk' }],
    ['no domain dot', { email: 'borger@example' }],
    ['a space', { email: 'bor ger@example.dk' }],
    ['two @', { email: 'a@b@example.dk' }],
    ['nothing before @', { email: '@example.dk' }],
    ['markup', { email: '<script>@example.dk' }],
    ['too long', { email: `${'a'.repeat(250)}@x.dk` }],
    ['an array', { email: ['a@example.dk'] }],
    ['both a number and an address', { phone: '+45 12 34 56 78', email: 'borger@example.dk' }],
    ['an unknown field', { name: 'Jens' }],
    ['a name beside the number', { phone: '+45 12 34 56 78', name: 'Jens' }],
    ['a string', '+45 12 34 56 78'],
    ['a list', [{ phone: '+45 12 34 56 78' }]],
  ])('refuses %s with 400 invalid_contact', (_what, contact) => {
    expect(refusal(() => normaliseContact(contact))).toBe('invalid_contact');
  });

  it.each(['0101901234@example.dk', '010190-1234@example.dk', 'cpr.010190.1234@example.dk', 'x311299-9999y@kommune.dk'])(
    'refuses an e-mail address shaped like a CPR number (%s) with cpr_not_allowed',
    (email) => {
      expect(refusal(() => normaliseContact({ email }))).toBe('cpr_not_allowed');
    },
  );

  it('a CPR number given as a phone is refused too (it is not a mobile number)', () => {
    expect(refusal(() => normaliseContact({ phone: '010190-1234' }))).toBe('invalid_contact');
    expect(refusal(() => normaliseContact({ phone: '+45 010190 1234' }))).toBe('invalid_contact');
  });

  it('any +45 and eight digits, spaced any way, is one and the same number; any other country code is refused', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        // At most one space between digits: a number longer than 24 characters is refused before it is read.
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 1, max: 998 }).filter((cc) => cc !== 45),
        (digits, spaces, cc) => {
          const spaced = (prefix: string) => prefix + digits.map((d, i) => ' '.repeat(spaces[i]) + d).join('') + ' '.repeat(spaces[8]);
          expect(normaliseContact({ phone: spaced('+45') })).toEqual({ phone: `+45${digits.join('')}` });
          expect(refusal(() => normaliseContact({ phone: spaced(`+${cc}`) }))).toBe('invalid_contact');
        },
      ),
    );
  });
});
