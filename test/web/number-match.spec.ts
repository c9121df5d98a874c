import { matchesNumber } from '../../apps/triage/web/src/floor/number-match';

describe("the floor tablet's number search", () => {
  it('finds a number typed with or without its letter and leading zeros', () => {
    for (const typed of ['P12', 'p12', 'P012', 'P 12', ' 12 ', '12', '012']) expect([typed, matchesNumber(typed, 'P012')]).toEqual([typed, true]);
  });

  it('does not find another number, another letter, or nothing typed', () => {
    for (const typed of ['P1', 'P120', 'K12', '', 'P', 'hej', '1 2']) expect([typed, matchesNumber(typed, 'P012')]).toEqual([typed, false]);
  });
});
