/**
 * Group commit, per site. A request that finds no batch of its site running
 * runs at once, on its own; requests that arrive while one is running wait and
 * go together in the next one (at most `max`), so at twenty kiosks a site's
 * tickets share transactions and commit round trips instead of queueing one by
 * one for the same number and seq locks. Another instance's batches wait on
 * the locks as single requests do.
 *
 * One batch in flight, not two: two gave more tickets per second, but the
 * later batch could take its numbers first, and then a ticket's number and its
 * place in the call order (its arrival) disagreed.
 *
 * `run` answers each member on its own: one member's refusal (a reached cap,
 * say) is that member's, not the batch's.
 */
export class SiteBatches<M, R> {
  private readonly lines = new Map<string, Line<M, R>>();

  constructor(
    private readonly run: (siteId: string, members: M[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly max = 32,
    private readonly inFlight = 1,
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
