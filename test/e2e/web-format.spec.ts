import { formatClock, formatNumber, waitText } from '../../libs/web/src/format';
import { translator } from '../../libs/web/src/i18n';

/** Issue 18: Danish number formats (decimal comma) and times on every page, one wait format. */
describe('page formats', () => {
  it('numbers: decimal comma and thousands dot in Danish and German, the English way in English', () => {
    expect(formatNumber('da', 1234.5, 1)).toBe('1.234,5');
    expect(formatNumber('de', 1234.5, 1)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5, 1)).toBe('1,234.5');
    expect(formatNumber('da', 3.14159, 2)).toBe('3,14');
    expect(formatNumber('da', 7.6)).toBe('8');
    expect(formatNumber('da', 12, 1)).toBe('12,0');
  });

  it('clock times at the site: 14.05 in Danish, 14:05 in English and German, in Copenhagen time', () => {
    const summer = new Date('2026-07-01T12:05:00Z'); // 14:05 CEST
    const winter = '2026-12-03T13:05:00Z'; // 14:05 CET
    expect(formatClock('da', summer)).toBe('14.05');
    expect(formatClock('en', summer)).toBe('14:05');
    expect(formatClock('de', summer)).toBe('14:05');
    expect(formatClock('da', winter)).toBe('14.05');
    expect(formatClock('da', summer, 'UTC')).toBe('12.05');
  });

  it('a wait is "ca. N min" first, the range only where it says more, a dash without estimate', () => {
    const t = translator({}, {}, 'da');
    expect(waitText(t, { minutes: 12, low: 8, high: 15 })).toEqual({ text: 'ca. 12 min', range: '8–15 min' });
    expect(waitText(t, { minutes: 4, low: 4, high: 5 })).toEqual({ text: 'ca. 4 min', range: null });
    // Issue 23: a certain immediate call is "about now", in each language; estimates come to the second.
    expect(waitText(t, { minutes: 0, low: 0, high: 1 })).toEqual({ text: 'om lidt', range: null });
    expect(waitText(t, { minutes: 0, low: 0, high: 0 })).toEqual({ text: 'om lidt', range: null });
    expect(waitText(translator({}, {}, 'en'), { minutes: 0.25, low: 0, high: 0.9 }).text).toBe('about now');
    expect(waitText(translator({}, {}, 'de'), { minutes: 0, low: 0, high: 1 }).text).toBe('gleich');
    expect(waitText(t, { minutes: 1.4, low: 0.35, high: 2.6 })).toEqual({ text: 'ca. 1 min', range: '0–3 min' });
    expect(waitText(t, { minutes: 11.6, low: 7.9, high: 15.2 })).toEqual({ text: 'ca. 12 min', range: '7–16 min' });
    expect(waitText(t, null)).toEqual({ text: '–', range: null });
    expect(waitText(translator({}, {}, 'en'), { minutes: 12, low: 8, high: 15 })).toEqual({ text: 'about 12 min', range: '8–15 min' });
    expect(waitText(translator({}, {}, 'de'), { minutes: 12, low: 8, high: 15 })).toEqual({ text: 'ca. 12 Min.', range: '8–15 Min.' });
  });
});
