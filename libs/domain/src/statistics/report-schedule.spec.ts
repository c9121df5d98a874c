import { nextReportRun, reportedPeriod } from './report-schedule';

const TZ = 'Europe/Copenhagen';

describe('report schedule', () => {
  it('sends weekly on Monday at 07:00 local time on both sides of the change to summer time', () => {
    // Monday 23 March 2026 07:00 CET is 06:00Z; Monday 30 March 07:00 CEST is 05:00Z.
    const first = nextReportRun('weekly', TZ, new Date('2026-03-20T12:00:00Z'));
    expect(first.toISOString()).toBe('2026-03-23T06:00:00.000Z');
    const second = nextReportRun('weekly', TZ, first);
    expect(second.toISOString()).toBe('2026-03-30T05:00:00.000Z');
    expect(reportedPeriod('weekly', TZ, second)).toEqual({ from: '2026-03-23', to: '2026-03-29' });
  });

  it('sends daily at 07:00 local, today if still ahead, and reports yesterday', () => {
    expect(nextReportRun('daily', TZ, new Date('2026-10-25T04:00:00Z')).toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(nextReportRun('daily', TZ, new Date('2026-10-25T06:00:00Z')).toISOString()).toBe('2026-10-26T06:00:00.000Z');
    expect(reportedPeriod('daily', TZ, new Date('2026-10-26T06:00:00Z'))).toEqual({ from: '2026-10-25', to: '2026-10-25' });
  });

  it('sends monthly on the first and reports the whole previous month', () => {
    const run = nextReportRun('monthly', TZ, new Date('2026-02-10T12:00:00Z'));
    expect(run.toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(reportedPeriod('monthly', TZ, run)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
