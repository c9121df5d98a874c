import { SiteBatches } from './site-batches';

/** How requests are grouped: alone when the site is idle, together when they arrive during a batch, per site. */
describe('SiteBatches', () => {
  /** A run that records each batch and answers when the test lets it. */
  function recorder() {
    const batches: { site: string; members: number[]; finish: () => void }[] = [];
    const batcher = new SiteBatches<number, string>(
      (site, members) =>
        new Promise((resolve) => {
          batches.push({ site, members, finish: () => resolve(members.map((m) => (m < 0 ? { status: 'rejected', reason: new Error(`refused ${m}`) } : { status: 'fulfilled', value: `${site}:${m}` }))) });
        }),
      3,
    );
    return { batches, batcher };
  }
  const tick = () => new Promise((r) => setImmediate(r));

  it('runs a request at an idle site at once, alone; those arriving meanwhile go together in the next batch, at most `max` each', async () => {
    const { batches, batcher } = recorder();
    const answers = [1, 2, 3, 4, 5].map((m) => batcher.submit('a', m));
    await tick();
    expect(batches.map((b) => b.members)).toEqual([[1]]);
    batches[0].finish();
    await tick();
    expect(batches.map((b) => b.members)).toEqual([[1], [2, 3, 4]]);
    batches[1].finish();
    await tick();
    batches[2].finish();
    expect(await Promise.all(answers)).toEqual(['a:1', 'a:2', 'a:3', 'a:4', 'a:5']);
    expect(batches.map((b) => b.members)).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('keeps sites apart: another site’s request does not wait for this site’s batch', async () => {
    const { batches, batcher } = recorder();
    void batcher.submit('a', 1);
    const b = batcher.submit('b', 2);
    await tick();
    expect(batches.map((x) => [x.site, x.members])).toEqual([['a', [1]], ['b', [2]]]);
    batches[1].finish();
    expect(await b).toBe('b:2');
  });

  it('answers each member on its own: one refusal is that member’s; a run that throws refuses its whole batch and the site goes on', async () => {
    const { batches, batcher } = recorder();
    void batcher.submit('a', 1);
    const both = [batcher.submit('a', -2), batcher.submit('a', 3)];
    batches[0].finish();
    await tick();
    batches[1].finish();
    await expect(both[0]).rejects.toThrow('refused -2');
    await expect(both[1]).resolves.toBe('a:3');

    let calls = 0;
    const failing = new SiteBatches<number, number>(async (_s, members) => {
      if (calls++ === 0) throw new Error('connection lost');
      return members.map((value) => ({ status: 'fulfilled', value }));
    });
    await expect(failing.submit('a', 1)).rejects.toThrow('connection lost');
    await expect(failing.submit('a', 2)).resolves.toBe(2);
  });
});
