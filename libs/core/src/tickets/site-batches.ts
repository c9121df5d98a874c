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
  private readonly lines = new Map<string, Waiting<M, R>[]>();

  constructor(
    private readonly run: (siteId: string, members: M[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly max = 32,
  ) {}

  submit(siteId: string, member: M): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const line = this.lines.get(siteId);
      if (line) {
        line.push({ member, resolve, reject });
        return;
      }
      const fresh: Waiting<M, R>[] = [{ member, resolve, reject }];
      this.lines.set(siteId, fresh);
      void this.drain(siteId, fresh);
    });
  }

  /** Runs the site's waiting members batch after batch until none are left; a site's line exists while it runs. */
  private async drain(siteId: string, line: Waiting<M, R>[]): Promise<void> {
    while (line.length) {
      const batch = line.splice(0, this.max);
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
    this.lines.delete(siteId);
  }
}

type Waiting<M, R> = { member: M; resolve: (r: R) => void; reject: (e: unknown) => void };
