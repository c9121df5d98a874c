import { DEFAULT_ORDERING } from '../queue/ordering';
import { expectedResidual, lognormalSummary } from './duration-stats';
import { POINT_BANDS_SECONDS, pointBand } from './calibration-bands';
import { RangeScale } from './range-calibration';
import { estimateRoom, firstSeatFreeMinutes, nextInLine } from './room-estimates';
import { estimateWaits } from './schedule-estimator';
import { isAboutNow } from './shown-estimate';
import { CounterSnapshot, WaitSnapshot, WaitingTicket } from './wait-snapshot';

const NOW = new Date('2025-03-03T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60000);
const DURATIONS = lognormalSummary(10, 0.5);

const ticket = (id: string, serviceId: string, waited: number): WaitingTicket => ({
  id, serviceId, orderedAt: at(-waited), issuedAt: at(-waited), priority: 0, appointmentAt: null,
});
const counter = (serviceIds: string[], extra: Partial<CounterSnapshot> = {}): CounterSnapshot => ({
  id: `c${Math.random()}`, state: 'open', serviceIds, seats: 1, busy: [], ...extra,
});
const snapshot = (waiting: WaitingTicket[], counters: CounterSnapshot[]): WaitSnapshot => ({
  now: NOW,
  waiting,
  counters,
  services: new Map(['a', 'b'].map((s) => [s, { durations: DURATIONS }])),
  targetWaitMinutes: new Map([['a', 15], ['b', 15]]),
  ordering: DEFAULT_ORDERING,
});

describe('the room estimates every page shows', () => {
  it('no estimate for a service no open counter serves (closed or paused), for its waiting tickets and a new one', () => {
    const snap = snapshot([ticket('a1', 'a', 5), ticket('b1', 'b', 5)], [counter(['a']), counter(['b'], { state: 'paused' }), counter(['b'], { state: 'closed' })]);
    const room = estimateRoom(snap);
    expect(room.newTicket.get('b')).toBeNull();
    expect(room.perTicket.get('b1')).toBeNull();
    expect(room.newTicket.get('a')).toEqual({ minutes: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
    expect(room.perTicket.get('a1')).not.toBeNull();
    // Never shown, but the kiosk's closing warning judges b as if one counter opened now: one ahead, 10 min each.
    expect(room.ifOneOpens.get('b')).toEqual({ minutes: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
    expect(room.ifOneOpens.get('b')!.minutes).toBeGreaterThanOrEqual(5);
    expect(room.ifOneOpens.has('a')).toBe(false);
  });

  it("caps the low end for the next in line at the current citizen's expected remaining time", () => {
    // The counter prefers b: a's only ticket is next in its line, but the schedule calls b's four first.
    const busy = [{ serviceId: 'b', startedAt: at(-4) }];
    const waiting = [1, 2, 3, 4].map((i) => ticket(`b${i}`, 'b', 10 - i)).concat(ticket('a1', 'a', 2));
    const snap = snapshot(waiting, [counter(['b', 'a'], { busy })]);
    const left = expectedResidual(DURATIONS, 4);
    expect(firstSeatFreeMinutes(snap, 'a')).toBeCloseTo(left, 6);
    expect(nextInLine(snap, 'a')?.id).toBe('a1');
    const raw = estimateWaits(snap).get('a1')!;
    expect(raw.low).toBeGreaterThan(left); // the case the cap is for
    const shown = estimateRoom(snap).perTicket.get('a1')!;
    // To the second: pages round at display.
    const toSecond = (m: number) => Math.round(m * 60) / 60;
    expect(shown.low).toBe(toSecond(left));
    expect(shown.minutes).toBe(toSecond(raw.minutes));
    expect(shown.high).toBe(toSecond(raw.high));
    // Only the next in line: b's later tickets keep their own range.
    expect(estimateRoom(snap).perTicket.get('b4')!.low).toBe(toSecond(estimateWaits(snap).get('b4')!.low));
  });

  it('a free seat at a counter serving the service caps at 0; a new ticket of an empty line is capped too', () => {
    const snap = snapshot([ticket('b1', 'b', 3)], [counter(['b', 'a'], { seats: 2, busy: [{ serviceId: 'b', startedAt: at(-1) }] })]);
    expect(firstSeatFreeMinutes(snap, 'a')).toBe(0);
    expect(estimateRoom(snap).newTicket.get('a')!.low).toBe(0);
  });

  it('a certain immediate call is "about now": the range ends at a minute, not at second 0', () => {
    const snap = snapshot([], [counter(['a'])]);
    expect(estimateRoom(snap).newTicket.get('a')).toEqual({ minutes: 0, low: 0, high: 1 });
    expect(isAboutNow(estimateRoom(snap).newTicket.get('a')!)).toBe(true);
  });

  it("scales each service's range by its calibration for the band of its point, around the point", () => {
    const waiting = [1, 2, 3, 4].map((i) => ticket(`a${i}`, 'a', 10 - i));
    const snap = snapshot(waiting, [counter(['a'], { busy: [{ serviceId: 'a', startedAt: at(-2) }] })]);
    const plain = estimateRoom(snap).perTicket.get('a4')!;
    const service = (low: number, high: number, bands: [number, RangeScale][] = []) => ({ scale: { low, high }, bands: new Map(bands) });
    const wider = estimateRoom(snap, new Map([['a', service(1, 2)]])).perTicket.get('a4')!;
    expect(wider.minutes).toBe(plain.minutes);
    expect(wider.low).toBeCloseTo(plain.low, 1);
    expect(wider.high - wider.minutes).toBeCloseTo(2 * (plain.high - plain.minutes), 1);
    const b = estimateRoom(snap, new Map([['b', service(3, 3)]])).perTicket.get('a4')!;
    expect(b).toEqual(plain);
    // The band of a4's point has factors of its own: they apply, not the service's; another band's do not.
    const band = pointBand(plain.minutes);
    const other = POINT_BANDS_SECONDS.find((from) => from !== band)!;
    const own = estimateRoom(snap, new Map([['a', service(1, 2, [[band, { low: 1, high: 3 }], [other, { low: 1, high: 0.5 }]])]])).perTicket.get('a4')!;
    expect(own.minutes).toBe(plain.minutes);
    expect(own.high - own.minutes).toBeCloseTo(3 * (plain.high - plain.minutes), 1);
  });
});
