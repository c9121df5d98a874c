/**
 * Bad input against every endpoint of the three apps. Whatever is sent — broken
 * JSON, wrong types, unknown fields, 1 MB strings and bodies, ids that are not
 * UUIDs, unknown or of another site, wrong roles, no token, garbage tokens — the
 * answer is a 4xx with {"error": {code, message}}, never a 5xx (API.md, Conventions).
 *
 * ENDPOINTS below is the table of what is attacked; every attack is its own test,
 * so the run lists exactly what was tried. Routes added to the apps that are not
 * in the table are found from the controllers' metadata and get the generic attacks.
 */
import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { counterDisplayModule } from '../../apps/counter-display/src/counter-display.module';
import { ticketingModule } from '../../apps/ticketing/src/ticketing.module';
import { triageModule } from '../../apps/triage/src/triage.module';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { Api, RawReply, expectStatus, sendRaw } from '../support/http';

jest.setTimeout(120_000);

type AppName = 'triage' | 'ticketing' | 'counter-display';
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
/** Callers at site A: the bootstrap super admin, an admin of site A only, site staff and devices. */
const WHO = ['super', 'adminA', 'supervisor', 'floor', 'counter', 'kiosk', 'display'] as const;
type Who = (typeof WHO)[number];
const STAFF: Who[] = ['super', 'adminA', 'supervisor', 'floor', 'counter'];
const ADMINS: Who[] = ['super', 'adminA'];
const COUNTER_STAFF: Who[] = ['super', 'adminA', 'supervisor', 'counter'];
const FLOOR_STAFF: Who[] = ['super', 'adminA', 'supervisor', 'floor'];

/** Fixture values by name; resolved once the system is up. */
type V = Record<string, string>;

/** Unique names for bodies that create things, so a body that wrongly passes validation shows as 2xx, not as a clash. */
let made = 0;
const uniq = () => `${process.pid.toString(36)}-${(++made).toString(36)}`;
const prefixFor = (n: number) => String.fromCharCode(65 + (n % 26)) + String.fromCharCode(65 + (Math.floor(n / 26) % 26)) + 'Q';

interface Field {
  name: string;
  kind: 'string' | 'uuid' | 'int' | 'number' | 'enum' | 'object' | 'array' | 'bool';
  optional?: boolean;
  /** Further statuses that are a right answer (a password is never stored, so a NUL in it is just wrong: 401). */
  also?: number[];
}

interface Endpoint {
  app: AppName;
  method: Method;
  path: string;
  /** Who at site A may call it per the contract; 'public' needs no token. */
  allowed: Who[] | 'public';
  /** The allowed caller used for body and id attacks. */
  as: Who | 'none';
  /** A valid body (fixture values by name) and its fields; no body: the route takes none. */
  body?: (v: V) => Record<string, unknown>;
  fields?: Field[];
  /** Path parameters that differ from the defaults (fixture names). */
  params?: Record<string, string>;
}

const DEFAULT_PARAMS: Record<string, string> = {
  siteId: 'siteA',
  serviceId: 'serviceA0',
  counterId: 'counterA0',
  ticketId: 'ticketA',
  deviceId: 'spareDeviceA',
  trackingToken: 'trackA',
  slug: 'slugA',
  municipality: 'municipalityA',
};
/** The same parameter naming something of site B. */
const OTHER_SITE: Record<string, string> = {
  siteId: 'siteB',
  serviceId: 'serviceB0',
  counterId: 'counterB0',
  ticketId: 'ticketB',
  deviceId: 'deviceB',
};
const UUID_PARAMS = new Set(['siteId', 'serviceId', 'counterId', 'ticketId', 'deviceId', 'appointmentId', 'userId']);

