/**
 * Every operation of the three apps, as their OpenAPI documents list them, called
 * by every kind of stranger to site A and by its rightful caller: only what the
 * contract (API.md, README) allows succeeds; everything else is 401 or 403.
 *
 * MATRIX says who may do what. An operation the apps serve without an entry here,
 * or an entry the apps no longer serve, fails the first test: a new endpoint
 * is covered the day it is added.
 */
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { ALWAYS_OPEN, login, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';

jest.setTimeout(120_000);

/** Callers who are strangers to an operation on site A (Aarhus Kommune), unless MATRIX names them. */
const STRANGERS = [
  'none',
  'tampered',
  'badSignature',
  'kiosk',
  'display',
  'counterOther',
  'floor',
  'supervisorOther',
  'adminOtherMunicipality',
] as const;
type Stranger = (typeof STRANGERS)[number];
/** Rightful callers: the least role the contract names, at site A or its municipality. */
type Rightful = 'none' | 'kiosk' | 'display' | 'floor' | 'counter' | 'supervisor' | 'integration' | 'adminSite' | 'adminMunicipality';
type AppName = 'triage' | 'ticketing' | 'counter-display';
/** Fixture values by name (ids of site A unless named otherwise). */
type V = Record<string, string>;

interface Expectation {
  as: Rightful;
  /** Strangers the contract lets succeed too; 'everyone' for public operations. Those not public must not see site A in the answer. */
  also?: Stranger[] | 'everyone';
  body?: (v: V) => unknown;
  /** Path parameters that differ from PARAMS (fixture names). */
  params?: Record<string, string>;
  /** Statuses the rightful call may get besides 2xx: the state of the thing, not the caller's right. */
  rightfulMay?: number[];
}

const PUBLIC: Expectation = { as: 'none', also: 'everyone' };
const SITE_STAFF: Stranger[] = ['floor'];
/** Operations without a site list what the caller's own roles reach: any staff member may call them. */
const ANY_STAFF: Stranger[] = ['floor', 'counterOther', 'supervisorOther', 'adminOtherMunicipality'];

const PARAMS: Record<string, string> = {
  siteId: 'siteA',
  serviceId: 'serviceA0',
  counterId: 'counterA0',
  ticketId: 'ticketA',
  deviceId: 'kioskDeviceA',
  trackingToken: 'trackA',
  slug: 'slugA',
  municipality: 'municipalityA',
  appointmentId: 'appointmentA',
  manageToken: 'manageA',
  alertId: 'roomAlertA',
  userId: 'spareUserA',
  webhookId: 'webhookA',
  deliveryId: 'unknownDeliveryA',
};

/** Operations checked elsewhere, because calling them here would spoil the callers' tokens for the rest. */
const ELSEWHERE: Record<string, string> = Object.fromEntries(
  (['triage', 'ticketing', 'counter-display'] as const).flatMap((app) => [
    [`${app} POST /api/v1/auth/logout`, 'test/e2e/ending-sessions.spec.ts (it ends the token it is called with)'],
    [`${app} GET /api/v1/auth/me`, 'test/e2e/who-am-i.spec.ts (any staff token, whatever its roles; devices and ended tokens get 401)'],
    [
      `${app} POST /api/v1/auth/sso/exchange`,
      'test/e2e/sso-sign-in.spec.ts (open to anyone holding a one-time code; 401 for every other, whoever asks)',
    ],
    [
      `${app} POST /api/v1/auth/refresh`,
      'test/e2e/sso-sign-in.spec.ts (open to anyone holding a refresh token; 401 for every other, whoever asks)',
    ],
  ]),
);

const login_ = (v: V) => ({ username: v.floorUsername, password: 'password-123' });
/** Tomorrow at that hour in Copenhagen (winter time), as a booking system would send it. */
const tomorrowAt = (hour: number) => `${new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10)}T${hour}:00:00+01:00`;
const daysAhead = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
let made = 0;
const uniq = () => `${process.pid.toString(36)}-${++made}`;

/** Keyed by `app METHOD path` as the app's OpenAPI document has it. In the order they run (state-changing calls last on their thing). */
const MATRIX: Record<string, Expectation> = {
  // --- every app
  ...Object.fromEntries(
    (['triage', 'ticketing', 'counter-display'] as const).flatMap((app) => [
      [`${app} GET /api/v1/health`, PUBLIC],
      [`${app} GET /api/v1/health/live`, PUBLIC],
      [`${app} GET /api/v1/health/ready`, PUBLIC],
      [`${app} POST /api/v1/auth/login`, { ...PUBLIC, body: login_ }],
      [`${app} GET /api/v1/auth/providers`, PUBLIC],
    ]),
  ),
  'triage GET /api/v1/auth/role-catalogue': PUBLIC,
  // --- triage: configuration
  'triage POST /api/v1/sites': {
    as: 'adminMunicipality',
    body: () => ({
      slug: `matrix-${uniq()}`,
      name: 'Borgerservice Matrix',
      municipality: 'Aarhus Kommune',
      timezone: 'Europe/Copenhagen',
      openingHours: ALWAYS_OPEN,
    }),
  },
  'triage GET /api/v1/sites': { as: 'counter', also: ANY_STAFF },
  'triage GET /api/v1/sites/{siteId}': { as: 'counter', also: SITE_STAFF },
  'triage PATCH /api/v1/sites/{siteId}': { as: 'adminSite', body: () => ({ name: 'Borgerservice A' }) },
  'triage POST /api/v1/sites/{siteId}/services': {
    as: 'adminSite',
    body: () => ({
      code: `matrix-${uniq()}`,
      prefix: 'X',
      names: { da: 'Ydelse', en: 'Service', de: 'Dienst' },
      targetWaitMinutes: 15,
      serviceLevelPercent: 80,
    }),
  },
  'triage GET /api/v1/sites/{siteId}/services': { as: 'counter', also: [...SITE_STAFF, 'kiosk', 'display'] },
  'triage PATCH /api/v1/sites/{siteId}/services/{serviceId}': { as: 'adminSite', body: () => ({ targetWaitMinutes: 15 }) },
  'triage DELETE /api/v1/sites/{siteId}/services/{serviceId}': { as: 'adminSite', params: { serviceId: 'spareServiceA' } },
  'triage POST /api/v1/sites/{siteId}/counters': {
    as: 'adminSite',
    body: (v) => ({ name: 'Skranke M', kind: 'counter', serviceIds: [v.serviceA0] }),
  },
  'triage GET /api/v1/sites/{siteId}/counters': { as: 'counter', also: [...SITE_STAFF, 'display'] },
  'triage PATCH /api/v1/sites/{siteId}/counters/{counterId}': { as: 'supervisor', body: (v) => ({ serviceIds: [v.serviceA0] }) },
  'triage DELETE /api/v1/sites/{siteId}/counters/{counterId}': { as: 'adminSite', params: { counterId: 'spareCounterA' } },
  'triage POST /api/v1/users': {
    as: 'adminSite',
    body: (v) => ({
      username: `matrix-${uniq()}`,
      password: 'password-123',
      displayName: 'M',
      roles: [{ siteId: v.siteA, role: 'counter' }],
    }),
  },
  'triage GET /api/v1/users': { as: 'adminSite', also: ['adminOtherMunicipality'] },
  'triage POST /api/v1/users/{userId}/unlock': { as: 'adminSite' },
  'triage PATCH /api/v1/users/{userId}': { as: 'adminSite', body: () => ({ displayName: 'M' }) },
  'triage DELETE /api/v1/users/{userId}': { as: 'adminSite' },
  // Without OIDC_ISSUER here: 404 oidc_not_configured and 400 oidc_transaction_missing, whoever asks (the sign-in itself: test/browser/oidc-sign-in.spec.ts).
  'triage GET /api/v1/auth/oidc/login': PUBLIC,
  'triage GET /api/v1/auth/oidc/callback': PUBLIC,
  // Without SAML_IDP_METADATA_*: 404 saml_off, whoever asks (the sign-in itself: test/e2e/saml-sign-in.spec.ts).
  'triage GET /api/v1/auth/saml/metadata': PUBLIC,
  'triage GET /api/v1/auth/saml/login': PUBLIC,
  'triage POST /api/v1/auth/saml/acs': PUBLIC,
  'triage GET /api/v1/sso/role-mapping': { as: 'adminSite', also: ['adminOtherMunicipality'] },
  'triage PUT /api/v1/sso/role-mapping': {
    as: 'adminSite',
    body: (v) => ({ entries: [{ claim: `Skranke.Floor.${uniq()}`, siteId: v.siteA, role: 'floor' }] }),
  },
  'triage POST /api/v1/sites/{siteId}/devices': { as: 'adminSite', body: () => ({ kind: 'display', name: 'Skærm M' }) },
  'triage GET /api/v1/sites/{siteId}/devices': { as: 'adminSite' },
  'triage DELETE /api/v1/sites/{siteId}/devices/{deviceId}': { as: 'adminSite', params: { deviceId: 'spareDeviceA' } },
  // --- triage: the floor and the dashboard
  'triage POST /api/v1/sites/{siteId}/encounters': { as: 'floor', body: () => ({ outcome: 'resolved-on-spot' }) },
  'triage GET /api/v1/sites/{siteId}/floor-state': { as: 'floor' },
  'triage POST /api/v1/sites/{siteId}/alerts/{ticketId}/acknowledge': { as: 'floor', rightfulMay: [404] },
  'triage POST /api/v1/sites/{siteId}/alerts/room/{alertId}/acknowledge': { as: 'floor', rightfulMay: [400, 404] },
  'triage POST /api/v1/sites/{siteId}/tickets/{ticketId}/priority': { as: 'floor', body: () => ({ priority: 1 }) },
  'triage GET /api/v1/sites/{siteId}/dashboard': { as: 'supervisor' },
  'triage GET /api/v1/sites/{siteId}/estimate-accuracy': { as: 'supervisor' },
  // Staff figures: off at site A (a notice starts six weeks ahead at the earliest), so the rightful get 403 staff_figures_off
  // (test/e2e/staff-figures.spec.ts shows them served); strangers get 403 forbidden before the setting is read.
  // (floor staff may read their own too, but get the same 403 here: the spec shows it.)
  'triage GET /api/v1/sites/{siteId}/staff-figures/me': { as: 'counter', rightfulMay: [403] },
  'triage GET /api/v1/sites/{siteId}/staff-figures/teams': { as: 'supervisor', rightfulMay: [403] },
  'triage PUT /api/v1/sites/{siteId}/staff-figures': {
    as: 'adminSite',
    body: () => ({ purpose: 'Planlægning af bemanding og oplæring pr. ydelse', startsOn: daysAhead(60) }),
  },
  'triage DELETE /api/v1/sites/{siteId}/staff-figures': { as: 'adminSite' },
  // Statistics: the list and a report without siteIds answer for the caller's own sites (a stranger's own, not A's).
  'triage GET /api/v1/reports': { as: 'supervisor', also: ['supervisorOther', 'adminOtherMunicipality'] },
  'triage GET /api/v1/report-subscriptions': { as: 'supervisor', also: ['supervisorOther', 'adminOtherMunicipality'] },
  'triage POST /api/v1/report-subscriptions': {
    as: 'supervisor',
    body: (v) => ({ report: 'volume', siteIds: [v.siteA], frequency: 'weekly', lang: 'da', email: 'leder@kommune.dk' }),
    rightfulMay: [422], // no SMTP in this system: email_not_configured, after the sites were checked
  },
  'triage DELETE /api/v1/report-subscriptions/{subscriptionId}': {
    as: 'supervisor',
    also: ['supervisorOther', 'adminOtherMunicipality'],
    params: { subscriptionId: 'noSubscription' },
    rightfulMay: [404], // only one's own: another's id is "not yours" to everyone
  },
  'triage GET /api/v1/reports/{report}': {
    as: 'supervisor',
    also: ['supervisorOther', 'adminOtherMunicipality'],
    params: { report: 'reportVolume' },
    rightfulMay: [400],
  },
  // Without siteId: the caller's own sites; another municipality's admin sees none of site A's.
  'triage GET /api/v1/audit': { as: 'adminSite', also: ['adminOtherMunicipality'] },
  // --- ticketing
  'ticketing POST /api/v1/sites/{siteId}/tickets': { as: 'kiosk', also: SITE_STAFF, body: (v) => ({ serviceId: v.serviceA0 }) },
  'ticketing GET /api/v1/tickets/{ticketId}/print': { as: 'kiosk', also: SITE_STAFF },
  'ticketing GET /api/v1/tickets/track/{trackingToken}': PUBLIC,
  'ticketing POST /api/v1/tickets/track/{trackingToken}/survey': { ...PUBLIC, body: () => ({ gotWhatCameFor: true }) },
  'ticketing POST /api/v1/tickets/track/{trackingToken}/leave': { ...PUBLIC, params: { trackingToken: 'trackLeaving' } },
  // No channel is configured here: the rightful answer is the rule's (422 channel_off), never a refusal of the caller.
  'ticketing POST /api/v1/tickets/track/{trackingToken}/notify': {
    ...PUBLIC,
    body: () => ({ phone: '+4512345678' }),
    rightfulMay: [409, 422],
  },
  'ticketing GET /api/v1/tickets/track/{trackingToken}/push-key': { ...PUBLIC, rightfulMay: [422] },
  'ticketing GET /api/v1/public/sites/{slug}/wait-times': PUBLIC,
  'ticketing GET /api/v1/public/municipalities/{municipality}/wait-times': PUBLIC,
  'ticketing GET /api/v1/kiosk/sites/{slug}': PUBLIC,
  'ticketing POST /api/v1/sites/{siteId}/appointments': {
    as: 'adminSite',
    body: (v) => ({ serviceId: v.serviceA0, startsAt: tomorrowAt(11) }),
  },
  'ticketing GET /api/v1/sites/{siteId}/appointments': { as: 'floor' },
  // Service A0 is not bookable: the rightful caller gets the rule's answer, never a refusal of its right.
  'ticketing POST /api/v1/sites/{siteId}/appointments/book': {
    as: 'kiosk',
    also: SITE_STAFF,
    body: (v) => ({ serviceId: v.serviceA0, startsAt: tomorrowAt(10) }),
    rightfulMay: [422],
  },
  'ticketing GET /api/v1/sites/{siteId}/appointments/next-free': { as: 'kiosk', also: SITE_STAFF, rightfulMay: [400] },
  'ticketing GET /api/v1/sites/{siteId}/appointments/slots': { as: 'kiosk', also: SITE_STAFF, rightfulMay: [400] },
  'ticketing GET /api/v1/public/sites/{slug}/booking': PUBLIC,
  'ticketing GET /api/v1/public/sites/{slug}/appointment-services': PUBLIC,
  'ticketing GET /api/v1/public/sites/{slug}/appointment-slots': { ...PUBLIC, rightfulMay: [400] },
  'ticketing POST /api/v1/public/sites/{slug}/appointments': {
    ...PUBLIC,
    body: (v) => ({ serviceId: v.serviceA0, startsAt: tomorrowAt(10) }),
    rightfulMay: [422],
  },
  'ticketing GET /api/v1/public/appointments/{manageToken}': { ...PUBLIC, rightfulMay: [404] },
  'ticketing GET /api/v1/public/appointments/{manageToken}/calendar.ics': { ...PUBLIC, rightfulMay: [404] },
  'ticketing POST /api/v1/public/appointments/{manageToken}/cancel': { ...PUBLIC, rightfulMay: [404] },
  'ticketing POST /api/v1/public/appointments/{manageToken}/move': {
    ...PUBLIC,
    body: () => ({ startsAt: tomorrowAt(10) }),
    rightfulMay: [404],
  },
  'triage GET /api/v1/sites/{siteId}/counter-plan': { as: 'supervisor' },
  'triage PUT /api/v1/sites/{siteId}/counter-plan': { as: 'supervisor', body: () => ({ weekly: {} }) },
  'triage PUT /api/v1/sites/{siteId}/services/{serviceId}/booking-share': { as: 'supervisor', body: () => ({ share: null }) },
  'ticketing GET /api/v1/sites/{siteId}/notification-settings': { as: 'adminSite' },
  'ticketing PUT /api/v1/sites/{siteId}/notification-settings': { as: 'adminSite', body: () => ({ turnNearMinutes: 10 }) },
  'ticketing GET /api/v1/sites/{siteId}/notifications': { as: 'supervisor' },
  // Signed with the webhook's shared secret, not a login; without SMS_WEBHOOK_SECRET it is 404.
  'ticketing POST /api/v1/public/notifications/sms-reports': { ...PUBLIC, rightfulMay: [404] },
  'triage GET /api/v1/sites/{siteId}/notifications/today': { as: 'supervisor' },
  // --- triage: integration (webhooks of site A and its event feed; the integration role at site A, or admin)
  'triage POST /api/v1/webhooks': {
    as: 'integration',
    body: (v) => ({ siteId: v.siteA, url: 'https://93.184.215.14/matrix', events: ['ticket.called'] }),
  },
  // Without a site in the path: another municipality's admin gets its own webhooks (none), never site A's.
  'triage GET /api/v1/webhooks': { as: 'integration', also: ['adminOtherMunicipality'] },
  'triage GET /api/v1/webhooks/{webhookId}': { as: 'integration' },
  'triage PATCH /api/v1/webhooks/{webhookId}': { as: 'integration', body: () => ({ description: 'Matrix' }) },
  'triage GET /api/v1/webhooks/{webhookId}/deliveries': { as: 'integration' },
  'triage POST /api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay': { as: 'integration', rightfulMay: [404] },
  'triage POST /api/v1/webhooks/{webhookId}/rotate-secret': { as: 'integration', body: () => ({ overlapHours: 1 }) },
  'triage DELETE /api/v1/webhooks/{webhookId}': { as: 'adminSite', params: { webhookId: 'spareWebhookA' } },
  'triage GET /api/v1/sites/{siteId}/events': { as: 'integration' },
  'ticketing DELETE /api/v1/sites/{siteId}/appointments/{appointmentId}': { as: 'adminSite' },
  'ticketing POST /api/v1/sites/{siteId}/appointments/check-in': {
    as: 'kiosk',
    also: SITE_STAFF,
    body: () => ({ bookingCode: 'NOSUCH1' }),
    rightfulMay: [404, 422],
  },
  'ticketing GET /api/v1/sites/{siteId}/appointment-plan': { as: 'supervisor' },
  'ticketing POST /api/v1/sites/{siteId}/closures': { as: 'supervisor', body: () => ({ date: daysAhead(300) }) },
  'ticketing DELETE /api/v1/sites/{siteId}/closures': { as: 'supervisor', rightfulMay: [400] }, // the date is a query parameter the matrix leaves out
  'ticketing PUT /api/v1/sites/{siteId}/devices/{deviceId}/printer': { as: 'adminSite', body: () => ({ address: '10.0.4.21:9100' }) },
  // --- counter-display: a called ticket at counter A1 (see beforeAll), then counter A0 through its day
  'counter-display POST /api/v1/tickets/{ticketId}/recall': { as: 'counter', params: { ticketId: 'calledTicketA' } },
  'counter-display POST /api/v1/tickets/{ticketId}/start': { as: 'counter', params: { ticketId: 'calledTicketA' } },
  'counter-display POST /api/v1/tickets/{ticketId}/no-show': { as: 'counter', params: { ticketId: 'calledTicketA' }, rightfulMay: [409] },
  'counter-display POST /api/v1/tickets/{ticketId}/finish': {
    as: 'counter',
    params: { ticketId: 'calledTicketA' },
    body: () => ({ outcome: 'resolved' }),
  },
  'counter-display POST /api/v1/tickets/{ticketId}/cancel': { as: 'floor', params: { ticketId: 'cancelledTicketA' } },
  'counter-display POST /api/v1/tickets/{ticketId}/transfer': {
    as: 'floor',
    params: { ticketId: 'transferredTicketA' },
    body: (v) => ({ serviceId: v.serviceA1, placement: 'back' }),
  },
  'counter-display POST /api/v1/counters/{counterId}/open': { as: 'counter' },
  'counter-display GET /api/v1/counters/{counterId}/current': { as: 'counter' },
  'counter-display POST /api/v1/counters/{counterId}/call-next': { as: 'counter', body: () => ({}) },
  'counter-display POST /api/v1/counters/{counterId}/pause': { as: 'counter', body: () => ({ reason: 'Frokost' }), rightfulMay: [409] },
  'counter-display POST /api/v1/counters/{counterId}/close': { as: 'counter', rightfulMay: [409] },
  'counter-display POST /api/v1/counters/{counterId}/hold': { as: 'counter', body: () => ({}) },
  'counter-display DELETE /api/v1/counters/{counterId}/hold': { as: 'counter' },
  // The waiting ticket may already be called by the counter's day above, or the counter closed: 409 with a code.
  'counter-display POST /api/v1/counters/{counterId}/call/{ticketId}': { as: 'counter', body: () => ({}), rightfulMay: [409] },
  'counter-display GET /api/v1/sites/{siteId}/display-state': { as: 'display', also: SITE_STAFF },
  'counter-display GET /api/v1/me/counters': { as: 'counter', also: ['counterOther', 'supervisorOther', 'adminOtherMunicipality'] },
  // Marked @Public in code: it reads the device token itself, and refuses anything else with 401.
  'counter-display GET /api/v1/devices/me': { as: 'kiosk', also: ['display'] },
};

interface Operation {
  key: string;
  app: AppName;
  method: string;
  path: string;
}

let sys: TestSystem;
const operations: Operation[] = [];
const tokens = {} as Record<Stranger | Rightful, string | undefined>;
const v: V = {};
let bases: Record<AppName, string>;

/** A real staff token claiming another user, its signature kept. */
function tamper(token: string, sub: string): string {
  const [head, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [head, Buffer.from(JSON.stringify({ ...claims, sub })).toString('base64url'), signature].join('.');
}

/** A real staff token with one bit of its signature changed. */
function resign(token: string): string {
  const [head, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] ^= 1;
  return [head, payload, bytes.toString('base64url')].join('.');
}

async function call(op: Operation, e: Expectation, who: Stranger | Rightful): Promise<Reply> {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, p: string) => {
    const value = v[e.params?.[p] ?? PARAMS[p]];
    if (value === undefined)
      throw new Error(`${op.key}: no fixture value for path parameter "${p}"; add one to PARAMS or the entry's params`);
    return encodeURIComponent(value);
  });
  return new Api(bases[op.app], tokens[who]).request(op.method, path, e.body ? e.body(v) : undefined);
}

