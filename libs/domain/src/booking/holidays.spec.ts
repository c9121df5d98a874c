import { danishHoliday, easterSunday } from './holidays';

describe('Danish closed days', () => {
  it('finds Easter by the Gregorian rule (known dates)', () => {
    expect(easterSunday(2024).toString()).toBe('2024-03-31');
    expect(easterSunday(2026).toString()).toBe('2026-04-05');
    expect(easterSunday(2027).toString()).toBe('2027-03-28');
    expect(easterSunday(2038).toString()).toBe('2038-04-25');
  });

  it('names the moving holidays of 2027 and knows Store Bededag is gone from 2024', () => {
    expect(danishHoliday('2027-03-25')).toBe('skaertorsdag');
    expect(danishHoliday('2027-03-26')).toBe('langfredag');
    expect(danishHoliday('2027-03-29')).toBe('anden-paaskedag');
    expect(danishHoliday('2027-05-06')).toBe('kristi-himmelfart');
    expect(danishHoliday('2027-05-17')).toBe('anden-pinsedag');
    expect(danishHoliday('2023-05-05')).toBe('store-bededag');
    expect(danishHoliday('2027-04-23')).toBeUndefined();
    expect(danishHoliday('2026-12-24')).toBe('juleaftensdag');
    expect(danishHoliday('2026-12-23')).toBeUndefined();
  });
});
