/**
 * Group commit, per site. A request that finds fewer than `inFlight` batches
 * of its site running runs at once, on its own; requests that arrive while
 * that many are running wait and go together in the next one (at most `max`),
 * so at twenty kiosks a site's tickets share transactions and commit round
 * trips instead of queueing one by one for the same number and seq locks. Two
 * in flight let one batch be built while the other commits (measured: 2 gave
 * the most tickets per second, 1 and 3 fewer). Another instance's batches
 * wait on the locks as single requests do.
 *
 * `run` answers each member on its own: one member's refusal (a reached cap,
 * say) is that member's, not the batch's.
 */
export class SiteBatches<M, R> {
  private readonly lines = new Map<string, Line<M, R>>();

  constructor(
    private readonly run: (siteId: string, members: M[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly max = 32,
    private readonly inFlight = 2,
  ) {}

  submit(siteId: string, member: M): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let line = this.lines.get(siteId);
      if (!line) this.lines.set(siteId, (line = { waiting: [], running: 0 }));
      line.waiting.push({ member, resolve, reject });
      if (line.running < this.inFlight) void this.drain(siteId, line);
    });
  }

  /** Runs the site's waiting members batch after batch until none are left. */
  private async drain(siteId: string, line: Line<M, R>): Promise<void> {
    line.running++;
    while (line.waiting.length) {
      const batch = line.waiting.splice(0, this.max);
      let settled: PromiseSettledResult<R>[];
      try {
        settled = await this.run(siteId, batch.map((w) => w.member));
      } catch (e) {
        settled = batch.map(() => ({ status: 'rejected', reason: e }));
      }
      batch.forEach((w, i) => {
        const s = settled[i];
        if (s?.status === 'fulfilled') w.resolve(s.value);
        else w.reject(s ? s.reason : new Error('SiteBatches: run gave no answer for a member'));
      });
    }
    if (--line.running === 0) this.lines.delete(siteId);
  }
}

type Waiting<M, R> = { member: M; resolve: (r: R) => void; reject: (e: unknown) => void };
type Line<M, R> = { waiting: Waiting<M, R>[]; running: number };
