import { ADMIN, TestSystem } from './system';
import { Api, expectStatus } from './http';

export const ALWAYS_OPEN = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ opens: '00:00', closes: '24:00' }]])),
};

export interface SiteFixture {
  siteId: string;
  slug: string;
  services: { id: string; code: string; prefix: string }[];
  counters: { id: string; name: string }[];
  tokens: { admin: string; counter: string; floor: string; supervisor: string; kiosk: string; display: string };
}

let siteCounter = 0;

export async function login(api: Api, username: string, password: string): Promise<string> {
  const res = await api.post('/auth/login', { username, password });
  expectStatus(res, 200);
  return res.body.accessToken;
}

/** A site open around the clock, set up through the configuration API as an administrator would. */
export async function seedSite(
  sys: TestSystem,
  opts: { services?: number; counters?: number; targetWaitMinutes?: number; timezone?: string; openingHours?: unknown; ordering?: unknown; settings?: unknown; dailyCap?: number; municipality?: string } = {},
): Promise<SiteFixture> {
  const admin = await login(sys.triage, ADMIN.username, ADMIN.password);
  const api = sys.triage.as(admin);
  const slug = `site-${process.pid}-${++siteCounter}`;
  const site = await api.post('/sites', {
    slug,
    name: `Borgerservice ${siteCounter}`,
    timezone: opts.timezone ?? 'Europe/Copenhagen',
    openingHours: opts.openingHours ?? ALWAYS_OPEN,
    ...(opts.ordering ? { ordering: opts.ordering } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.municipality ? { municipality: opts.municipality } : {}),
  });
  expectStatus(site, 201);
  const siteId = site.body.id;
  const services = [];
  const letters = ['P', 'K', 'M', 'S', 'F', 'A', 'T'];
  for (let i = 0; i < (opts.services ?? 3); i++) {
    const res = await api.post(`/sites/${siteId}/services`, {
      code: `svc-${i}`,
      prefix: letters[i],
      names: { da: `Ydelse ${i}`, en: `Service ${i}`, de: `Dienst ${i}` },
      targetWaitMinutes: opts.targetWaitMinutes ?? 15,
      serviceLevelPercent: 80,
      ...(opts.dailyCap ? { dailyCap: opts.dailyCap } : {}),
    });
    expectStatus(res, 201);
    services.push({ id: res.body.id, code: res.body.code, prefix: res.body.prefix });
  }
  const counters = [];
  for (let i = 0; i < (opts.counters ?? 2); i++) {
    const res = await api.post(`/sites/${siteId}/counters`, { name: `Skranke ${i + 1}`, kind: 'counter', serviceIds: services.map((s) => s.id) });
    expectStatus(res, 201);
    counters.push({ id: res.body.id, name: res.body.name });
  }
  const tokens: Record<string, string> = { admin };
  for (const role of ['counter', 'floor', 'supervisor'] as const) {
    const username = `${role}-${slug}`;
    expectStatus(await api.post('/users', { username, password: 'password-123', displayName: `${role} user`, roles: [{ siteId, role }] }), 201);
    tokens[role] = await login(sys.triage, username, 'password-123');
  }
  for (const kind of ['kiosk', 'display'] as const) {
    const res = await api.post(`/sites/${siteId}/devices`, { kind, name: `${kind} 1` });
    expectStatus(res, 201);
    tokens[kind] = res.body.token;
  }
  return { siteId, slug, services, counters, tokens: tokens as SiteFixture['tokens'] };
}

export async function issueTickets(sys: TestSystem, f: SiteFixture, serviceId: string, n: number): Promise<any[]> {
  const kiosk = sys.ticketing.as(f.tokens.kiosk);
  const out = [];
  for (let i = 0; i < n; i++) {
    const res = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId });
    expectStatus(res, 201);
    out.push(res.body);
  }
  return out;
}

/** Points the site's kiosk at a network receipt printer ("host:port"), as an administrator does. */
export async function setKioskPrinter(sys: TestSystem, f: SiteFixture, address: string): Promise<void> {
  const admin = sys.ticketing.as(f.tokens.admin);
  const devices = await sys.triage.as(f.tokens.admin).get(`/sites/${f.siteId}/devices`);
  const kioskId = devices.body.find((d: { kind: string }) => d.kind === 'kiosk').id;
  expectStatus(await admin.request('PUT', `/sites/${f.siteId}/devices/${kioskId}/printer`, { address }), 200);
}

export async function openCounter(sys: TestSystem, f: SiteFixture, counterId: string, api = sys.counterDisplay[0]): Promise<void> {
  expectStatus(await api.as(f.tokens.counter).post(`/counters/${counterId}/open`), 200);
}
