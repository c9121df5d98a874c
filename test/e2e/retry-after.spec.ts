/**
 * Every 429 says when to come back: `Retry-After` in whole seconds (and the
 * same number as `error.details.retryAfterSeconds`, for pages on another
 * origin), set where every error is answered (libs/platform error.filter.ts).
 * Each route behind the per-client limit is driven over it; the table must
 * name every such route, so a new one cannot be missed.
 */
import 'reflect-metadata';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ticketingModule } from '../../apps/ticketing/src/ticketing.module';
import { RateLimitGuard } from '../../libs/platform/src/rate-limit.guard';
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

const LIMIT = 3;

interface Fixture {
  f: SiteFixture;
  kiosk: Api;
  trackingToken: string;
  ticketId: string;
}

/** A request from one client address (the trusted proxy's X-Forwarded-For). */
type Ask = (method: string, path: string, body?: unknown) => Promise<Reply>;

/** Every rate-limited route of the ticketing app, and a request to it (a kiosk's count per device, anyone else's per address). */
const ROUTES: Record<string, (ask: Ask, x: Fixture) => Promise<Reply>> = {
  'POST /sites/:siteId/tickets': (_ask, x) => x.kiosk.post(`/sites/${x.f.siteId}/tickets`, { serviceId: x.f.services[0].id }),
  'GET /tickets/track/:trackingToken': (ask, x) => ask('GET', `/tickets/track/${x.trackingToken}`),
  'GET /tickets/:ticketId/print': (_ask, x) => x.kiosk.get(`/tickets/${x.ticketId}/print`),
  'POST /tickets/track/:trackingToken/leave': (ask) => ask('POST', '/tickets/track/no-such-token/leave', {}),
  'POST /tickets/track/:trackingToken/survey': (ask) => ask('POST', '/tickets/track/no-such-token/survey', { answers: [] }),
  'GET /kiosk/sites/:slug': (ask, x) => ask('GET', `/kiosk/sites/${x.f.slug}`),
  'GET /public/sites/:slug/wait-times': (ask, x) => ask('GET', `/public/sites/${x.f.slug}/wait-times`),
  'GET /public/municipalities/:municipality/wait-times': (ask) => ask('GET', '/public/municipalities/odense-kommune/wait-times'),
  'POST /sites/:siteId/appointments/check-in': (_ask, x) =>
    x.kiosk.post(`/sites/${x.f.siteId}/appointments/check-in`, { bookingCode: 'NOPE1234' }),
  'POST /sites/:siteId/appointments/book': (_ask, x) => x.kiosk.post(`/sites/${x.f.siteId}/appointments/book`, { serviceId: x.f.services[0].id, startsAt: '2027-03-22T10:00:00+01:00' }),
  'POST /tickets/track/:trackingToken/notify': (ask) => ask('POST', '/tickets/track/no-such-token/notify', { phone: '+45 12 34 56 78' }),
  'GET /tickets/track/:trackingToken/push-key': (ask, x) => ask('GET', `/tickets/track/${x.trackingToken}/push-key`),
  // The public booking routes count against PUBLIC_RATE_LIMIT_PER_MINUTE (also 3 here).
  'GET /public/sites/:slug/booking': (ask, x) => ask('GET', `/public/sites/${x.f.slug}/booking`),
  'GET /public/sites/:slug/appointment-services': (ask, x) => ask('GET', `/public/sites/${x.f.slug}/appointment-services`),
  'GET /public/sites/:slug/appointment-slots': (ask, x) => ask('GET', `/public/sites/${x.f.slug}/appointment-slots?serviceId=${x.f.services[0].id}&from=2027-03-22&to=2027-03-23`),
  'POST /public/sites/:slug/appointments': (ask, x) => ask('POST', `/public/sites/${x.f.slug}/appointments`, { serviceId: x.f.services[0].id, startsAt: '2027-03-22T10:00:00+01:00' }),
  'GET /public/appointments/:manageToken': (ask) => ask('GET', '/public/appointments/no-such-manage-token-000000'),
  'GET /public/appointments/:manageToken/calendar.ics': (ask) => ask('GET', '/public/appointments/no-such-manage-token-000000/calendar.ics'),
  'POST /public/appointments/:manageToken/cancel': (ask) => ask('POST', '/public/appointments/no-such-manage-token-000000/cancel', {}),
  'POST /public/appointments/:manageToken/move': (ask) => ask('POST', '/public/appointments/no-such-manage-token-000000/move', { startsAt: '2027-03-22T10:00:00+01:00' }),
};

function rateLimitedRoutes(): string[] {
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://localhost/none',
    REDIS_URL: 'redis://localhost',
    JWT_SECRET: 'x'.repeat(32),
    LOG_LEVEL: 'silent',
  };
  const out: string[] = [];
  for (const ctrl of Reflect.getMetadata('controllers', ticketingModule({ env }) as object) as (new () => object)[]) {
    const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
    for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
      const handler = (ctrl.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || !(Reflect.getMetadata(GUARDS_METADATA, handler) ?? []).includes(RateLimitGuard)) continue;
      const path = ('/' + [base, Reflect.getMetadata(PATH_METADATA, handler)].filter(Boolean).join('/'))
        .replace(/\/+/g, '/')
        .replace(/(.)\/$/, '$1');
      out.push(`${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${path}`);
    }
  }
  return out.sort();
}

describe('Retry-After on every 429', () => {
  let sys: TestSystem;
  let x: Fixture;
  beforeAll(async () => {
    sys = await startSystem({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), PUBLIC_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' } });
    const f = await seedSite(sys);
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const ticket = await sys.ticketing.as(f.tokens.counter).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
    expectStatus(ticket, 201);
    x = { f, kiosk, trackingToken: ticket.body.trackingToken, ticketId: ticket.body.id };
  });
  afterAll(() => sys?.stop());

  it('the table names every route behind the per-client limit', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(rateLimitedRoutes());
  });

  it.each(Object.keys(ROUTES))('%s: past the limit, each 429 carries Retry-After within the minute', async (route) => {
    // Each route from its own address; 10 requests over a limit of 3 pass it even if the minute turns midway.
    const address = `203.0.113.${Object.keys(ROUTES).indexOf(route) + 1}`;
    const ask: Ask = (method, path, body) => sys.ticketing.request(method, path, body, { 'x-forwarded-for': address });
    const replies: Reply[] = [];
    for (let i = 0; i < 10; i++) replies.push(await ROUTES[route](ask, x));
    const refused = replies.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const seconds = Number(r.headers.get('retry-after'));
      expect({
        code: r.body.error.code,
        inRange: Number.isInteger(seconds) && seconds >= 1 && seconds <= 60,
        inBody: r.body.error.details?.retryAfterSeconds,
      }).toEqual({ code: 'rate_limited', inRange: true, inBody: seconds });
    }
  });

  it('a login refused for guessing carries Retry-After too', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 7; i++)
      replies.push(await sys.triage.post('/auth/login', { username: 'retry-after-probe', password: `guess-${i}` }));
    const refused = replies.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
