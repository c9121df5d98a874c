import type { Browser, Page } from 'playwright-core';
import { launchBrowser, showingPageOnFailure } from './browser';
import { dateIn, firstFreeTime, makeBookable } from './booking';
import { SiteFixture, issueTickets, openCounter, seedSite } from './fixtures';
import { expectStatus } from './http';
import type { Lang } from './page-texts';
import { settled } from './page-texts';
import { TestSystem, startSystem } from './system';

/**
 * Every page of Skranke opened as its people open it, in a given language, on
 * a site with a realistic room: tickets waiting, a counter serving, and a
 * medbetjening station with busy seats. Shared by the language, accessibility
 * and screenshot tests.
 */
export const MUNICIPALITY = 'Sølund Kommune';
export const MUNICIPALITY_SLUG = 'soelund-kommune';

export const SERVICE_NAMES: Record<Lang, string>[] = [
  { da: 'Pas og kørekort', en: 'Passports and driving licences', de: 'Pässe und Führerscheine' },
  { da: 'Sundhedskort', en: 'Health insurance card', de: 'Gesundheitskarte' },
  { da: 'Flytning og folkeregister', en: 'Moving and civil registration', de: 'Umzug und Melderegister' },
];

export interface Tour {
  f: SiteFixture;
  stationId: string;
  /** A waiting ticket per language, for the ticket page. */
  tickets: Record<Lang, { trackingToken: string }>;
  /** A booked time per language, for the manage page. */
  bookings: Record<Lang, { manageToken: string }>;
  /** Texts of the seeded data per language (service names), for the language check. */
  data: Record<Lang, string[]>;
}

/** A site of `MUNICIPALITY` with three named services, two counters and a four-seat medbetjening station, busy. */
export async function seedTour(sys: TestSystem): Promise<Tour> {
  const f = await seedSite(sys, { services: 3, counters: 2, municipality: MUNICIPALITY });
  const admin = sys.triage.as(f.tokens.admin);
  expectStatus(await admin.patch(`/sites/${f.siteId}`, { name: 'Borgerservice Sølund' }), 200);
  for (const [i, names] of SERVICE_NAMES.entries()) {
    expectStatus(await admin.patch(`/sites/${f.siteId}/services/${f.services[i].id}`, { names }), 200);
  }
  const station = await admin.post(`/sites/${f.siteId}/counters`, {
    name: 'Medbetjening',
    kind: 'assisted-self-service',
    seats: 4,
    serviceIds: f.services.map((s) => s.id),
  });
  expectStatus(station, 201);
  const stationId: string = station.body.id;
  await openCounter(sys, f, f.counters[0].id);
  await openCounter(sys, f, stationId);
  for (const [i, n] of [6, 3, 4].entries()) await issueTickets(sys, f, f.services[i].id, n);
  const staff = sys.counterDisplay[0].as(f.tokens.counter);
  expectStatus(await staff.post(`/counters/${f.counters[0].id}/call-next`), 200);
  for (const seat of [1, 2, 3]) expectStatus(await staff.post(`/counters/${stationId}/call-next`, { seat }), 200);
  const tickets = {} as Tour['tickets'];
  for (const language of ['da', 'en', 'de'] as const) {
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[1].id, language });
    expectStatus(res, 201);
    tickets[language] = res.body;
  }
  // The first two services can be booked (the counters planned all day), and a time is booked in each language.
  for (const s of f.services.slice(0, 2)) await makeBookable(sys, f, s.id, { opens: '00:00', closes: '24:00' });
  const bookings = {} as Tour['bookings'];
  for (const language of ['da', 'en', 'de'] as const) {
    const free = await firstFreeTime(sys, f, f.services[0].id, dateIn('Europe/Copenhagen'), dateIn('Europe/Copenhagen', 7));
    const res = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, {
      serviceId: f.services[0].id,
      startsAt: free.startsAt,
      language,
    });
    expectStatus(res, 201);
    bookings[language] = res.body;
  }
  const data = { da: [] as string[], en: [] as string[], de: [] as string[] };
  for (const names of SERVICE_NAMES) for (const l of ['da', 'en', 'de'] as const) data[l].push(names[l]);
  // Names the site gave its counters and itself are the same in every language.
  // Per-person figures announced (two months ahead), so the configuration, the counter and the staff figures page show them.
  const purpose = 'Planlægning af bemanding pr. ydelse, aftalt i MED-udvalget';
  expectStatus(await admin.request('PUT', `/sites/${f.siteId}/staff-figures`, { purpose, startsOn: dateIn('Europe/Copenhagen', 60) }), 200);
  const named = ['Medbetjening', 'Borgerservice Sølund', purpose, ...f.counters.map((c) => c.name)];
  for (const l of ['da', 'en', 'de'] as const) data[l].push(...named);
  return { f, stationId, tickets, bookings, data };
}

