import { staffingAlerts } from './alert-rules';

const now = new Date('2027-03-01T09:00:00Z');
const needsTwo = { serviceId: '8c6f6a57-61b5-4e43-9d5e-1f3a5a0e9b11', delta: 2, targetMinutes: 15, serviceLevelPercent: 80 };

describe('staffing alerts', () => {
  it('never fire on an empty queue, however many counters the forecast asks for', () => {
    expect(staffingAlerts([{ ...needsTwo, waiting: 0 }], now)).toEqual([]);
  });

  it('fire when citizens wait and the forecast needs more counters, with the advice as parameters', () => {
    expect(staffingAlerts([{ ...needsTwo, waiting: 3 }], now)).toEqual([
      expect.objectContaining({ id: `staffing:${needsTwo.serviceId}`, kind: 'staffing', advice: { code: 'staffing', serviceId: needsTwo.serviceId, extra: 2, level: 80, target: 15 } }),
    ]);
  });

  it('stay quiet when the open counters are enough, or more than enough', () => {
    expect(staffingAlerts([{ ...needsTwo, delta: 0, waiting: 9 }, { ...needsTwo, delta: -1, waiting: 9 }], now)).toEqual([]);
  });
});
