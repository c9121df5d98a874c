/**
 * When counters are away during a replay of the virtual schedule: a break
 * still owed within its window (the rota says "30 minutes between 11:30 and
 * 14:00", the counter has not taken it yet), and unannounced spells away at
 * the rate the site has measured. A counter that is away calls no one; its
 * citizens in service finish as usual.
 */
import { Random, exponential } from './seeded-random';

/** A break to be taken, in minutes from now: starts somewhere in [from, until]. */
export interface OwedBreak {
  from: number;
  until: number;
  minutes: number;
}

export class CounterAbsences {
  private readonly spellStart: Float64Array;
  private readonly spellEnd: Float64Array;
  private readonly breakStart: Float64Array;
  private readonly breakEnd: Float64Array;
  private rng: Random | null = null;

  constructor(
    private readonly counters: readonly { availableAt: number; owedBreak: OwedBreak | null }[],
    private readonly spellEvery: number,
    private readonly spellMinutes: number,
  ) {
    const n = counters.length;
    [this.spellStart, this.spellEnd, this.breakStart, this.breakEnd] = [0, 1, 2, 3].map(() => new Float64Array(n));
  }

  /** Draws a replay's absences; `rng` null: the break mid-window and no unannounced spells (the expected run). */
  reset(rng: Random | null): void {
    this.rng = rng;
    const spells = rng !== null && this.spellEvery < Infinity;
    this.counters.forEach((c, i) => {
      this.spellStart[i] = spells ? c.availableAt + exponential(rng, this.spellEvery) : Infinity;
      this.spellEnd[i] = spells ? this.spellStart[i] + exponential(rng, this.spellMinutes) : Infinity;
      const b = c.owedBreak;
      const from = b ? Math.max(b.from, 0) : Infinity;
      this.breakStart[i] = b ? from + (rng ? rng.next() : 0.5) * Math.max(b.until - from, 0) : Infinity;
      this.breakEnd[i] = b ? this.breakStart[i] + b.minutes : Infinity;
    });
  }

  /** `t` when counter `c` can call at `t`; otherwise when it is back (ask again then). */
  backAt(c: number, t: number): number {
    if (t >= this.breakStart[c] && t < this.breakEnd[c]) return this.breakEnd[c];
    const rng = this.rng;
    if (rng === null || this.spellEvery === Infinity) return t;
    while (this.spellEnd[c] <= t) {
      this.spellStart[c] = this.spellEnd[c] + exponential(rng, this.spellEvery);
      this.spellEnd[c] = this.spellStart[c] + exponential(rng, this.spellMinutes);
    }
    return t >= this.spellStart[c] ? this.spellEnd[c] : t;
  }
}
