import fc from 'fast-check';
import { containsCprNumber } from './cpr';

const two = (n: number) => String(n).padStart(2, '0');

describe('CPR numbers in free text', () => {
  it.each([
    '010190-1234',
    '0101901234',
    '010190 1234',
    'Borger 311299-9999 vil have pas',
    'cpr:2802851234.',
    'ring 12345678, cpr 150677-4321',
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
    '010190--1234',
    'sag 2026-03-29',
  ])('lets %p through', (text) => {
    expect(containsCprNumber(text)).toBe(false);
  });

  const datePart = fc.record({ d: fc.integer({ min: 1, max: 31 }), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 0, max: 99 }) });
  const serial = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
  const separator = fc.constantFrom('', '-', ' ');
  const words = fc.stringMatching(/^[a-zA-ZæøåÆØÅ .,:]{0,20}$/);

  it('finds any ddmmyy-xxxx, with or without the dash, wherever it stands in a note', () => {
    fc.assert(
      fc.property(datePart, serial, separator, words, words, ({ d, m, y }, s, sep, before, after) => {
        const cpr = `${two(d)}${two(m)}${two(y)}${sep}${s}`;
        expect(containsCprNumber(`${before}${cpr}${after}`)).toBe(true);
        // …also when the text around it is not separated by spaces.
        expect(containsCprNumber(`x${cpr}y`)).toBe(true);
      }),
    );
  });

  it('never refuses text without ten digits in a row (dash or space allowed after six)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        fc.pre(!/\d{6}[-\s]?\d{4}/.test(text));
        expect(containsCprNumber(text)).toBe(false);
      }),
    );
  });

  it('is stable when called repeatedly (no state left in the global regex)', () => {
    for (let i = 0; i < 5; i++) {
      expect(containsCprNumber('010190-1234')).toBe(true);
      expect(containsCprNumber('hej')).toBe(false);
    }
  });
});
