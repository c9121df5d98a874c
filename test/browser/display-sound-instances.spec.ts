import { Browser } from 'playwright-core';
import { expectStatus } from '../support/http';
import { launchBrowser } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { REFUSE_SOUND_UNTIL_GESTURE, openCounterPage, openDisplay, waitForLatest } from './counter-pages';

describe('display sound and several hub instances', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let blocked: Browser;
  let allowed: Browser;

  beforeAll(async () => {
    sys = await startSystem({ counterDisplayInstances: 2 });
    f = await seedSite(sys, { counters: 3 });
    for (const c of f.counters) await openCounter(sys, f, c.id);
    blocked = await launchBrowser(['--autoplay-policy=user-gesture-required']);
    allowed = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
  });
  afterAll(async () => {
    await blocked?.close();
    await allowed?.close();
    await sys?.stop();
  });

  it('a call through instance A reaches a display connected to instance B', async () => {
    const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
    const displayOnB = await openDisplay(allowed, sys, f, { instance: 1 });
    const counterOnA = await openCounterPage(allowed, sys, f, f.counters[0].id);
    await counterOnA.click('[data-k=call-1]');
    await waitForLatest(displayOnB, ticket.number, 1000);
    await displayOnB.close();
    await counterOnA.close();
  });

  it('with sound blocked the display offers to enable sound and flashes the call', async () => {
    const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
    const display = await openDisplay(blocked, sys, f, { initScript: REFUSE_SOUND_UNTIL_GESTURE });
    const found = await display.evaluate(() => `${window.__skrankeSpeech.soundBlocked}: ${window.__skrankeSpeech.soundCheck}`);
    expect(found).toMatch(/^true: /);
    await display.waitForSelector('.enable-sound:not([hidden])', { timeout: 2000 });
    expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[1].id}/call-next`), 200);
    await display.waitForSelector('.spotlight.flash', { timeout: 1000 });
    expect(await display.locator('#latest-number').textContent()).toBe(ticket.number);
    expect(await display.evaluate(() => window.__skrankeSpeech.spoken)).toEqual([]);
    // Whoever sets the screen up taps the prompt once; from then on calls are spoken.
    await display.click('.enable-sound');
    await display.waitForSelector('.enable-sound[hidden]', { state: 'attached', timeout: 2000 });
    expect(await display.evaluate(() => window.__skrankeSpeech.soundBlocked)).toBe(false);
    await display.close();
  });

  it('with sound allowed, announcements are queued in call order and never overlap', async () => {
    const display = await openDisplay(allowed, sys, f);
    expect(await display.evaluate(() => window.__skrankeSpeech.soundBlocked)).toBe(false);
    await display.waitForSelector('.enable-sound[hidden]', { state: 'attached', timeout: 2000 });
    await issueTickets(sys, f, f.services[1].id, 3);
    const api = sys.counterDisplay[0].as(f.tokens.counter);
    const expected: string[] = [];
    for (const c of f.counters) {
      const current = (await api.get(`/counters/${c.id}/current`)).body.seats[0].ticket;
      if (current) expectStatus(await api.post(`/tickets/${current.id}/finish`, { outcome: 'resolved' }), 200);
      const res = await api.post(`/counters/${c.id}/call-next`);
      expectStatus(res, 200);
      expected.push(`Nummer ${res.body.ticket.number.replace(/^([A-Z]+)0*/, '$1 ')}, ${c.name}`);
    }
    // While the first is spoken, the others wait their turn in the queue.
    await display.waitForFunction(() => window.__skrankeSpeech.queue.length > 0, null, { timeout: 2000 });
    await display.waitForFunction((n) => window.__skrankeSpeech.spoken.length >= n, expected.length, { timeout: 30000 });
    expect((await display.evaluate(() => window.__skrankeSpeech.spoken)).slice(-3)).toEqual(expected);
    expect(await display.evaluate(() => window.__skrankeSpeech.queue)).toEqual([]);
    await display.close();
  });
});