const ENDPOINTS: Endpoint[] = [
  // every app
  ...(['triage', 'ticketing', 'counter-display'] as const).flatMap((app): Endpoint[] => [
    { app, method: 'GET', path: '/health', allowed: 'public', as: 'none' },
    {
      app,
      method: 'POST',
      path: '/auth/login',
      allowed: 'public',
      as: 'none',
      // A new username each time: the same one would soon be refused for guessing (429), see login-guessing.spec.ts.
      body: () => ({ username: `nobody-${uniq()}`, password: 'wrong-password' }),
      fields: [{ name: 'username', kind: 'string' }, { name: 'password', kind: 'string', also: [401] }],
    },
  ]),
  // ticketing
  {
    app: 'ticketing',
    method: 'POST',
    path: '/sites/:siteId/tickets',
    allowed: ['super', 'adminA', 'supervisor', 'floor', 'counter', 'kiosk'],
    as: 'kiosk',
    body: (v) => ({ serviceId: v.serviceA0, language: 'en', priority: 0 }),
    fields: [{ name: 'serviceId', kind: 'uuid' }, { name: 'language', kind: 'enum', optional: true }, { name: 'priority', kind: 'int', optional: true }, { name: 'appointmentId', kind: 'uuid', optional: true }],
  },
  { app: 'ticketing', method: 'GET', path: '/tickets/track/:trackingToken', allowed: 'public', as: 'none' },
  { app: 'ticketing', method: 'GET', path: '/public/sites/:slug/wait-times', allowed: 'public', as: 'none' },
  { app: 'ticketing', method: 'GET', path: '/public/municipalities/:municipality/wait-times', allowed: 'public', as: 'none' },
  // triage: configuration
  {
    app: 'triage',
    method: 'POST',
    path: '/sites',
    allowed: ['super'], // or a municipality administrator (test/e2e/municipality-admin.spec.ts)
    as: 'super',
    body: () => ({ slug: `bad-input-${uniq()}`, name: 'Borgerservice X', timezone: 'Europe/Copenhagen', openingHours: { weekly: { mon: [{ opens: '10:00', closes: '17:00' }] } } }),
    fields: [
      { name: 'slug', kind: 'string' },
      { name: 'name', kind: 'string' },
      { name: 'timezone', kind: 'string' },
      { name: 'openingHours', kind: 'object' },
      { name: 'municipality', kind: 'string', optional: true },
      { name: 'ordering', kind: 'object', optional: true },
      { name: 'settings', kind: 'object', optional: true },
    ],
  },
  { app: 'triage', method: 'GET', path: '/sites', allowed: STAFF, as: 'counter' },
  { app: 'triage', method: 'GET', path: '/sites/:siteId', allowed: STAFF, as: 'floor' },
  {
    app: 'triage',
    method: 'PATCH',
    path: '/sites/:siteId',
    allowed: ADMINS,
    as: 'adminA',
    body: () => ({ name: 'Borgerservice A', municipality: 'Testkommune' }),
    fields: [
      { name: 'name', kind: 'string', optional: true },
      { name: 'timezone', kind: 'string', optional: true },
      { name: 'openingHours', kind: 'object', optional: true },
      // A site admin naming another municipality is refused before the value is looked at.
      { name: 'municipality', kind: 'string', optional: true, also: [403] },
      { name: 'ordering', kind: 'object', optional: true },
      { name: 'settings', kind: 'object', optional: true },
    ],
  },
  {
    app: 'triage',
    method: 'POST',
    path: '/sites/:siteId/services',
    allowed: ADMINS,
    as: 'adminA',
    body: () => ({ code: `bad-input-${uniq()}`, prefix: prefixFor(made), names: { da: 'Ydelse', en: 'Service', de: 'Dienst' }, targetWaitMinutes: 15, serviceLevelPercent: 80 }),
    fields: [
      { name: 'code', kind: 'string' },
      { name: 'prefix', kind: 'string' },
      { name: 'names', kind: 'object' },
      { name: 'targetWaitMinutes', kind: 'int' },
      { name: 'serviceLevelPercent', kind: 'int' },
      { name: 'dailyCap', kind: 'int', optional: true },
      { name: 'groupName', kind: 'string', optional: true },
      { name: 'sortOrder', kind: 'int', optional: true },
    ],
  },
  { app: 'triage', method: 'GET', path: '/sites/:siteId/services', allowed: [...STAFF, 'kiosk', 'display'], as: 'kiosk' },
  {
    app: 'triage',
    method: 'PATCH',
    path: '/sites/:siteId/services/:serviceId',
    allowed: ADMINS,
    as: 'adminA',
    body: () => ({ targetWaitMinutes: 15 }),
    fields: [{ name: 'targetWaitMinutes', kind: 'int', optional: true }, { name: 'names', kind: 'object', optional: true }, { name: 'active', kind: 'bool', optional: true }, { name: 'prefix', kind: 'string', optional: true }],
  },
  { app: 'triage', method: 'DELETE', path: '/sites/:siteId/services/:serviceId', allowed: ADMINS, as: 'adminA', params: { serviceId: 'spareServiceA' } },
  {
    app: 'triage',
    method: 'POST',
    path: '/sites/:siteId/counters',
    allowed: ADMINS,
    as: 'adminA',
    body: (v) => ({ name: 'Skranke X', kind: 'counter', serviceIds: [v.serviceA0] }),
    fields: [{ name: 'name', kind: 'string' }, { name: 'kind', kind: 'enum' }, { name: 'seats', kind: 'int', optional: true }, { name: 'serviceIds', kind: 'array' }],
  },
  { app: 'triage', method: 'GET', path: '/sites/:siteId/counters', allowed: [...STAFF, 'display'], as: 'display' },
  {
    app: 'triage',
    method: 'PATCH',
    path: '/sites/:siteId/counters/:counterId',
    allowed: ['super', 'adminA', 'supervisor'],
    as: 'supervisor',
    body: (v) => ({ serviceIds: [v.serviceA0, v.serviceA1, v.serviceA2] }),
    // A supervisor sending name, kind or seats is refused (403) before the value is looked at.
    fields: [{ name: 'name', kind: 'string', optional: true, also: [403] }, { name: 'kind', kind: 'enum', optional: true, also: [403] }, { name: 'seats', kind: 'int', optional: true, also: [403] }, { name: 'serviceIds', kind: 'array', optional: true }],
  },
  { app: 'triage', method: 'DELETE', path: '/sites/:siteId/counters/:counterId', allowed: ADMINS, as: 'adminA', params: { counterId: 'spareCounterA' } },
  {
    app: 'triage',
    method: 'POST',
    path: '/users',
    allowed: ADMINS,
    as: 'adminA',
    body: (v) => ({ username: `bad-input-${uniq()}`, password: 'password-123', displayName: 'X', roles: [{ siteId: v.siteA, role: 'counter' }] }),
    fields: [{ name: 'username', kind: 'string' }, { name: 'password', kind: 'string' }, { name: 'displayName', kind: 'string' }, { name: 'roles', kind: 'array' }],
  },
  { app: 'triage', method: 'GET', path: '/users', allowed: ADMINS, as: 'adminA' },
  { app: 'triage', method: 'POST', path: '/users/:userId/unlock', allowed: ADMINS, as: 'adminA', params: { userId: 'userIdCounterA' } },
  {
    app: 'triage',
    method: 'PATCH',
    path: '/users/:userId',
    allowed: ADMINS,
    as: 'adminA',
    params: { userId: 'victimUserA' },
    body: () => ({ displayName: 'X' }),
    fields: [{ name: 'displayName', kind: 'string', optional: true }, { name: 'password', kind: 'string', optional: true }, { name: 'roles', kind: 'array', optional: true }, { name: 'municipalityAdmin', kind: 'array', optional: true }, { name: 'active', kind: 'bool', optional: true }],
  },
  { app: 'triage', method: 'DELETE', path: '/users/:userId', allowed: ADMINS, as: 'adminA' },
  {
    app: 'triage',
    method: 'POST',
    path: '/sites/:siteId/devices',
    allowed: ADMINS,
    as: 'adminA',
    body: () => ({ kind: 'display', name: 'Skærm' }),
    fields: [{ name: 'kind', kind: 'enum' }, { name: 'name', kind: 'string' }],
  },
  { app: 'triage', method: 'GET', path: '/sites/:siteId/devices', allowed: ADMINS, as: 'adminA' },
  { app: 'triage', method: 'DELETE', path: '/sites/:siteId/devices/:deviceId', allowed: ADMINS, as: 'adminA' },
  // triage: the floor
  {
    app: 'triage',
    method: 'POST',
    path: '/sites/:siteId/encounters',
    allowed: FLOOR_STAFF,
    as: 'floor',
    body: (v) => ({ outcome: 'ticket', topic: 'pas', ticket: { serviceId: v.serviceA0, note: 'Har brug for tolk' } }),
    fields: [{ name: 'outcome', kind: 'enum' }, { name: 'topic', kind: 'string', optional: true }, { name: 'referralTarget', kind: 'string', optional: true }, { name: 'ticket', kind: 'object', optional: true }],
  },
  { app: 'triage', method: 'GET', path: '/sites/:siteId/floor-state', allowed: FLOOR_STAFF, as: 'floor' },
  // counter-display: counters
  { app: 'counter-display', method: 'POST', path: '/counters/:counterId/open', allowed: COUNTER_STAFF, as: 'counter' },
  {
    app: 'counter-display',
    method: 'POST',
    path: '/counters/:counterId/pause',
    allowed: COUNTER_STAFF,
    as: 'counter',
    body: () => ({ reason: 'Frokost' }),
    fields: [{ name: 'reason', kind: 'string', optional: true }],
  },
  { app: 'counter-display', method: 'POST', path: '/counters/:counterId/close', allowed: COUNTER_STAFF, as: 'counter' },
  {
    app: 'counter-display',
    method: 'POST',
    path: '/counters/:counterId/call-next',
    allowed: COUNTER_STAFF,
    as: 'counter',
    body: () => ({ seat: 1 }),
    fields: [{ name: 'seat', kind: 'int', optional: true }],
  },
  // counter-display: tickets
  { app: 'counter-display', method: 'POST', path: '/tickets/:ticketId/recall', allowed: COUNTER_STAFF, as: 'counter' },
  { app: 'counter-display', method: 'POST', path: '/tickets/:ticketId/start', allowed: COUNTER_STAFF, as: 'counter' },
  { app: 'counter-display', method: 'POST', path: '/tickets/:ticketId/no-show', allowed: COUNTER_STAFF, as: 'counter' },
  { app: 'counter-display', method: 'POST', path: '/tickets/:ticketId/cancel', allowed: [...COUNTER_STAFF, 'floor'], as: 'floor', params: { ticketId: 'victimTicketA' } },
  {
    app: 'counter-display',
    method: 'POST',
    path: '/tickets/:ticketId/transfer',
    allowed: [...COUNTER_STAFF, 'floor'],
    as: 'floor',
    body: (v) => ({ serviceId: v.serviceA1, placement: 'back' }),
    fields: [{ name: 'serviceId', kind: 'uuid' }, { name: 'placement', kind: 'enum' }],
  },
  {
    app: 'counter-display',
    method: 'POST',
    path: '/tickets/:ticketId/finish',
    allowed: COUNTER_STAFF,
    as: 'counter',
    body: () => ({ outcome: 'resolved', helpMode: 'advice' }),
    fields: [{ name: 'outcome', kind: 'enum' }, { name: 'helpMode', kind: 'enum', optional: true }],
  },
  { app: 'counter-display', method: 'GET', path: '/sites/:siteId/display-state', allowed: [...STAFF, 'display'], as: 'display' },
];

