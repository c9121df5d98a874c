/**
 * The public booking endpoints allow PUBLIC_RATE_LIMIT_PER_MINUTE requests per
 * client (here 5), counted together across the booking endpoints; over it the
 * answer is 429 rate_limited with Retry-After. Another client, and staff on
 * their own (higher) limit, are not held back.
 */
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(150_000);

/** Runs `round` within one window of the limit (the calendar minute); should the minute turn during it, once more in the next. */
async function inOneWindow<T>(round: () => Promise<T>): Promise<T> {
  const minute = Math.floor(Date.now() / 60_000);
  const result = await round();
  if (Math.floor(Date.now() / 60_000) === minute) return result;
  await new Promise((r) => setTimeout(r, 61_000 - (Date.now() % 60_000)));
  return round();
}

describe('the public booking rate limit', () => {
  let sys: TestSystem;
  let f: BookableSite;
  const clock = new SettableClock(new Date('2027-03-22T06:00:00Z'));
  beforeAll(async () => {
    sys = await startSystem({ clock, env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '127.0.0.1' } });
    f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
  });
  afterAll(() => sys.stop());

  it('refuses the sixth request of a client in a minute with 429 and Retry-After; others go on', async () => {
    let address = 0;
    const result = await inOneWindow(async () => {
      const from = `198.51.100.${++address}`;
      const h = { 'x-forwarded-for': from };
      const api = sys.ticketing;
      const mine: Reply[] = [
        await api.request('GET', `/public/sites/${f.slug}/booking`, undefined, h),
        await api.request('GET', `/public/sites/${f.slug}/appointment-services`, undefined, h),
        await api.request('GET', `/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-03-23&to=2027-03-23`, undefined, h),
        await api.request('POST', `/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-23T09:00:00+01:00' }, h),
        await api.request('GET', '/public/appointments/unknown-token-of-twenty-chars', undefined, h),
      ];
      const sixth = await api.request('POST', `/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-23T09:15:00+01:00' }, h);
      const seventh = await api.request('GET', `/public/sites/${f.slug}/booking`, undefined, h);
      const other = await api.request('GET', `/public/sites/${f.slug}/booking`, undefined, { 'x-forwarded-for': `203.0.113.${address}` });
      const staff = [];
      for (let i = 0; i < 7; i++) staff.push(await api.as(f.tokens.floor).request('GET', `/sites/${f.siteId}/appointments?date=2027-03-23`, undefined, h));
      return { mine, sixth, seventh, other, staff };
    });
    expect(result.mine.map((r) => r.status)).toEqual([200, 200, 200, 201, 404]);
    for (const refused of [result.sixth, result.seventh]) {
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.error.details).toEqual({ retryAfterSeconds: retryAfter });
    }
    expectStatus(result.other, 200);
    expect(result.staff.map((r) => r.status)).toEqual(Array(7).fill(200));
  });
});
