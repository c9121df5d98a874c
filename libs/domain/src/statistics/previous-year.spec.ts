import { previousYearDate, previousYearPeriod, previousYearRange } from './previous-year';

describe('previous year', () => {
  it('by day and week: the same ISO week and weekday a year earlier', () => {
    // Monday 26 October 2026 is 2026-W44-1; 2025-W44-1 is Monday 27 October 2025.
    expect(previousYearDate('2026-10-26', 'day')).toBe('2025-10-27');
    expect(previousYearPeriod('2026-10-26', 'day')).toBe('2025-10-27');
    // Sunday 29 March 2026 (DST) is 2026-W13-7 → Sunday 30 March 2025.
    expect(previousYearDate('2026-03-29', 'week')).toBe('2025-03-30');
    expect(previousYearPeriod('2026-W44', 'week')).toBe('2025-W44');
    // 1 January 2027 is in 2026-W53; 2025 has 52 ISO weeks: no earlier match.
    expect(previousYearDate('2027-01-01', 'day')).toBe(null);
    expect(previousYearPeriod('2026-W53', 'week')).toBe(null);
    // 2021-W01-1 (4 January 2021) against 2020, which has 53 weeks: 2020-W01-1 = 30 December 2019.
    expect(previousYearDate('2021-01-04', 'day')).toBe('2019-12-30');
  });

  it('by month: the same dates one year earlier', () => {
    expect(previousYearDate('2026-03-01', 'month')).toBe('2025-03-01');
    expect(previousYearDate('2028-02-29', 'month')).toBe('2027-02-28');
    expect(previousYearPeriod('2026-10', 'month')).toBe('2025-10');
    expect(previousYearRange('2026-10-01', '2026-10-31', 'month')).toEqual({ from: '2025-10-01', to: '2025-10-31' });
  });

  it('a range ending in week 53 still ends a year earlier', () => {
    expect(previousYearRange('2026-12-21', '2027-01-03', 'week')).toEqual({ from: '2025-12-22', to: '2025-12-28' });
  });
});
