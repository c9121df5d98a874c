import fc from 'fast-check';
import { formatTicketNumber, spokenTicketNumber } from './numbering';

describe('ticket numbers', () => {
  it.each([
    ['P', 1, 'P001'],
    ['P', 12, 'P012'],
    ['P', 999, 'P999'],
    ['P', 1000, 'P1000'],
    ['P', 1001, 'P1001'],
    ['P', 9999, 'P9999'],
    ['P', 10000, 'P10000'],
    ['KØ', 7, 'KØ007'],
    ['', 5, '005'],
  ])('%s + %i prints as %s', (prefix, n, printed) => {
    expect(formatTicketNumber(prefix, n)).toBe(printed);
  });

  it.each([0, -1, 1.5, NaN, Infinity])('refuses the sequence %p', (n) => {
    expect(() => formatTicketNumber('P', n)).toThrow(RangeError);
  });

  it.each([
    ['P001', 'P 1'],
    ['P012', 'P 12'],
    ['P999', 'P 999'],
    ['P1000', 'P 1000'],
    ['ABC100', 'ABC 100'],
    ['007', '7'],
  ])('%s is spoken as %s', (number, spoken) => {
    expect(spokenTicketNumber(number)).toBe(spoken);
  });

  const prefix = fc.stringMatching(/^[A-Z]{1,3}$/);

  it('prints at least three digits, four or more past 999, and speaks back the sequence', () => {
    fc.assert(
      fc.property(prefix, fc.integer({ min: 1, max: 1_000_000 }), (p, n) => {
        const printed = formatTicketNumber(p, n);
        expect(printed.startsWith(p)).toBe(true);
        const digits = printed.slice(p.length);
        expect(digits).toMatch(/^\d+$/);
        expect(digits.length).toBe(Math.max(3, String(n).length));
        expect(Number(digits)).toBe(n);
        expect(spokenTicketNumber(printed)).toBe(`${p} ${n}`);
      }),
    );
  });

  it('gives distinct numbers for distinct sequences of one service', () => {
    fc.assert(
      fc.property(prefix, fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (p, a, b) => {
        fc.pre(a !== b);
        expect(formatTicketNumber(p, a)).not.toBe(formatTicketNumber(p, b));
      }),
    );
  });
});