const label = (e: Pick<Endpoint, 'app' | 'method' | 'path'>) => `${e.app} ${e.method} ${e.path}`;
const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);

// ---------------------------------------------------------------------------
// Routes the apps really serve, read from the controllers' metadata, so a new
// route cannot escape the generic attacks.
// ---------------------------------------------------------------------------
interface DiscoveredRoute {
  app: AppName;
  method: Method;
  path: string;
  isPublic: boolean;
  rule?: { site: string; roles?: string[]; devices?: string[] };
}

function discoverRoutes(): DiscoveredRoute[] {
  const env = { NODE_ENV: 'test', DATABASE_URL: 'postgres://localhost/none', REDIS_URL: 'redis://localhost', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' };
  const modules: [AppName, unknown][] = [
    ['triage', triageModule({ env })],
    ['ticketing', ticketingModule({ env })],
    ['counter-display', counterDisplayModule({ env })],
  ];
  const out: DiscoveredRoute[] = [];
  for (const [app, mod] of modules) {
    for (const ctrl of (Reflect.getMetadata('controllers', mod as object) ?? []) as (new (...a: unknown[]) => unknown)[]) {
      const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = ctrl.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] as Method;
        for (const base of bases) {
          for (const p of ([] as string[]).concat(paths)) {
            const path = ('/' + [base, p].filter(Boolean).join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            out.push({
              app,
              method,
              path,
              isPublic: !!(Reflect.getMetadata('skranke:public', handler) ?? Reflect.getMetadata('skranke:public', ctrl)),
              rule: Reflect.getMetadata('skranke:access', handler) ?? Reflect.getMetadata('skranke:access', ctrl),
            });
          }
        }
      }
    }
  }
  return out;
}

const DISCOVERED = discoverRoutes();
const IN_TABLE = new Set(ENDPOINTS.map(label));
// Logout would end the tokens the attacks use: test/e2e/ending-sessions.spec.ts covers it.
const EXTRA = DISCOVERED.filter((r) => !IN_TABLE.has(label(r)) && !['/health', '/auth/login', '/auth/logout'].includes(r.path));

// ---------------------------------------------------------------------------
// A raw HTTP client: GET with a body, any header, any size.
// ---------------------------------------------------------------------------
type Raw = RawReply;

function send(baseUrl: string, method: string, path: string, opts: { token?: string; auth?: string; body?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  const url = new URL(baseUrl + path);
  const headers: Record<string, string | number> = { ...opts.headers };
  if (opts.auth !== undefined) headers.authorization = opts.auth;
  else if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    headers['content-length'] = Buffer.byteLength(opts.body);
  }
  return sendRaw(baseUrl, method, url.pathname + url.search, { headers, body: opts.body });
}

const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

function describeReply(method: string, path: string, r: Raw) {
  return `${method} ${path.length > 120 ? path.slice(0, 120) + '…' : path} → ${r.status} ${r.text.slice(0, 300)}`;
}

/** Never 5xx; any 4xx carries {"error": {code: snake_case, message}}. */
function assertWellFormed(method: string, path: string, r: Raw) {
  const what = describeReply(method, path, r);
  if (r.status >= 500 || r.status < 100) throw new Error(`server error or broken connection: ${what}`);
  if (r.status >= 400) {
    const err = r.body?.error;
    if (!err || typeof err.code !== 'string' || !SNAKE.test(err.code) || typeof err.message !== 'string' || !err.message.trim()) {
      throw new Error(`4xx without {"error": {code, message}}: ${what}`);
    }
  }
}

/** `expected`: a status, a list of statuses, '4xx', or 'ok' (anything but 5xx). */
type Expect = { status: number | number[] | '4xx' | 'ok'; code?: string | string[] };

function assertReply(method: string, path: string, r: Raw, expected: Expect) {
  assertWellFormed(method, path, r);
  const what = describeReply(method, path, r);
  const s = expected.status;
  const okStatus = s === 'ok' ? true : s === '4xx' ? r.status >= 400 && r.status < 500 : ([] as number[]).concat(s).includes(r.status);
  if (!okStatus) throw new Error(`expected ${JSON.stringify(s)}: ${what}`);
  if (expected.code && !([] as string[]).concat(expected.code).includes(r.body?.error?.code)) throw new Error(`expected code ${expected.code}: ${what}`);
}

// ---------------------------------------------------------------------------
// The attacks.
// ---------------------------------------------------------------------------
const MB = 1024 * 1024;
const BIG = 'x'.repeat(MB);
/** Just under the 64 kB body limit: reaches validation. */
const LONG = 'æ'.repeat(30_000);

interface Attack {
  endpoint: string;
  what: string;
  run: (ctx: Ctx) => Promise<void>;
}

interface Ctx {
  sys: TestSystem;
  v: V;
  tokens: Record<string, string>;
  base: (app: AppName) => string;
}

