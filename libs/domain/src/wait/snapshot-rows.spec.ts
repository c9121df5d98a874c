import { DEFAULT_ORDERING } from '../queue/ordering';
import { lognormalSummary } from './duration-stats';
import { emptyLeaveCounts, emptyNoShowCounts } from './patience';
import { estimateNewTicket } from './schedule-estimator';
import { CounterRow, DEFAULT_PAUSE_MINUTES, RoomTicketRow, ServiceRow, SnapshotRows, counterTimes, snapshotFromRows } from './snapshot-rows';

const NOW = new Date('2025-03-03T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60000);
const minutesOf = (d: Date | null | undefined) => (d ? (d.getTime() - NOW.getTime()) / 60000 : null);

function counter(id: string, extra: Partial<CounterRow> = {}): CounterRow {
  return { id, state: 'open', serviceIds: ['passport'], seats: 1, pausedUntil: null, ...extra };
}

function service(extra: Partial<ServiceRow> = {}): ServiceRow {
  return {
    id: 'passport',
    targetWaitMinutes: 15,
    durations: lognormalSummary(8, 0.3),
    calls: emptyNoShowCounts(),
    leaves: emptyLeaveCounts(),
    usualPerHour: new Array(24).fill(0),
    lastHourWalkIns: null,
    ...extra,
  };
}

const waiting = (n: number): RoomTicketRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    serviceId: 'passport',
    orderedAt: at(-n + i),
    issuedAt: at(-n + i),
    priority: 0,
    appointmentAt: null,
    status: 'waiting' as const,
    counterId: null,
    calledAt: null,
  }));

function rows(counters: CounterRow[], tickets = waiting(10)): SnapshotRows {
  return { now: NOW, hourOfDay: 10, ordering: DEFAULT_ORDERING, arrivalsEndAt: null, services: [service()], counters, tickets, noShowMinutes: 1.5 };
}

describe('the snapshot from rows', () => {
  it('counts a paused counter back at its expected return, a closed one from its next planned shift', () => {
    expect(minutesOf(counterTimes(counter('a', { state: 'paused', pausedUntil: at(30) }), NOW).availableAt)).toBe(30);
    // Past its announced return: back any moment.
    expect(minutesOf(counterTimes(counter('a', { state: 'paused', pausedUntil: at(-5) }), NOW).availableAt)).toBe(0);
    // Without a length: the measured mean pause, or DEFAULT_PAUSE_MINUTES when none is measured.
    expect(minutesOf(counterTimes(counter('a', { state: 'paused' }), NOW).availableAt)).toBe(DEFAULT_PAUSE_MINUTES);
    expect(minutesOf(counterTimes(counter('a', { state: 'paused' }), NOW, { perCounterHour: 0.2, meanMinutes: 7 }).availableAt)).toBe(7);
    const plan = [{ opens: at(120), closes: at(240) }];
    expect(minutesOf(counterTimes(counter('a', { state: 'closed', shifts: plan }), NOW).availableAt)).toBe(120);
    expect(counterTimes(counter('a', { state: 'closed' }), NOW).availableAt).toBeNull();
  });

  it('reads a gap between planned shifts as a break and the last shift end as the close', () => {
    const shifts = [
      { opens: at(-60), closes: at(90) },
      { opens: at(120), closes: at(300) },
    ];
    const times = counterTimes(counter('a', { shifts }), NOW);
    expect(minutesOf(times.closesAt)).toBe(300);
    expect(times.breakDue && { from: minutesOf(times.breakDue.from), until: minutesOf(times.breakDue.until), minutes: times.breakDue.minutes }).toEqual({
      from: 90,
      until: 90,
      minutes: 30,
    });
    // A paused counter between shifts is back at the next one.
    expect(minutesOf(counterTimes(counter('a', { state: 'paused', shifts }), at(100)).availableAt)).toBe(120);
  });

  it('puts the tickets being served in their counters from the call', () => {
    const busy: RoomTicketRow = { ...waiting(1)[0], id: 'b', status: 'called', counterId: 'a', calledAt: at(-3) };
    const snap = snapshotFromRows(rows([counter('a'), counter('b')], [...waiting(2), busy]));
    expect(snap.waiting.map((t) => t.id)).toEqual(['t0', 't1']);
    expect(snap.counters[0].busy).toEqual([{ serviceId: 'passport', startedAt: at(-3) }]);
    expect(snap.counters[1].busy).toEqual([]);
  });

  it('turns a pause with a return time into about the lost capacity, not the loss of the counter', () => {
    // Two idle counters, ten waiting, 8 minutes each (5 % no-shows): the new ticket is called after five rounds, about 38 minutes.
    const open = estimateNewTicket(snapshotFromRows(rows([counter('a'), counter('b')])), 'passport').minutes;
    // One pauses for 10 minutes: 10 counter-minutes lost over two counters, about 5 minutes more.
    const tenMinutes = estimateNewTicket(snapshotFromRows(rows([counter('a'), counter('b', { state: 'paused', pausedUntil: at(10) })])), 'passport').minutes;
    // Closed (no plan): gone, the wait about doubles.
    const gone = estimateNewTicket(snapshotFromRows(rows([counter('a'), counter('b', { state: 'closed' })])), 'passport').minutes;
    console.log(`new ticket: both open ${open.toFixed(1)} min, one paused 10 min ${tenMinutes.toFixed(1)} min, one closed ${gone.toFixed(1)} min`);
    expect(open).toBeGreaterThan(32);
    expect(open).toBeLessThan(46);
    expect(tenMinutes - open).toBeGreaterThan(2.5);
    expect(tenMinutes - open).toBeLessThan(8);
    expect(gone - open).toBeGreaterThan(30);
  });

  it('expects waiting citizens to leave the likelier the longer they have waited', () => {
    const leaves = emptyLeaveCounts();
    // Measured: in the 30–45 minute stretch, 3 of every 100 waiting minutes end in a cancel; none earlier.
    leaves.waited = [1000, 1000, 1000, 1000, 0, 0, 0];
    leaves.left = [0, 0, 0, 30, 0, 0, 0];
    const snap = snapshotFromRows({ ...rows([counter('a')]), services: [service({ leaves })] });
    const hazard = snap.services.get('passport')!.leaveHazard!;
    expect(hazard[0]).toBe(0);
    expect(hazard[3]).toBeCloseTo(0.03, 3);
  });
});
