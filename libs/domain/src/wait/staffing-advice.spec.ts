import { forecastArrivalsPerHour, hourlyHistory } from './arrival-forecast';
import { countersNeeded, staffingAdvice, staffingTable } from './staffing-advice';

const passports = { arrivalsPerHour: 24, meanServiceMinutes: 10, targetMinutes: 15, serviceLevelPercent: 80 };

describe('staffing', () => {
  it('needs 5 counters for 24 citizens an hour at 10 minutes each, 80 % within 15 minutes', () => {
    // 4 Erlangs: 4 counters never catch up; 5 reach 87.6 %.
    expect(countersNeeded(passports)).toBe(5);
    const { rows } = staffingTable(passports);
    expect(rows.map((r) => r.counters)).toEqual([4, 5, 6, 7]);
    expect(rows[0].serviceLevelPercent).toBe(0);
    expect(rows[1].serviceLevelPercent).toBeCloseTo(87.6, 1);
    expect(rows[1].pWait).toBeCloseTo(0.5541, 4);
    expect(rows[1].meanWaitMinutes).toBeCloseTo(5.541, 3);
  });

  it('needs fewer counters when citizens give up, and reports how many do', () => {
    const impatient = { ...passports, patienceMinutes: 20 };
    expect(countersNeeded(impatient)).toBeLessThanOrEqual(5);
    expect(staffingTable(impatient).rows[0].abandonPercent).toBeGreaterThan(0);
  });

  it('tells the supervisor what to do as a key with parameters, which each page words in its language', () => {
    expect(staffingAdvice({ ...passports, openCounters: 4 })).toEqual({
      countersNeeded: 5,
      delta: 1,
      advice: { key: 'staffing.open-more', params: { counters: 1, level: 80, target: 15 } },
    });
    expect(staffingAdvice({ ...passports, openCounters: 3 }).advice).toEqual({ key: 'staffing.open-more', params: { counters: 2, level: 80, target: 15 } });
    expect(staffingAdvice({ ...passports, openCounters: 5 }).advice).toEqual({ key: 'staffing.enough', params: { counters: 5, level: 80, target: 15 } });
    expect(staffingAdvice({ ...passports, openCounters: 7 })).toMatchObject({
      delta: -2,
      advice: { key: 'staffing.can-move', params: { counters: 2, level: 80, target: 15 } },
    });
  });

  it('needs no counter when nobody comes', () => {
    expect(staffingAdvice({ ...passports, arrivalsPerHour: 0, openCounters: 1 }).delta).toBe(-1);
  });
});

describe('arrival forecast', () => {
  const history = hourlyHistory([
    [...new Array(10).fill(0), 20, 30, 30, 20, 20, 30, 25, 0, ...new Array(6).fill(0)],
    [...new Array(10).fill(0), 24, 34, 30, 20, 20, 30, 25, 0, ...new Array(6).fill(0)],
  ]);

  it('averages past days per hour of day', () => {
    expect(history[10]).toBe(22);
    expect(history[11]).toBe(32);
  });

  it('blends the usual figure with the last hour', () => {
    expect(forecastArrivalsPerHour({ historyPerHour: history, hourOfDay: 11, lastHourCount: null })).toBe(32);
    expect(forecastArrivalsPerHour({ historyPerHour: history, hourOfDay: 11, lastHourCount: 42 })).toBeCloseTo(0.6 * 32 + 0.4 * 42, 9);
    expect(forecastArrivalsPerHour({ historyPerHour: [], hourOfDay: 11, lastHourCount: 12 })).toBe(12);
  });
});