function b64url(x: string | Buffer) {
  return Buffer.from(x).toString('base64url');
}
function jwt(payload: object, secret: string, alg = 'HS256') {
  const head = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const sig = alg === 'none' ? '' : createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Authorization headers that must all be refused with 401. */
const GARBAGE_AUTH: [string, (ctx: Ctx) => string][] = [
  ['garbage bearer token', () => 'Bearer garbage'],
  ['random device-looking token', () => `Bearer skd_${b64url(randomUUID())}`],
  ['JWT signed with another secret', (c) => `Bearer ${jwt({ sub: c.v.userIdCounterA, username: 'x', exp: Math.floor(Date.now() / 1000) + 3600 }, 'not-the-secret-at-all-0000000000')}`],
  ['expired JWT', (c) => `Bearer ${jwt({ sub: c.v.userIdCounterA, username: 'x', iat: 1000, exp: 2000 }, c.sys.env.JWT_SECRET)}`],
  ['unsigned alg=none JWT', (c) => `Bearer ${jwt({ sub: c.v.userIdCounterA, username: 'x' }, '', 'none')}`],
  ['JWT of an unknown user', (c) => `Bearer ${jwt({ sub: randomUUID(), username: 'ghost', exp: Math.floor(Date.now() / 1000) + 3600 }, c.sys.env.JWT_SECRET)}`],
  ['JWT with a non-UUID subject', (c) => `Bearer ${jwt({ sub: "1' OR '1'='1", username: 'x', exp: Math.floor(Date.now() / 1000) + 3600 }, c.sys.env.JWT_SECRET)}`],
  ['Basic scheme', () => 'Basic YWRtaW46YWRtaW4tcGFzc3dvcmQ='],
  ['empty Bearer', () => 'Bearer '],
  ['8 kB token', () => `Bearer ${'a'.repeat(8000)}`],
  ['latin-1 bytes in the token', () => 'Bearer \u00e6\u00f8\u00e5'],
];

const MALFORMED_JSON = ['{"serviceId":', '{', '{"a":1}}', "{'a':1}", 'nul', '[1,2', '{"a":"\\x"}', '{"a":1,}', '\u0000'];
const NOT_OBJECTS = ['42', '"text"', 'null', 'true'];
const BAD_IDS: [string, string][] = [
  ['not a UUID', 'not-a-uuid'],
  ['a number', '12345'],
  ['SQL in the id', encodeURIComponent("1' OR '1'='1")],
  ['æøå', encodeURIComponent('æøå')],
  ['UUID with a bad digit', '00000000-0000-4000-8000-00000000000g'],
  ['UUID in braces', encodeURIComponent('{3f2504e0-4f89-11d3-9a0c-0305e82c3301}')],
  ['5 kB id', 'a'.repeat(5000)],
  ['percent-encoded NUL', '%00'],
  ['broken percent-encoding', '%FF%E0%A4%A'],
];

const WRONG_VALUES: Record<Field['kind'], [string, unknown][]> = {
  string: [['a number', 12345], ['an array', ['x']], ['an object', { a: 1 }], ['a boolean', true], ['a 30k-char string', LONG], ['a NUL character', 'a\u0000b']],
  uuid: [['a number', 12345], ['an array', []], ['an object', {}], ['not a UUID', 'abc'], ['a 30k-char string', LONG]],
  int: [['a string', '1'], ['a fraction', 1.5], ['a huge number', 1e300], ['an array', [1]], ['an object', { n: 1 }], ['a boolean', true], ['a negative number', -1]],
  number: [['a string', '1'], ['an array', [1]], ['an object', {}], ['a boolean', true]],
  enum: [['a number', 1], ['an unknown value', 'nonsense'], ['an array', ['resolved']], ['an object', {}], ['a 30k-char string', LONG]],
  object: [['a number', 7], ['a string', 'x'], ['an empty array', []], ['an array of objects', [{}]], ['a boolean', false]],
  array: [['a number', 7], ['a string', 'x'], ['an object', { 0: 'x' }], ['a nested array', [['x']]], ['an array of numbers', [1, 2]]],
  bool: [['a string', 'true'], ['a number', 1], ['an array', []], ['an object', {}]],
};

function buildAttacks(): Attack[] {
  const attacks: Attack[] = [];
  const add = (e: Endpoint | DiscoveredRoute, what: string, run: Attack['run']) => attacks.push({ endpoint: label(e), what, run });

  for (const e of ENDPOINTS) {
    const isPublic = e.allowed === 'public';
    const params = paramsOf(e.path);
    const siteScoped = params.some((p) => ['siteId', 'counterId', 'ticketId'].includes(p));
    const pathWith = (v: V, override: Record<string, string> = {}) =>
      e.path.replace(/:(\w+)/g, (_m, p: string) => override[p] ?? encodeURIComponent(v[e.params?.[p] ?? DEFAULT_PARAMS[p]] ?? randomUUID()));
    const tokenOf = (c: Ctx, who: Who | 'none') => (who === 'none' ? undefined : c.tokens[who]);
    const call = (c: Ctx, opts: { path?: string; token?: string; auth?: string; body?: string; contentType?: string }) =>
      send(c.base(e.app), e.method, opts.path ?? pathWith(c.v), opts);
    const validBody = (c: Ctx) => (e.body ? e.body(c.v) : {});
    const hasDto = !!e.fields;

    // --- authentication
    add(e, 'no token', async (c) => {
      const p = pathWith(c.v);
      const r = await call(c, { path: p });
      assertReply(e.method, p, r, isPublic ? { status: 'ok' } : { status: 401, code: 'unauthenticated' });
    });
    if (!isPublic) {
      for (const [name, header] of GARBAGE_AUTH) {
        add(e, name, async (c) => {
          const p = pathWith(c.v);
          assertReply(e.method, p, await call(c, { path: p, auth: header(c) }), { status: 401, code: 'unauthenticated' });
        });
      }
      // --- authorisation: every caller the contract does not name
      for (const who of WHO.filter((w) => !(e.allowed as Who[]).includes(w))) {
        add(e, `wrong role: ${who}`, async (c) => {
          const p = pathWith(c.v);
          assertReply(e.method, p, await call(c, { path: p, token: tokenOf(c, who), body: e.body ? JSON.stringify(validBody(c)) : undefined }), { status: 403, code: 'forbidden' });
        });
      }
      if (siteScoped && e.as !== 'none') {
        add(e, `same role (${e.as}) at site B only`, async (c) => {
          const p = pathWith(c.v);
          const token = c.tokens[`${e.as}B`];
          assertReply(e.method, p, await call(c, { path: p, token, body: e.body ? JSON.stringify(validBody(c)) : undefined }), { status: 403, code: 'forbidden' });
        });
      }
    }

    // --- ids in the path
    for (const param of params) {
      const isUuid = UUID_PARAMS.has(param);
      for (const [name, value] of BAD_IDS) {
        add(e, `${param}: ${name}`, async (c) => {
          const p = pathWith(c.v, { [param]: value });
          const r = await call(c, { path: p, token: tokenOf(c, e.as), body: e.body ? JSON.stringify(validBody(c)) : undefined });
          // A UUID parameter: 400. A token or slug: it names nothing (404), or cannot even be read (400).
          assertReply(e.method, p, r, isUuid ? { status: 400 } : { status: [400, 404] });
        });
      }
      add(e, `${param}: unknown UUID`, async (c) => {
        const p = pathWith(c.v, { [param]: randomUUID() });
        assertReply(e.method, p, await call(c, { path: p, token: tokenOf(c, e.as), body: e.body ? JSON.stringify(validBody(c)) : undefined }), { status: 404 });
      });
      add(e, `${param}: nil UUID`, async (c) => {
        const p = pathWith(c.v, { [param]: '00000000-0000-0000-0000-000000000000' });
        assertReply(e.method, p, await call(c, { path: p, token: tokenOf(c, e.as), body: e.body ? JSON.stringify(validBody(c)) : undefined }), { status: 404 });
      });
      if (OTHER_SITE[param] && !isPublic) {
        // The caller is staff of site A: a site B id at the top is forbidden, nested under site A it does not exist.
        const top = param === params[0];
        add(e, `${param}: id of site B`, async (c) => {
          const p = pathWith(c.v, { [param]: c.v[OTHER_SITE[param]] });
          const r = await call(c, { path: p, token: tokenOf(c, e.as), body: e.body ? JSON.stringify(validBody(c)) : undefined });
          assertReply(e.method, p, r, top ? { status: 403, code: 'forbidden' } : { status: 404 });
        });
      }
    }

    // --- bodies
    const token = (c: Ctx) => tokenOf(c, e.as);
    for (const raw of MALFORMED_JSON) {
      add(e, `malformed JSON ${JSON.stringify(raw)}`, async (c) => {
        assertReply(e.method, e.path, await call(c, { token: token(c), body: raw }), { status: 400, code: 'malformed_json' });
      });
    }
    for (const raw of NOT_OBJECTS) {
      add(e, `JSON body ${raw}`, async (c) => {
        assertReply(e.method, e.path, await call(c, { token: token(c), body: raw }), hasDto ? { status: 400 } : { status: 'ok' });
      });
    }
    add(e, 'JSON array body', async (c) => {
      assertReply(e.method, e.path, await call(c, { token: token(c), body: JSON.stringify([validBody(c)]) }), hasDto ? { status: 400 } : { status: 'ok' });
    });
    add(e, '1 MB JSON body', async (c) => {
      assertReply(e.method, e.path, await call(c, { token: token(c), body: JSON.stringify({ ...validBody(c), padding: BIG }) }), { status: 413, code: 'payload_too_large' });
    });
    add(e, '1 MB of whitespace', async (c) => {
      assertReply(e.method, e.path, await call(c, { token: token(c), body: ' '.repeat(MB) + '{}' }), { status: 413, code: 'payload_too_large' });
    });
    add(e, '1 MB form-encoded body', async (c) => {
      assertReply(e.method, e.path, await call(c, { token: token(c), body: `a=${BIG}`, contentType: 'application/x-www-form-urlencoded' }), { status: 413, code: 'payload_too_large' });
    });
    add(e, 'JSON sent as text/plain', async (c) => {
      const r = await call(c, { token: token(c), body: JSON.stringify(validBody(c)), contentType: 'text/plain' });
      // Not parsed: the body is empty, so a route with required fields refuses it.
      const required = e.fields?.some((f) => !f.optional);
      assertReply(e.method, e.path, r, required ? { status: [400, 415] } : { status: 'ok' });
    });
    add(e, 'unknown field', async (c) => {
      const r = await call(c, { token: token(c), body: JSON.stringify({ ...validBody(c), isAdmin: true }) });
      assertReply(e.method, e.path, r, hasDto ? { status: 400 } : { status: 'ok' });
    });
    add(e, '__proto__ and constructor keys', async (c) => {
      const body = JSON.stringify(validBody(c)).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted2":true}},').replace(/,}$/, '}');
      // Dropped or refused, but never merged into anything (the apps run in this process).
      assertReply(e.method, e.path, await call(c, { token: token(c), body }), { status: 'ok' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    });
    for (const f of e.fields ?? []) {
      for (const [name, value] of WRONG_VALUES[f.kind]) {
        add(e, `${f.name}: ${name}`, async (c) => {
          assertReply(e.method, e.path, await call(c, { token: token(c), body: JSON.stringify({ ...validBody(c), [f.name]: value }) }), { status: [400, ...(f.also ?? [])] });
        });
      }
      add(e, `${f.name}: a 1 MB string`, async (c) => {
        assertReply(e.method, e.path, await call(c, { token: token(c), body: JSON.stringify({ ...validBody(c), [f.name]: BIG }) }), { status: 413, code: 'payload_too_large' });
      });
      if (!f.optional) {
        add(e, `${f.name}: null`, async (c) => {
          assertReply(e.method, e.path, await call(c, { token: token(c), body: JSON.stringify({ ...validBody(c), [f.name]: null }) }), { status: 400 });
        });
        add(e, `${f.name}: missing`, async (c) => {
          const body = { ...validBody(c) };
          delete body[f.name];
          assertReply(e.method, e.path, await call(c, { token: token(c), body: JSON.stringify(body) }), { status: 400 });
        });
      }
    }
  }

  // Routes not in the table: the generic attacks, expectations from their access rule.
  for (const r of EXTRA) {
    const params = paramsOf(r.path);
    const pathWith = (v: V, override: Record<string, string> = {}) =>
      r.path.replace(/:(\w+)/g, (_m, p: string) => override[p] ?? encodeURIComponent(v[DEFAULT_PARAMS[p]] ?? randomUUID()));
    const go = (c: Ctx, opts: { path?: string; token?: string; auth?: string; body?: string; contentType?: string }) => send(c.base(r.app), r.method, opts.path ?? pathWith(c.v), opts);
    add(r, '(not in table) no token', async (c) => {
      const p = pathWith(c.v);
      assertReply(r.method, p, await go(c, { path: p }), r.isPublic ? { status: 'ok' } : { status: 401 });
    });
    add(r, '(not in table) garbage token', async (c) => {
      const p = pathWith(c.v);
      assertReply(r.method, p, await go(c, { path: p, auth: 'Bearer garbage' }), r.isPublic ? { status: 'ok' } : { status: 401 });
    });
    if (!r.isPublic && r.rule) {
      add(r, '(not in table) display token', async (c) => {
        const p = pathWith(c.v);
        assertReply(r.method, p, await go(c, { path: p, token: c.tokens.display }), r.rule!.devices?.includes('display') ? { status: 'ok' } : { status: 403 });
      });
    }
    add(r, '(not in table) malformed JSON', async (c) => {
      assertReply(r.method, r.path, await go(c, { token: c.tokens.super, body: '{"serviceId":' }), { status: 400, code: 'malformed_json' });
    });
    add(r, '(not in table) 1 MB body', async (c) => {
      assertReply(r.method, r.path, await go(c, { token: c.tokens.super, body: JSON.stringify({ a: BIG }) }), { status: 413 });
    });
    for (const [name, body] of [['junk fields', { a: 1, serviceId: [], note: { x: 1 } }], ['array body', [1, 2]], ['long strings', { note: LONG, name: LONG, reason: LONG }]] as const) {
      add(r, `(not in table) ${name}`, async (c) => {
        assertReply(r.method, r.path, await go(c, { token: c.tokens.super, body: JSON.stringify(body) }), { status: 'ok' });
      });
    }
    for (const param of params) {
      add(r, `(not in table) ${param}: not a UUID`, async (c) => {
        const p = pathWith(c.v, { [param]: 'not-a-uuid' });
        assertReply(r.method, p, await go(c, { path: p, token: c.tokens.super }), { status: '4xx' });
      });
      add(r, `(not in table) ${param}: unknown UUID`, async (c) => {
        const p = pathWith(c.v, { [param]: randomUUID() });
        assertReply(r.method, p, await go(c, { path: p, token: c.tokens.super }), { status: '4xx' });
      });
    }
  }
  return attacks;
}

const ATTACKS = buildAttacks();

// ---------------------------------------------------------------------------

describe('bad input never produces a 5xx', () => {
  let sys: TestSystem;
  let A: SiteFixture;
  let B: SiteFixture;
  const ctx = {} as Ctx;

  beforeAll(async () => {
    sys = await startSystem();
    A = await seedSite(sys, { municipality: 'Testkommune' }); // as the PATCH body below sets it
    B = await seedSite(sys);
    const superToken = await login(sys.triage, ADMIN.username, ADMIN.password);
    const root = sys.triage.as(superToken);
    const run = Math.random().toString(36).slice(2, 8);
    const tokens: Record<string, string> = {
      super: superToken,
      supervisor: A.tokens.supervisor,
      floor: A.tokens.floor,
      counter: A.tokens.counter,
      kiosk: A.tokens.kiosk,
      display: A.tokens.display,
      supervisorB: B.tokens.supervisor,
      floorB: B.tokens.floor,
      counterB: B.tokens.counter,
      kioskB: B.tokens.kiosk,
      displayB: B.tokens.display,
    };
    for (const [site, key] of [[A, 'adminA'], [B, 'adminAB']] as const) {
      const username = `admin-only-${site.slug}`;
      expectStatus(await root.post('/users', { username, password: 'password-123', displayName: 'Site admin', roles: [{ siteId: site.siteId, role: 'admin' }] }), 201);
      tokens[key] = await login(sys.triage, username, 'password-123');
    }
    const v: V = { run, siteA: A.siteId, siteB: B.siteId, slugA: A.slug, slugB: B.slug, municipalityA: 'testkommune' };
    v.serviceA0 = A.services[0].id;
    v.serviceA1 = A.services[1].id;
    v.serviceA2 = A.services[2].id;
    v.serviceB0 = B.services[0].id;
    v.counterA0 = A.counters[0].id;
    v.counterB0 = B.counters[0].id;
    const spareService = await root.post(`/sites/${A.siteId}/services`, { code: 'spare', prefix: 'Z', names: { da: 'Reserve', en: 'Spare', de: 'Reserve' }, targetWaitMinutes: 15, serviceLevelPercent: 80 });
    expectStatus(spareService, 201);
    v.spareServiceA = spareService.body.id;
    const spareCounter = await root.post(`/sites/${A.siteId}/counters`, { name: 'Reserve', kind: 'desk', serviceIds: [v.serviceA0] });
    expectStatus(spareCounter, 201);
    v.spareCounterA = spareCounter.body.id;
    for (const [site, key] of [[A, 'spareDeviceA'], [B, 'deviceB']] as const) {
      const d = await root.post(`/sites/${site.siteId}/devices`, { kind: 'display', name: 'Reserve' });
      expectStatus(d, 201);
      v[key] = d.body.id;
    }
    const issue = async (site: SiteFixture) => {
      const r = await sys.ticketing.as(site.tokens.kiosk).post(`/sites/${site.siteId}/tickets`, { serviceId: site.services[0].id });
      expectStatus(r, 201);
      return r.body;
    };
    const ta = await issue(A);
    const tb = await issue(B);
    v.ticketA = ta.id;
    v.trackA = ta.trackingToken;
    v.ticketB = tb.id;
    v.trackB = tb.trackingToken;
    v.victimTicketA = (await issue(A)).id;
    const me = await sys.triage.as(A.tokens.counter).get('/sites');
    expectStatus(me, 200);
    v.userIdCounterA = JSON.parse(Buffer.from(A.tokens.counter.split('.')[1], 'base64url').toString()).sub;
    const victim = await sys.triage.as(tokens.super).post('/users', { username: `victim-${uniq()}`, password: 'password-123', displayName: 'Victim', roles: [{ siteId: A.siteId, role: 'counter' }] });
    expectStatus(victim, 201);
    v.victimUserA = victim.body.id;
    const bases: Record<AppName, string> = { triage: sys.triage.baseUrl, ticketing: sys.ticketing.baseUrl, 'counter-display': sys.counterDisplay[0].baseUrl };
    Object.assign(ctx, { sys, v, tokens, base: (app: AppName) => bases[app] });
  });
  afterAll(() => sys?.stop());

  it('the table names only routes the apps serve', () => {
    const served = new Set(DISCOVERED.map(label));
    const stale = ENDPOINTS.filter((e) => e.path !== '/health' && e.path !== '/auth/login' && !served.has(label(e))).map(label);
    expect(stale).toEqual([]);
    if (EXTRA.length) console.log(`Routes not in the table, given the generic attacks:\n${EXTRA.map((r) => '  ' + label(r)).join('\n')}`);
  });

  it.each(ATTACKS.map((a) => [a.endpoint, a.what, a] as const))('%s — %s', async (_e, _w, attack) => {
    await attack.run(ctx);
  });

  describe('beyond the app: the HTTP server itself', () => {
    it('a 1 MB path is refused with a 4xx, not a 5xx', async () => {
      const r = await send(ctx.base('counter-display'), 'POST', `/tickets/${'a'.repeat(MB)}/start`, { token: ctx.tokens.counter });
      // The server answers after 16 kB and closes; we may still be writing (EPIPE) and never see the answer.
      if (r.status !== -1) assertReply('POST', '/tickets/<1 MB>/start', r, { status: 431, code: 'headers_too_large' });
    });

    it('a 20 kB path, query string or header is a 431 with the error body', async () => {
      const long = 'a'.repeat(20_000);
      assertReply('POST', '/tickets/<20 kB>/start', await send(ctx.base('counter-display'), 'POST', `/tickets/${long}/start`, { token: ctx.tokens.counter }), { status: 431, code: 'headers_too_large' });
      assertReply('GET', 'wait-times?x=<20 kB>', await send(ctx.base('ticketing'), 'GET', `/public/sites/${ctx.v.slugA}/wait-times?x=${long}`), { status: 431, code: 'headers_too_large' });
      assertReply('GET', '/sites (20 kB token)', await send(ctx.base('triage'), 'GET', '/sites', { auth: `Bearer ${long}` }), { status: 431, code: 'headers_too_large' });
    });

    it('bytes that are not HTTP are a 400 with the error body', async () => {
      const { connect } = await import('node:net');
      const url = new URL(ctx.base('triage'));
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.write('HELLO THERE\r\n\r\n'));
        let out = '';
        socket.on('data', (d) => (out += d));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    });

    it('an unknown route answers 404 with the error body', async () => {
      for (const app of ['triage', 'ticketing', 'counter-display'] as const) {
        const r = await send(ctx.base(app), 'POST', '/no/such/route', { token: ctx.tokens.super, body: '{}' });
        assertReply('POST', '/no/such/route', r, { status: 404 });
      }
    });

    it('a method the route does not have answers 404 or 405 with the error body', async () => {
      const r = await send(ctx.base('counter-display'), 'GET', `/counters/${ctx.v.counterA0}/call-next`, { token: ctx.tokens.counter });
      assertReply('GET', '/counters/:id/call-next', r, { status: [404, 405] });
    });

    it('a bad Idempotency-Key is a 400', async () => {
      for (const key of ['x'.repeat(201), 'with space', '\u00e6\u00f8\u00e5']) {
        const r = await send(ctx.base('ticketing'), 'POST', `/sites/${ctx.v.siteA}/tickets`, {
          token: ctx.tokens.kiosk,
          body: JSON.stringify({ serviceId: ctx.v.serviceA0 }),
          headers: { 'idempotency-key': key },
        });
        assertReply('POST', '/sites/:siteId/tickets', r, { status: 400, code: 'invalid_idempotency_key' });
      }
    });
  });

  describe('specific answers', () => {
    const cd = () => ctx.sys.counterDisplay[0];
    const as = (api: Api, who: string) => api.as(ctx.tokens[who]);
    const wellFormed = (r: { status: number; body: any }, status: number, code?: string) => {
      const raw = { status: r.status, body: r.body, text: JSON.stringify(r.body ?? '') };
      assertReply('', '', raw, { status, code });
    };

    async function freshTicket(serviceId = ctx.v.serviceA0) {
      const r = await ctx.sys.ticketing.as(ctx.tokens.kiosk).post(`/sites/${ctx.v.siteA}/tickets`, { serviceId });
      expectStatus(r, 201);
      return r.body;
    }

    it('400 for validation: a non-UUID serviceId, a lowercase prefix, an unknown outcome', async () => {
      wellFormed(await as(ctx.sys.ticketing, 'kiosk').post(`/sites/${ctx.v.siteA}/tickets`, { serviceId: 'nope' }), 400, 'validation_failed');
      wellFormed(await as(ctx.sys.triage, 'adminA').post(`/sites/${ctx.v.siteA}/services`, { code: 'x', prefix: 'p1', names: { da: 'a', en: 'b', de: 'c' }, targetWaitMinutes: 15, serviceLevelPercent: 80 }), 400, 'validation_failed');
      wellFormed(await as(ctx.sys.triage, 'floor').post(`/sites/${ctx.v.siteA}/encounters`, { outcome: 'teleported' }), 400, 'validation_failed');
    });

    it('400 for wrong nested types: arrays where objects belong, bad members', async () => {
      const admin = as(ctx.sys.triage, 'adminA');
      const service = { code: 'nested', prefix: 'N', targetWaitMinutes: 15, serviceLevelPercent: 80 };
      for (const names of [[], [{ da: 'a', en: 'b', de: 'c' }], { da: 1, en: 'b', de: 'c' }, { da: 'a' }]) {
        wellFormed(await admin.post(`/sites/${ctx.v.siteA}/services`, { ...service, names }), 400);
      }
      for (const ordering of [[], [{ policy: 'fifo' }], { policy: 'random' }, { policy: 'fifo', preferenceDecay: 2 }]) {
        wellFormed(await admin.patch(`/sites/${ctx.v.siteA}`, { ordering }), 400);
      }
      for (const roles of [['counter'], [[]], [[{ siteId: ctx.v.siteA, role: 'counter' }]], [null], [{ siteId: ctx.v.siteA, role: 'king' }], [{ siteId: 'x', role: 'counter' }]]) {
        for (const who of ['adminA', 'super']) {
          wellFormed(await as(ctx.sys.triage, who).post('/users', { username: `nested-${uniq()}`, password: 'password-123', displayName: 'x', roles }), 400);
        }
      }
      const floor = as(ctx.sys.triage, 'floor');
      for (const ticket of [[], [{ serviceId: ctx.v.serviceA0 }], { serviceId: 1 }, { serviceId: ctx.v.serviceA0, flags: 'tolk' }, { serviceId: ctx.v.serviceA0, note: 5 }]) {
        wellFormed(await floor.post(`/sites/${ctx.v.siteA}/encounters`, { outcome: 'ticket', ticket }), 400);
      }
      wellFormed(await admin.patch(`/sites/${ctx.v.siteA}`, { timezone: 'Mars/Olympus_Mons' }), 400, 'invalid_timezone');
      wellFormed(await admin.patch(`/sites/${ctx.v.siteA}`, { openingHours: { weekly: { mon: [{ opens: '17:00', closes: '09:00' }] } } }), 400, 'invalid_opening_hours');
      wellFormed(await admin.patch(`/sites/${ctx.v.siteA}`, { settings: { noShowAfterSeconds: 'soon' } }), 400, 'invalid_settings');
      wellFormed(await admin.patch(`/sites/${ctx.v.siteA}`, { settings: { unknownSetting: 1 } }), 400, 'invalid_settings');
    });

    it('401 without a token', async () => {
      wellFormed(await cd().post(`/counters/${ctx.v.counterA0}/call-next`), 401, 'unauthenticated');
      wellFormed(await ctx.sys.triage.get('/sites'), 401, 'unauthenticated');
      wellFormed(await ctx.sys.ticketing.post(`/sites/${ctx.v.siteA}/tickets`, { serviceId: ctx.v.serviceA0 }), 401, 'unauthenticated');
    });

    it('401 for wrong credentials at login', async () => {
      wellFormed(await ctx.sys.triage.post('/auth/login', { username: ADMIN.username, password: 'wrong' }), 401, 'invalid_credentials');
    });

    it('403: a display token cannot call any counter endpoint', async () => {
      const t = await freshTicket();
      const display = as(cd(), 'display');
      for (const a of ['open', 'pause', 'close', 'call-next']) wellFormed(await display.post(`/counters/${ctx.v.counterA0}/${a}`), 403, 'forbidden');
      for (const a of ['recall', 'start', 'no-show', 'cancel']) wellFormed(await display.post(`/tickets/${t.id}/${a}`), 403, 'forbidden');
      wellFormed(await display.post(`/tickets/${t.id}/transfer`, { serviceId: ctx.v.serviceA1, placement: 'back' }), 403, 'forbidden');
      wellFormed(await display.post(`/tickets/${t.id}/finish`, { outcome: 'resolved' }), 403, 'forbidden');
      // …nor issue tickets, while it may read the display state.
      wellFormed(await as(ctx.sys.ticketing, 'display').post(`/sites/${ctx.v.siteA}/tickets`, { serviceId: ctx.v.serviceA0 }), 403, 'forbidden');
      expectStatus(await display.get(`/sites/${ctx.v.siteA}/display-state`), 200);
      wellFormed(await display.get(`/sites/${ctx.v.siteB}/display-state`), 403, 'forbidden');
    });

    it('403: a counter user of site A cannot act on site B’s counter or tickets', async () => {
      const counterA = as(cd(), 'counter');
      for (const a of ['open', 'pause', 'close', 'call-next']) wellFormed(await counterA.post(`/counters/${ctx.v.counterB0}/${a}`), 403, 'forbidden');
      for (const a of ['recall', 'start', 'no-show', 'cancel']) wellFormed(await counterA.post(`/tickets/${ctx.v.ticketB}/${a}`), 403, 'forbidden');
      wellFormed(await counterA.post(`/tickets/${ctx.v.ticketB}/finish`, { outcome: 'resolved' }), 403, 'forbidden');
      wellFormed(await counterA.post(`/tickets/${ctx.v.ticketB}/transfer`, { serviceId: ctx.v.serviceB0, placement: 'front' }), 403, 'forbidden');
      // A kiosk of site A cannot issue at site B.
      wellFormed(await as(ctx.sys.ticketing, 'kiosk').post(`/sites/${ctx.v.siteB}/tickets`, { serviceId: ctx.v.serviceB0 }), 403, 'forbidden');
      // Site B's ticket was not touched.
      expect((await ctx.sys.ticketing.get(`/tickets/track/${ctx.v.trackB}`)).body.status).toBe('waiting');
    });

    it('403: an admin of site A cannot change site B', async () => {
      const admin = as(ctx.sys.triage, 'adminA');
      wellFormed(await admin.patch(`/sites/${ctx.v.siteB}`, { name: 'Taken over' }), 403, 'forbidden');
      wellFormed(await admin.post(`/sites/${ctx.v.siteB}/services`, { code: 'evil', prefix: 'E', names: { da: 'a', en: 'b', de: 'c' }, targetWaitMinutes: 15, serviceLevelPercent: 80 }), 403, 'forbidden');
      wellFormed(await admin.patch(`/sites/${ctx.v.siteB}/services/${ctx.v.serviceB0}`, { targetWaitMinutes: 1 }), 403, 'forbidden');
      wellFormed(await admin.post(`/sites/${ctx.v.siteB}/counters`, { name: 'Evil', kind: 'counter', serviceIds: [ctx.v.serviceB0] }), 403, 'forbidden');
      wellFormed(await admin.patch(`/sites/${ctx.v.siteB}/counters/${ctx.v.counterB0}`, { name: 'Evil' }), 403, 'forbidden');
      wellFormed(await admin.delete(`/sites/${ctx.v.siteB}/counters/${ctx.v.counterB0}`), 403, 'forbidden');
      wellFormed(await admin.post(`/sites/${ctx.v.siteB}/devices`, { kind: 'kiosk', name: 'Evil' }), 403, 'forbidden');
      wellFormed(await admin.delete(`/sites/${ctx.v.siteB}/devices/${ctx.v.deviceB}`), 403, 'forbidden');
      wellFormed(await admin.get(`/sites/${ctx.v.siteB}`), 403, 'forbidden');
      wellFormed(await admin.post('/users', { username: 'evil-b', password: 'password-123', displayName: 'x', roles: [{ siteId: ctx.v.siteB, role: 'admin' }] }), 403, 'forbidden');
      // Site B's things, named under site A's path, do not exist there.
      wellFormed(await admin.patch(`/sites/${ctx.v.siteA}/services/${ctx.v.serviceB0}`, { targetWaitMinutes: 1 }), 404);
      wellFormed(await admin.patch(`/sites/${ctx.v.siteA}/counters/${ctx.v.counterB0}`, { name: 'Evil' }), 404);
      wellFormed(await admin.delete(`/sites/${ctx.v.siteA}/devices/${ctx.v.deviceB}`), 404);
      wellFormed(await admin.post(`/sites/${ctx.v.siteA}/counters`, { name: 'Mixed', kind: 'counter', serviceIds: [ctx.v.serviceB0] }), 400, 'service_not_found');
      // Nothing changed at site B, and site B's staff stay hidden.
      const b = await ctx.sys.triage.as(ctx.tokens.super).get(`/sites/${ctx.v.siteB}`);
      expect(b.body.name).not.toBe('Taken over');
      const users = await admin.get('/users');
      expectStatus(users, 200);
      expect(users.body.some((u: any) => u.roles.some((r: any) => r.siteId === ctx.v.siteB))).toBe(false);
    });

    it('403: a floor user cannot reach configuration', async () => {
      const floor = as(ctx.sys.triage, 'floor');
      wellFormed(await floor.post('/sites', { slug: 'floor-site', name: 'x', timezone: 'Europe/Copenhagen', openingHours: { weekly: {} } }), 403, 'forbidden');
      wellFormed(await floor.patch(`/sites/${ctx.v.siteA}`, { name: 'x' }), 403, 'forbidden');
      wellFormed(await floor.post(`/sites/${ctx.v.siteA}/services`, { code: 'f', prefix: 'F', names: { da: 'a', en: 'b', de: 'c' }, targetWaitMinutes: 15, serviceLevelPercent: 80 }), 403, 'forbidden');
      wellFormed(await floor.patch(`/sites/${ctx.v.siteA}/services/${ctx.v.serviceA0}`, { targetWaitMinutes: 1 }), 403, 'forbidden');
      wellFormed(await floor.post(`/sites/${ctx.v.siteA}/counters`, { name: 'F', kind: 'counter', serviceIds: [ctx.v.serviceA0] }), 403, 'forbidden');
      wellFormed(await floor.patch(`/sites/${ctx.v.siteA}/counters/${ctx.v.counterA0}`, { name: 'F' }), 403, 'forbidden');
      wellFormed(await floor.post('/users', { username: 'floor-made', password: 'password-123', displayName: 'x', roles: [{ siteId: ctx.v.siteA, role: 'admin' }] }), 403, 'forbidden');
      wellFormed(await floor.get('/users'), 403, 'forbidden');
      wellFormed(await floor.post(`/sites/${ctx.v.siteA}/devices`, { kind: 'kiosk', name: 'F' }), 403, 'forbidden');
      wellFormed(await floor.get(`/sites/${ctx.v.siteA}/devices`), 403, 'forbidden');
    });

    it('404 for unknown ids', async () => {
      const counter = as(cd(), 'counter');
      wellFormed(await counter.post(`/tickets/${randomUUID()}/start`), 404, 'ticket_not_found');
      wellFormed(await counter.post(`/counters/${randomUUID()}/call-next`), 404, 'counter_not_found');
      wellFormed(await ctx.sys.ticketing.get(`/tickets/track/${'A'.repeat(32)}`), 404, 'ticket_not_found');
      wellFormed(await ctx.sys.ticketing.get(`/public/sites/no-such-site/wait-times`), 404, 'site_not_found');
      wellFormed(await ctx.sys.ticketing.get(`/public/municipalities/no-such-kommune/wait-times`), 404, 'municipality_not_found');
      wellFormed(await ctx.sys.ticketing.get(`/public/municipalities/No%20such/wait-times`), 400, 'invalid_municipality_slug');
      wellFormed(await as(ctx.sys.triage, 'super').get(`/sites/${randomUUID()}`), 404, 'site_not_found');
    });

    it('references to another site’s things in a body are refused', async () => {
      wellFormed(await as(ctx.sys.ticketing, 'kiosk').post(`/sites/${ctx.v.siteA}/tickets`, { serviceId: ctx.v.serviceB0 }), 400, 'service_not_found');
      const t = await freshTicket();
      wellFormed(await as(cd(), 'floor').post(`/tickets/${t.id}/transfer`, { serviceId: ctx.v.serviceB0, placement: 'back' }), 404, 'service_not_found');
      wellFormed(await as(ctx.sys.triage, 'floor').post(`/sites/${ctx.v.siteA}/encounters`, { outcome: 'ticket', ticket: { serviceId: ctx.v.serviceB0 } }), 400, 'service_not_found');
      expect((await ctx.sys.ticketing.get(`/tickets/track/${t.trackingToken}`)).body.status).toBe('waiting');
    });

    it('409 for an illegal transition: starting a waiting ticket, finishing it, closing a counter with a citizen', async () => {
      const counter = as(cd(), 'counter');
      const t = await freshTicket(ctx.v.serviceA2);
      wellFormed(await counter.post(`/tickets/${t.id}/start`), 409, 'illegal_transition');
      wellFormed(await counter.post(`/tickets/${t.id}/recall`), 409, 'illegal_transition');
      wellFormed(await counter.post(`/tickets/${t.id}/finish`, { outcome: 'resolved' }), 409, 'illegal_transition');
      expectStatus(await counter.post(`/tickets/${t.id}/cancel`), 200);
      wellFormed(await counter.post(`/tickets/${t.id}/cancel`), 409, 'illegal_transition');
      wellFormed(await counter.post(`/tickets/${t.id}/transfer`, { serviceId: ctx.v.serviceA1, placement: 'back' }), 409, 'illegal_transition');
    });

    it('409 for counter state: calling at a closed counter, closing with a citizen at it', async () => {
      const counter = as(cd(), 'counter');
      const other = (await as(ctx.sys.triage, 'super').post(`/sites/${ctx.v.siteA}/counters`, { name: 'Skranke 409', kind: 'counter', serviceIds: [ctx.v.serviceA2] })).body.id;
      wellFormed(await counter.post(`/counters/${other}/call-next`), 409, 'counter_not_open');
      expectStatus(await counter.post(`/counters/${other}/open`), 200);
      await freshTicket(ctx.v.serviceA2);
      const called = await counter.post(`/counters/${other}/call-next`);
      expectStatus(called, 200);
      wellFormed(await counter.post(`/counters/${other}/close`), 409, 'counter_has_active_ticket');
      wellFormed(await counter.post(`/counters/${other}/call-next`), 409, 'seat_busy');
      wellFormed(await counter.post(`/counters/${other}/call-next`, { seat: 2 }), 400, 'invalid_seat');
      // 422 for a domain rule: no-show right after the call.
      wellFormed(await counter.post(`/tickets/${called.body.ticket.id}/no-show`), 422, 'no_show_too_early');
      expectStatus(await counter.post(`/tickets/${called.body.ticket.id}/recall`), 200);
      expectStatus(await counter.post(`/tickets/${called.body.ticket.id}/no-show`), 200);
      expectStatus(await counter.post(`/counters/${other}/close`), 200);
    });

    it.each([
      ['ddmmyy-xxxx', 'Borger 010190-1234 vil have nyt pas'],
      ['ddmmyyxxxx', 'cpr 0101901234'],
      ['ddmmyy xxxx', '311299 9999'],
      ['ddmmyy-xxxx alone', '150677-4321'],
    ])('400 cpr_number_in_note for a note with a CPR number (%s), and no ticket is issued', async (_shape, note) => {
      const floor = as(ctx.sys.triage, 'floor');
      const waitingTickets = async () => {
        const state = await floor.get(`/sites/${ctx.v.siteA}/floor-state`);
        expectStatus(state, 200);
        return state.body.services.flatMap((s: any) => s.tickets) as any[];
      };
      const before = await waitingTickets();
      const r = await floor.post(`/sites/${ctx.v.siteA}/encounters`, { outcome: 'ticket', ticket: { serviceId: ctx.v.serviceA1, note } });
      wellFormed(r, 400, 'cpr_number_in_note');
      expect(JSON.stringify(r.body)).not.toContain(note);
      const after = await waitingTickets();
      expect(after.map((t) => t.id).sort()).toEqual(before.map((t) => t.id).sort());
      expect(JSON.stringify(after)).not.toContain(note);
    });

    it('a note with a phone number or a date is accepted', async () => {
      const floor = as(ctx.sys.triage, 'floor');
      for (const note of ['Ring 12345678', 'Tid 2026-03-29 kl. 10']) {
        const r = await floor.post(`/sites/${ctx.v.siteA}/encounters`, { outcome: 'ticket', ticket: { serviceId: ctx.v.serviceA1, note } });
        expect(r.status).toBe(201);
        expect(r.body.ticket).toBeTruthy();
      }
    });
  });
});