beforeAll(async () => {
  sys = await startSystem();
  bases = { triage: origin(sys.triage), ticketing: origin(sys.ticketing), 'counter-display': origin(sys.counterDisplay[0]) };
  for (const app of Object.keys(bases) as AppName[]) {
    const doc = await fetch(`${bases[app]}/api/docs-json`).then((r) => r.json());
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(item))
        operations.push({ key: `${app} ${method.toUpperCase()} ${path}`, app, method: method.toUpperCase(), path });
    }
  }
  const a = await seedSite(sys, { municipality: 'Aarhus Kommune', counters: 2 });
  const b = await seedSite(sys, { municipality: 'Odense Kommune' });
  const root = sys.triage.as(await login(sys.triage, ADMIN.username, ADMIN.password));
  const user = async (username: string, grant: object) => {
    const r = await root.post('/users', { username, password: 'password-123', displayName: username, roles: [], ...grant });
    expectStatus(r, 201);
    return { id: r.body.id as string, token: await login(sys.triage, username, 'password-123') };
  };
  const adminSite = await user('matrix-admin-a', { roles: [{ siteId: a.siteId, role: 'admin' }] });
  const adminMunicipality = await user('matrix-aarhus', { municipalityAdmin: ['Aarhus Kommune'] });
  const adminOtherMunicipality = await user('matrix-odense', { municipalityAdmin: ['Odense Kommune'] });
  v.spareUserA = (await user('matrix-spare', { roles: [{ siteId: a.siteId, role: 'counter' }] })).id;
  const integration = await user('matrix-integration-a', { roles: [{ siteId: a.siteId, role: 'integration' }] });
  Object.assign(tokens, {
    none: undefined,
    tampered: tamper(a.tokens.supervisor, adminMunicipality.id),
    badSignature: resign(a.tokens.supervisor),
    kiosk: a.tokens.kiosk,
    display: a.tokens.display,
    counterOther: b.tokens.counter,
    floor: a.tokens.floor,
    supervisorOther: b.tokens.supervisor,
    adminOtherMunicipality: adminOtherMunicipality.token,
    counter: a.tokens.counter,
    supervisor: a.tokens.supervisor,
    integration: integration.token,
    adminSite: adminSite.token,
    adminMunicipality: adminMunicipality.token,
  });

  Object.assign(v, { siteA: a.siteId, slugA: a.slug, municipalityA: 'aarhus-kommune', floorUsername: `floor-${a.slug}` });
  [v.serviceA0, v.serviceA1] = a.services.map((s) => s.id);
  [v.counterA0, v.counterA1] = a.counters.map((c) => c.id);
  const admin = sys.triage.as(adminSite.token);
  const created = async (r: Promise<Reply>) => {
    const reply = await r;
    expectStatus(reply, 201);
    return reply.body;
  };
  v.spareServiceA = (
    await created(
      admin.post(`/sites/${a.siteId}/services`, {
        code: 'spare',
        prefix: 'Z',
        names: { da: 'R', en: 'S', de: 'R' },
        targetWaitMinutes: 15,
        serviceLevelPercent: 80,
      }),
    )
  ).id;
  v.spareCounterA = (
    await created(admin.post(`/sites/${a.siteId}/counters`, { name: 'Reserve', kind: 'desk', serviceIds: [v.serviceA0] }))
  ).id;
  v.spareDeviceA = (await created(admin.post(`/sites/${a.siteId}/devices`, { kind: 'display', name: 'Reserve' }))).id;
  for (const name of ['webhookA', 'spareWebhookA']) {
    v[name] = (
      await created(admin.post('/webhooks', { siteId: a.siteId, url: `https://93.184.215.14/${name}`, events: ['ticket.issued'] }))
    ).id;
  }
  v.unknownDeliveryA = '00000000-0000-4000-8000-00000000000d';
  v.kioskDeviceA = (await admin.get(`/sites/${a.siteId}/devices`)).body.find((d: { kind: string }) => d.kind === 'kiosk').id;
  const appointment = await created(
    sys.ticketing.as(adminSite.token).post(`/sites/${a.siteId}/appointments`, { serviceId: v.serviceA0, startsAt: tomorrowAt(10) }),
  );
  v.appointmentA = appointment.id;
  v.manageA = 'no-such-manage-token-0000000000';
  v.reportVolume = 'volume';
  v.noSubscription = '00000000-0000-4000-8000-00000000abcd';
  v.roomAlertA = 'idle-counter';
  const issue = () => created(sys.ticketing.as(a.tokens.kiosk).post(`/sites/${a.siteId}/tickets`, { serviceId: v.serviceA0 }));
  for (const name of ['ticketA', 'cancelledTicketA', 'transferredTicketA']) v[name] = (await issue()).id;
  v.trackLeaving = (await issue()).trackingToken;
  // Counter A1 serves service 1 alone, so it calls the one ticket of service 1 waiting.
  expectStatus(await admin.patch(`/sites/${a.siteId}/counters/${v.counterA1}`, { serviceIds: [v.serviceA1] }), 200);
  const counter = sys.counterDisplay[0].as(a.tokens.counter);
  const first = await created(sys.ticketing.as(a.tokens.kiosk).post(`/sites/${a.siteId}/tickets`, { serviceId: v.serviceA1 }));
  expectStatus(await counter.post(`/counters/${v.counterA1}/open`), 200);
  const called = await counter.post(`/counters/${v.counterA1}/call-next`, {});
  expectStatus(called, 200);
  expect(called.body.ticket.id).toBe(first.id);
  v.calledTicketA = first.id;
  v.trackA = first.trackingToken;
});
afterAll(() => sys?.stop());

