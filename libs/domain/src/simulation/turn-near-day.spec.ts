import { DEFAULT_TURN_NEAR_MINUTES, TURN_NEAR_MARGIN_MINUTES } from '../notify/turn-near';
import { daySeed } from './evaluate';
import { realisticScenario } from './realistic-scenario';
import { AskerOutcome, TurnNearDay, turnNearDay } from './turn-near-day';

jest.setTimeout(300_000);

const BUFFER = DEFAULT_TURN_NEAR_MINUTES;
const DAYS = Number(process.env.TURN_NEAR_DAYS ?? 12);
const MARGIN = Number(process.env.TURN_NEAR_MARGIN ?? TURN_NEAR_MARGIN_MINUTES);

/** The figures of one day (or all): who asked, who was told in time, late or not at all, and how often. */
function figures(askers: AskerOutcome[], notOffered: number) {
  const called = askers.filter((a) => a.calledAt !== null);
  const inTime = (a: AskerOutcome) => a.sentAt !== null && a.calledAt! - a.sentAt >= BUFFER;
  const lead = called.filter((a) => a.sentAt !== null).map((a) => a.calledAt! - a.sentAt!);
  return {
    notOffered,
    asked: askers.length,
    called: called.length,
    toldInTime: called.filter(inTime).length,
    toldLate: called.filter((a) => a.sentAt !== null && !inTime(a)).length,
    neverTold: called.filter((a) => a.sentAt === null).length,
    inTimePercent: called.length ? (100 * called.filter(inTime).length) / called.length : 100,
    medianLead: lead.sort((a, b) => a - b)[Math.floor(lead.length / 2)] ?? null,
    maxMessages: Math.max(0, ...askers.map((a) => a.messages)),
    latchHeld: askers.reduce((n, a) => n + a.recrossings, 0),
    gaveUp: askers.filter((a) => a.calledAt === null).length,
  };
}

/**
 * Issue 20's proof of "turn near" on the realistic day: half the walk-ins open their ticket page within two minutes
 * of drawing the ticket and ask, where the page offers it (the turn not near yet: the low end at or above the buffer
 * plus margin, as the endpoint's `turn_already_near` decides); the app evaluates when they ask, on every change and
 * at a sweep every minute (30 s in the app). Of ALL askers whose call came, ≥ 90 % told at least the travel buffer
 * before the real call; nobody told twice.
 */
describe('turn near on the day simulator', () => {
  const scenario = realisticScenario();
  let days: TurnNearDay[];
  beforeAll(() => {
    days = Array.from({ length: DAYS }, (_, d) => turnNearDay(daySeed(20, d), scenario, { askShare: 0.5, bufferMinutes: BUFFER, marginMinutes: MARGIN, sweepMinutes: 1, askWithinMinutes: 2 }));
  });

  it('tells ≥ 90 % of all askers at least the buffer before the call, and nobody twice', () => {
    const rows = days.map((d) => ({ seed: d.seed, ...figures(d.askers, d.notOffered) }));
    const all = { seed: 'all', ...figures(days.flatMap((d) => d.askers), days.reduce((n, d) => n + d.notOffered, 0)) };
    const fmt = (v: number | string | null) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v));
    const head = Object.keys(all);
    const table = [head, ...[...rows, all].map((r) => head.map((k) => fmt(r[k as keyof typeof r])))];
    const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
    console.log(
      `"Turn near" on the realistic day (buffer ${BUFFER} min, margin ${MARGIN} min, half the walk-ins open the page, sweep 60 s)\n` +
        table.map((r) => r.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n') +
        '\nnotOffered: the turn was near already when they opened the page (told to stay, not offered); asked: offered and asked;\n' +
        'inTimePercent: told ≥ buffer before the real call / all called askers; medianLead: minutes from message to call;\n' +
        'latchHeld: recounts that fell below the threshold again after the message (no second message); gaveUp: left uncalled.',
    );
    expect(all.called).toBeGreaterThan(40);
    expect(all.inTimePercent).toBeGreaterThanOrEqual(90);
    expect(all.maxMessages).toBeLessThanOrEqual(1);
  });
});
