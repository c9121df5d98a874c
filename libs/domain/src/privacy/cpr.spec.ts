import fc from 'fast-check';
import { containsCprNumber, normaliseDigits } from './cpr';

const two = (n: number) => String(n).padStart(2, '0');

/** The zero of some runs of Unicode decimal digits: ASCII, Arabic-Indic, Devanagari, Bengali, Thai, Tibetan, Myanmar, Khmer, Mongolian, full-width, mathematical bold, Adlam, segmented. */
const ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10, 0x1d7ce, 0x1e950, 0x1fbf0];
/** What people (or someone trying to get past the check) put between the date and the serial. */
const SEPARATORS = [
  '', '-', ' ', '  ', ' - ', '/', '.', '_', ':', '\n',
  '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d', '\u00ad',
  '\u00a0', '\u2009', '\u202f', '\u3000', '\u200b', '\u2060', '\ufeff', '\u200b-\u200b', '\u2013/',
];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

describe('CPR numbers in free text', () => {
  it.each([
    '010190-1234',
    '0101901234',
    '010190 1234',
    'Borger 311299-9999 vil have pas',
    'cpr:2802851234.',
    'ring 12345678, cpr 150677-4321',
    '010203\u20101234', // the hyphen U+2010 that passed before
    '010203\u20131234', // en dash
    '010203\u22121234', // minus sign
    '\uff10\uff11\uff10\uff12\uff10\uff13-\uff11\uff12\uff13\uff14', // full-width digits
    '\u0660\u0661\u0660\u0662\u0660\u0663-\u0661\u0662\u0663\u0664', // Arabic-Indic digits
    '010203/1234',
    '010203.1234',
    '010190--1234',
    '01\u200b0190-1234', // a zero-width space inside the date
  ])('refuses %p', (text) => {
    expect(containsCprNumber(text)).toBe(true);
  });

  it.each([
    '',
    'Har brug for tolk',
    'tlf. 12345678', // eight digits: a Danish phone number
    '+45 12 34 56 78',
    '1234567890', // day 12, month 34: not a date
    '320190-1234', // day 32
    '010090-1234', // month 0
    '011390-1234', // month 13
    '000190-1234', // day 0
    '01019012345', // eleven digits
    '1010190-1234', // seven digits before the dash
    '010190-123', // three after
    'sag 2026-03-29',
    'åbent 08:00-12:00 og 13:00-15:30',
    'fra 2026-12-03 til 2026-12-24',
    'booking 7KQ2MX',
  ])('lets %p through', (text) => {
    expect(containsCprNumber(text)).toBe(false);
  });

  it('writes the digits of every script as 0-9', () => {
    for (const zero of ZEROS) {
      const digits = Array.from({ length: 10 }, (_, i) => String.fromCodePoint(zero + i)).join('');
      expect(normaliseDigits(digits)).toBe('0123456789');
    }
  });

  const datePart = fc.record({ d: fc.integer({ min: 1, max: 31 }), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 0, max: 99 }) });
  const serial = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
  const scripts = fc.array(fc.constantFrom(...ZEROS), { minLength: 10, maxLength: 10 });
  const separator = fc.constantFrom(...SEPARATORS);
  const hidden = fc.array(fc.option(fc.constantFrom(...INVISIBLE), { freq: 4 }), { minLength: 10, maxLength: 10 });
  const words = fc.stringMatching(/^[a-zA-ZæøåÆØÅ .,:()-]{0,20}$/);

  it('finds any valid ddmmyy-xxxx in any digit script, with any separator and invisible characters, wherever it stands', () => {
    fc.assert(
      fc.property(datePart, serial, scripts, hidden, separator, words, words, ({ d, m, y }, s, zeros, invisible, sep, before, after) => {
        const digits = [...`${two(d)}${two(m)}${two(y)}${s}`].map((c, i) => String.fromCodePoint(zeros[i] + Number(c)) + (invisible[i] ?? ''));
        const cpr = digits.slice(0, 6).join('') + sep + digits.slice(6).join('');
        expect(containsCprNumber(`${before}${cpr}${after}`)).toBe(true);
        // …also when the text around it is not separated by spaces.
        expect(containsCprNumber(`x${cpr}y`)).toBe(true);
      }),
      { seed: 16, numRuns: 2000 },
    );
  });

  const phone = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 9999999 }), fc.constantFrom('', '+45 ', '+45', '0045 '), fc.boolean()).map(([first, rest, prefix, pairs]) => {
    const n = `${first}${String(rest).padStart(7, '0')}`;
    return prefix + (pairs ? n.replace(/(\d\d)(?=\d)/g, '$1 ') : n);
  });
  const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${two(h)}:${two(m)}`);
  const times = fc.tuple(time, time, fc.constantFrom('-', '–', ' - ')).map(([a, b, sep]) => `${a}${sep}${b}`);
  const date = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`);
  const bookingCode = fc.stringMatching(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/);
  const harmless = fc.oneof(phone, times, date, bookingCode, fc.tuple(date, date).map(([a, b]) => `${a} - ${b}`));

  it('never refuses phone numbers, opening times, dates or booking codes, alone or in a sentence', () => {
    fc.assert(
      fc.property(fc.array(harmless, { minLength: 1, maxLength: 4 }), words, (parts, glue) => {
        for (const part of parts) expect(containsCprNumber(part)).toBe(false);
        expect(containsCprNumber(parts.join(` ${glue.replace(/[^a-zæøå]/gi, '') || 'og'} `))).toBe(false);
      }),
      { seed: 16, numRuns: 2000 },
    );
  });

  it('finds the number written in pairs, as people read it aloud: "01 01 90 1234", "01.01.90-1234"', () => {
    for (const text of ['01 01 90 1234', 'cpr 01.01.90-1234', '31/12/99 1234', '01 - 01 - 90 - 1234']) expect(containsCprNumber(text)).toBe(true);
    for (const text of ['+45 12 34 56 78', 'tlf. 20 11 22 33', 'den 12 03 2027 kl. 10.30', '01 13 90 1234']) expect(containsCprNumber(text)).toBe(false);
  });

  it('is stable when called repeatedly (no state left in the global regex)', () => {
    for (let i = 0; i < 5; i++) {
      expect(containsCprNumber('010190-1234')).toBe(true);
      expect(containsCprNumber('hej')).toBe(false);
    }
  });
});