function origin(api: Api): string {
  return api.baseUrl.replace(/\/api\/v1$/, '');
}

test('every operation the apps document has an expectation, and every expectation an operation', () => {
  const served = operations
    .map((o) => o.key)
    .filter((k) => !ELSEWHERE[k])
    .sort();
  expect(served.filter((k) => !MATRIX[k])).toEqual([]);
  expect(Object.keys(MATRIX).filter((k) => !served.includes(k))).toEqual([]);
});

describe.each(Object.keys(MATRIX))('%s', (key) => {
  const e = MATRIX[key];
  const op = () => operations.find((o) => o.key === key)!;

  test.each(STRANGERS.filter((s) => s !== e.as))('as %s', async (who) => {
    if (!op()) return; // reported by the first test
    const r = await call(op(), e, who);
    const what = `${key} as ${who} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
    const allowed = e.also === 'everyone' || e.also?.includes(who);
    if (allowed) {
      if ([401, 403].includes(r.status) || r.status >= 500) throw new Error(`refused, but the contract allows it: ${what}`);
      if (e.also !== 'everyone' && ['counterOther', 'supervisorOther', 'adminOtherMunicipality'].includes(who)) {
        // Staff of another site may list what is theirs, never site A's.
        expect(JSON.stringify(r.body ?? '')).not.toContain(v.siteA);
      }
      return;
    }
    const expected = ['none', 'tampered', 'badSignature'].includes(who) ? [401] : [401, 403];
    if (!expected.includes(r.status)) throw new Error(`expected ${expected.join(' or ')}: ${what}`);
    expect(r.body?.error?.code).toEqual(expect.stringMatching(/^[a-z][a-z0-9_]*$/));
  });

  test(`as the rightful ${e.as}`, async () => {
    if (!op()) return;
    const r = await call(op(), e, e.as);
    const ok =
      (r.status >= 200 && r.status < 300) ||
      (e.rightfulMay ?? []).includes(r.status) ||
      (e.also === 'everyone' && r.status < 500 && r.status !== 401 && r.status !== 403);
    if (!ok) throw new Error(`the rightful caller was refused: ${key} as ${e.as} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  });
});
