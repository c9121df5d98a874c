/**
 * The public wait-times endpoint answers repeats within 5 s from memory, through Nest like
 * any route: the same body (computed once), the documented cache and CORS headers, the
 * security headers, the per-IP limit and errors, and a change in the queue seen within 5 s.
 */
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus, sendRaw } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

describe('public wait times, cached for 5 s', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys);
  });
  afterAll(() => sys.stop());

  it('answers a repeat with the same body and headers as the first, and shows a new ticket within 5 s', async () => {
    const path = `/public/sites/${f.slug}/wait-times`;
    // As a municipality's web page asks it, from its own origin.
    const fromPage = () => sys.ticketing.request('GET', path, undefined, { origin: 'https://www.example-kommune.dk' });
    const first = await fromPage();
    expectStatus(first, 200);
    const again = await fromPage();
    expectStatus(again, 200);
    // The same answer, computed once: its time says when.
    expect(again.body).toEqual(first.body);
    for (const reply of [first, again]) {
      expect(reply.headers.get('cache-control')).toBe('public, max-age=5');
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.headers.get('x-request-id')).toBeTruthy();
      expect(reply.headers.get('access-control-allow-origin')).toBe('*'); // embeddable anywhere, without credentials
      expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    }
    const waitingBefore = first.body.services[0].waiting;
    expectStatus(await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);
    const end = Date.now() + 7_000;
    let waiting = waitingBefore;
    while (waiting === waitingBefore && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 500));
      waiting = (await sys.ticketing.get(path)).body.services[0].waiting;
    }
    expect(waiting).toBe(waitingBefore + 1);
  });

  it('keeps the per-IP limit for cached answers: on a warm cache, 30 requests at once give 19 answers and 11 × 429 rate_limited', async () => {
    const limited = await startSystem({ env: { RATE_LIMIT_PER_MINUTE: '20' } });
    try {
      const site = await seedSite(limited);
      const path = `/public/sites/${site.slug}/wait-times`;
      // The limit counts per minute: should the minute turn during a round, the counts start over, so try again.
      for (let round = 0; ; round++) {
        const minute = Math.floor(Date.now() / 60_000);
        expectStatus(await limited.ticketing.get(path), 200); // warms the cache: request 1 of 20
        const replies = await Promise.all(Array.from({ length: 30 }, () => limited.ticketing.get(path)));
        if (Math.floor(Date.now() / 60_000) !== minute && round === 0) {
          await new Promise((r) => setTimeout(r, 61_000 - (Date.now() % 60_000)));
          continue;
        }
        expect(replies.filter((r) => r.status === 200)).toHaveLength(19);
        expect(replies.filter((r) => r.status === 200).every((r) => r.body.site.slug === site.slug)).toBe(true);
        expect(replies.filter((r) => r.status === 429).map((r) => r.body.error.code)).toEqual(Array(11).fill('rate_limited'));
        break;
      }
    } finally {
      await limited.stop();
    }
  }, 150_000);

  it('leaves unknown and malformed slugs, requests with a body and other methods to the app: 404s and 400s with codes, never a cached answer', async () => {
    expectStatus(await sys.ticketing.get(`/public/sites/${f.slug}/wait-times`), 200); // f's answer is cached
    for (const slug of ['no-such-site', `${f.slug}x`, f.slug.toUpperCase(), `${f.slug}%2F..`]) {
      const reply = await sys.ticketing.get(`/public/sites/${slug}/wait-times`);
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('site_not_found');
    }
    // A GET with a body is the app's to judge, cached answer or not: broken JSON is the parser's 400.
    const withBody = await sendRaw(sys.ticketing.baseUrl, 'GET', `/api/v1/public/sites/${f.slug}/wait-times`, {
      headers: { 'content-type': 'application/json', 'content-length': 2 },
      body: '{"',
    });
    expect(withBody.status).toBe(400);
    expect(withBody.body.error.code).toBeTruthy();
    const posted = await sys.ticketing.post(`/public/sites/${f.slug}/wait-times`, {});
    expect(posted.status).toBe(404);
    expect(posted.body.site).toBeUndefined();
  });
});