export type PageName =
  | 'kiosk'
  | 'ticket'
  | 'widget'
  | 'municipality-widget'
  | 'book'
  | 'manage'
  | 'display'
  | 'counter'
  | 'station'
  | 'floor'
  | 'dashboard'
  | 'configuration'
  | 'reports'
  | 'staff-figures';

export const PAGES: PageName[] = [
  'kiosk',
  'ticket',
  'widget',
  'municipality-widget',
  'book',
  'manage',
  'display',
  'counter',
  'station',
  'floor',
  'dashboard',
  'configuration',
  'reports',
  'staff-figures',
];

const originOf = (api: { baseUrl: string }) => api.baseUrl.replace(/\/api\/v1$/, '');

/**
 * Opens `name` in `lang` at `viewport` and waits until its text has settled.
 * How each page picks its language: the kiosk by its language buttons, the
 * ticket page by the ticket's language, every other page by `?lang=` (the
 * manage page would otherwise take its booking's).
 */
export async function openTourPage(
  browser: Browser,
  sys: TestSystem,
  tour: Tour,
  name: PageName,
  lang: Lang,
  viewport: { width: number; height: number },
): Promise<Page> {
  const { f } = tour;
  const ticketing = originOf(sys.ticketing);
  const triage = originOf(sys.triage);
  const counterDisplay = sys.counterDisplayUrls[0];
  const staffToken = {
    counter: f.tokens.counter,
    station: f.tokens.counter,
    floor: f.tokens.floor,
    dashboard: f.tokens.supervisor,
    configuration: f.tokens.admin,
    reports: f.tokens.supervisor,
    'staff-figures': f.tokens.counter,
  }[name as 'counter'];
  const context = await browser.newContext({ viewport, hasTouch: name === 'floor' || name === 'kiosk' });
  if (staffToken) await context.addInitScript((t) => sessionStorage.setItem('skranke.staffToken', t), staffToken);
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined));
  const q = `?lang=${lang}`;
  const url = {
    kiosk: `${ticketing}/kiosk/${f.slug}#token=${f.tokens.kiosk}`,
    ticket: `${ticketing}/t/${tour.tickets[lang].trackingToken}`,
    widget: `${ticketing}/widget/${f.slug}${q}`,
    'municipality-widget': `${ticketing}/widget/municipality/${MUNICIPALITY_SLUG}${q}`,
    book: `${ticketing}/book/${f.slug}${q}`,
    manage: `${ticketing}/appointment/${encodeURIComponent(tour.bookings[lang].manageToken)}${q}`,
    display: `${counterDisplay}/display${q}#token=${f.tokens.display}`,
    counter: `${counterDisplay}/counter${q}&counter=${f.counters[0].id}`,
    station: `${counterDisplay}/counter${q}&counter=${tour.stationId}`,
    floor: `${triage}/floor/${f.slug}${q}`,
    dashboard: `${triage}/dashboard/${f.slug}${q}`,
    configuration: `${triage}/admin/${f.slug}${q}`,
    reports: `${triage}/reports${q}`,
    'staff-figures': `${triage}/staff-figures/${f.slug}${q}`,
  }[name];
  await showingPageOnFailure(page, async () => {
    await page.goto(url);
    if (name === 'kiosk') {
      await page.waitForSelector('[data-screen="start"]', { timeout: 20_000 });
      if (lang !== 'da') {
        await page.click(`button[data-lang="${lang}"]`);
        await page.waitForSelector(`html[lang="${lang}"] [data-screen="start"]`, { timeout: 20_000 });
      }
    }
    await settled(page);
  });
  return page;
}

/**
 * For a describe block: a system seeded with the tour's site and a browser,
 * both ended after the block; `open` opens one of its pages.
 */
export function useTour() {
  const ctx: { sys?: TestSystem; browser?: Browser; tour?: Tour } = {};
  beforeAll(async () => {
    ctx.sys = await startSystem();
    ctx.tour = await seedTour(ctx.sys);
    ctx.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.sys?.stop();
  });
  return {
    get tour(): Tour {
      return ctx.tour!;
    },
    open: (name: PageName, lang: Lang, viewport: { width: number; height: number }) =>
      openTourPage(ctx.browser!, ctx.sys!, ctx.tour!, name, lang, viewport),
  };
}
