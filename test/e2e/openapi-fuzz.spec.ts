/**
 * Every operation the three apps publish in their OpenAPI documents, attacked
 * from the documents themselves: schema-violating, wrong-type, oversized, deeply
 * nested (10,000 levels) and missing input in the body, path and query, sent by
 * a caller that is allowed to call it. Every PATCH field also gets each value its
 * POST refuses. No answer may be a 5xx, every refusal carries {error: {code,
 * message}}, and the site still works afterwards. Operations the apps add later
 * are found in the documents and attacked the same way.
 */
import { randomUUID } from 'node:crypto';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { Api, RawReply, expectStatus, sendRaw } from '../support/http';
import { io } from 'socket.io-client';
import { Decoder, Encoder, Packet } from 'socket.io-parser';

jest.setTimeout(180_000);

type Schema = { $ref?: string; type?: string; format?: string; enum?: unknown[]; example?: unknown; properties?: Record<string, Schema>; required?: string[]; items?: Schema; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; nullable?: boolean };
interface Operation {
  app: string;
  base: string;
  method: string;
  path: string;
  params: string[];
  body?: Schema;
  doc: { components?: { schemas?: Record<string, Schema> } };
}
interface Attempt {
  what: string;
  reply: RawReply;
}

/** A small seeded generator (mulberry32), so every run sends the same input. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(16);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
const uuid = () => Array.from({ length: 32 }, () => pick([...'0123456789abcdef'])).join('').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const garbage = (n: number) => Array.from({ length: n }, () => pick(['a', 'Æ', '0', ' ', '\u0000', '\u202e', '"', '\\', '<', '😀', '%', '\n'])).join('');

const DEPTH = 10_000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
/** Values of the wrong type or shape for any field. */
const WRONG = (): unknown[] => [null, '', ' ', 0, -1, 1.5, 1e308, true, [], {}, ['x'], { a: 1 }, 'x'.repeat(5000), garbage(40), '\u0000', uuid()];

let sys: TestSystem;
let f: SiteFixture;
const ids: Record<string, string> = {};
const tokens: Record<string, string | undefined> = {};
const operations: Operation[] = [];
let made = 0;
let prefixes = 0;
const uniq = () => `${process.pid.toString(36)}${(++made).toString(36)}`;

function resolve(doc: Operation['doc'], s: Schema | undefined): Schema | undefined {
  return s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop()!] : s;
}

/** A valid value for a field, from its schema, its example, or what its name says it holds at the seeded site. */
function sample(doc: Operation['doc'], name: string, raw: Schema | undefined): unknown {
  const s = resolve(doc, raw);
  const byName: Record<string, () => unknown> = {
    slug: () => `fuzz-${uniq()}`,
    code: () => `fuzz-${uniq()}`,
    // Unique per site (service_prefix): a counter of its own, three letters (17,576 before one repeats).
    prefix: () => {
      const n = ++prefixes;
      return [n % 26, Math.floor(n / 26) % 26, Math.floor(n / 676) % 26].map((k) => String.fromCharCode(65 + k)).join('');
    },
    username: () => `fuzz-${uniq()}`,
    password: () => 'password-123',
    serviceId: () => ids.serviceId,
    serviceIds: () => [ids.serviceId],
    siteId: () => ids.siteId,
    name: () => `Fuzz ${uniq()}`,
    displayName: () => `Fuzz ${uniq()}`,
    // A webhook's address: public, and an IP so that no name needs resolving offline.
    url: () => 'https://93.184.215.14/hooks/fuzz',
  };
  if (byName[name]) return byName[name]();
  if (!s) return undefined;
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  if (s.properties) {
    return Object.fromEntries((s.required ?? []).map((k) => [k, sample(doc, k, s.properties![k])]));
  }
  switch (s.type) {
    case 'string':
      return s.format === 'date-time' ? new Date(Date.now() + 3_600_000).toISOString() : 'fuzz';
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return {};
  }
}

/** Values the schema itself rules out, besides the generally wrong ones. */
function violations(doc: Operation['doc'], raw: Schema | undefined): unknown[] {
  const s = resolve(doc, raw) ?? {};
  const out: unknown[] = WRONG();
  if (s.enum) out.push('not-one-of-them');
  if (s.maxLength !== undefined) out.push('x'.repeat(s.maxLength + 1));
  if (s.minimum !== undefined) out.push(s.minimum - 1);
  if (s.maximum !== undefined) out.push(s.maximum + 1);
  if (s.example !== undefined && typeof s.example === 'string') out.push(`${s.example}/..`, s.example.toUpperCase() + '!');
  return out;
}

/** Null, empty and blank always, and a seeded half of the rest: every operation has many fields, and the run stays short. */
const halfOf = (values: unknown[]) => values.filter((_, i) => i < 3 || random() < 0.5);

function fillPath(op: Operation, override: Record<string, string> = {}) {
  return op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(override[name] ?? ids[name] ?? uuid()));
}

async function send(op: Operation, token: string | undefined, opts: { path?: string; body?: string; contentType?: string; query?: string } = {}): Promise<RawReply> {
  const headers: Record<string, string | number> = { 'idempotency-key': randomUUID() };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = opts.body ?? (op.method === 'GET' ? undefined : '{}');
  if (body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return sendRaw(op.base, op.method, (opts.path ?? fillPath(op)) + (opts.query ?? ''), { headers, body });
}

const CALLERS = ['kiosk', 'display', 'admin', 'super', 'none'] as const;
/** The first caller (kiosk first, for issuing) the operation does not refuse as unauthenticated or forbidden. */
async function callerFor(op: Operation): Promise<string | undefined> {
  for (const who of CALLERS) {
    const r = await send(op, tokens[who]);
    if (r.status !== 401 && r.status !== 403) return tokens[who];
  }
  return tokens.admin;
}

/** What is wrong with an answer: a 5xx, a broken connection, or a refusal without the error shape. */
function fault(a: Attempt): string | null {
  const { status, body } = a.reply;
  if (status >= 500 || status < 200) return `${a.what} → ${status} ${a.reply.text.slice(0, 200)}`;
  if (status >= 400 && !(typeof body?.error?.code === 'string' && /^[a-z0-9_]+$/.test(body.error.code) && typeof body.error.message === 'string')) {
    return `${a.what} → ${status} without the error shape: ${a.reply.text.slice(0, 200)}`;
  }
  return null;
}

beforeAll(async () => {
  sys = await startSystem({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' } });
  f = await seedSite(sys, { services: 3, counters: 2, municipality: 'Fuzzby Kommune' });
  const admin = sys.triage.as(f.tokens.admin);
  // The fuzzed callers are their own users and devices, so a logout or revocation the fuzzing triggers cannot touch the fixture's.
  const fuzzAdmin = `fuzz-admin-${process.pid}`;
  expectStatus(await admin.post('/users', { username: fuzzAdmin, password: 'password-123', displayName: 'Fuzz admin', roles: [{ siteId: f.siteId, role: 'admin' }] }), 201);
  tokens.admin = await login(sys.triage, fuzzAdmin, 'password-123');
  tokens.super = await login(sys.triage, ADMIN.username, ADMIN.password);
  for (const kind of ['kiosk', 'display'] as const) tokens[kind] = (await admin.post(`/sites/${f.siteId}/devices`, { kind, name: `fuzz ${kind}` })).body.token;
  // Path parameters name real things of the site, spares that the attacks may change or remove.
  const spareService = await admin.post(`/sites/${f.siteId}/services`, { code: 'spare', prefix: 'X', names: { da: 'Reserve', en: 'Spare', de: 'Ersatz' }, targetWaitMinutes: 15, serviceLevelPercent: 80 });
  const spareCounter = await admin.post(`/sites/${f.siteId}/counters`, { name: 'Reserve', kind: 'counter', serviceIds: [spareService.body.id] });
  const spareDevice = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: 'spare kiosk' });
  const spareUser = await admin.post('/users', { username: `spare-${process.pid}`, password: 'password-123', displayName: 'Spare', roles: [{ siteId: f.siteId, role: 'floor' }] });
  const ticket = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: spareService.body.id });
  const appointment = await sys.ticketing.as(f.tokens.admin).post(`/sites/${f.siteId}/appointments`, { serviceId: spareService.body.id, startsAt: new Date(Date.now() + 86_400_000).toISOString() });
  // A booked time with a manage link, so the manage endpoints (move, cancel, calendar) are attacked with a real token.
  expectStatus(await admin.patch(`/sites/${f.siteId}/services/${spareService.body.id}`, { bookable: true, appointmentMinutes: 15, minNoticeMinutes: 0, maxDaysAhead: 30 }), 200);
  const allDay = [{ counterId: spareCounter.body.id, opens: '00:00', closes: '24:00' }];
  expectStatus(await admin.put(`/sites/${f.siteId}/counter-plan`, { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])) }), 200);
  expectStatus(await admin.put(`/sites/${f.siteId}/services/${spareService.body.id}/booking-share`, { share: 1 }), 200);
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const free = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${spareService.body.id}&from=${from}&to=${to}`);
  expectStatus(free, 200);
  const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: spareService.body.id, startsAt: free.body.days.find((d: { slots: unknown[] }) => d.slots.length).slots[0].startsAt });
  expectStatus(booked, 201);
  Object.assign(ids, {
    siteId: f.siteId,
    slug: f.slug,
    municipality: 'fuzzby-kommune',
    serviceId: spareService.body.id,
    counterId: spareCounter.body.id,
    deviceId: spareDevice.body.id,
    userId: spareUser.body.id,
    ticketId: ticket.body.id,
    trackingToken: ticket.body.trackingToken,
    appointmentId: appointment.body.id,
    manageToken: booked.body.manageToken,
  });
  for (const [app, api] of [['triage', sys.triage], ['ticketing', sys.ticketing], ['counter-display', sys.counterDisplay[0]]] as [string, Api][]) {
    const base = api.baseUrl.replace(/\/api\/v1$/, '');
    const doc = await (await fetch(`${base}/api/docs-json`)).json();
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, spec] of Object.entries<any>(item)) {
        const params = (spec.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
        operations.push({ app, base, method: method.toUpperCase(), path, params, body: spec.requestBody?.content?.['application/json']?.schema, doc });
      }
    }
  }
  // What removes or ends things goes last, so the other attacks meet live ids.
  operations.sort((a, b) => Number(a.method === 'DELETE' || /logout/.test(a.path)) - Number(b.method === 'DELETE' || /logout/.test(b.path)));
});

afterAll(() => sys?.stop());

it('the three documents list the operations of the contract', () => {
  const listed = operations.map((o) => `${o.method} ${o.path}`);
  for (const known of ['POST /api/v1/auth/login', 'PATCH /api/v1/sites/{siteId}', 'POST /api/v1/sites/{siteId}/tickets', 'POST /api/v1/tickets/track/{trackingToken}/survey', 'POST /api/v1/counters/{counterId}/pause',
    'GET /api/v1/public/sites/{slug}/appointment-slots', 'POST /api/v1/public/sites/{slug}/appointments', 'POST /api/v1/public/appointments/{manageToken}/move',
    'POST /api/v1/public/appointments/{manageToken}/cancel', 'GET /api/v1/public/appointments/{manageToken}/calendar.ics', 'POST /api/v1/sites/{siteId}/appointments/book',
    'PUT /api/v1/sites/{siteId}/counter-plan', 'PUT /api/v1/sites/{siteId}/services/{serviceId}/booking-share']) {
    expect(listed).toContain(known);
  }
});

it('no operation answers bad input with a 5xx or without the error shape', async () => {
  const faults: string[] = [];
  let sent = 0;
  for (const op of operations) {
    const token = await callerFor(op);
    const tag = `${op.app} ${op.method} ${op.path}`;
    const attempts: [string, Parameters<typeof send>[2]][] = [];
    // Path parameters: not ids, unknown ids, oversized and strange.
    for (const param of op.params) {
      for (const v of ['not-a-uuid', uuid(), 'x'.repeat(2000), garbage(12)]) attempts.push([`${param}=${JSON.stringify(v).slice(0, 30)}`, { path: fillPath(op, { [param]: v }) }]);
    }
    // Query strings the apps do not read, nested as qs would nest them, and deep.
    attempts.push(['nested query', { query: '?a[b][c][d]=1&a[b][e]=2&__proto__[x]=1' }], ['deep query', { query: '?' + 'a' + '[a]'.repeat(1000) + '=1' }], ['repeated query', { query: '?' + Array.from({ length: 500 }, () => 'a=1').join('&') }]);
    if (op.method !== 'GET') {
      attempts.push(
        ['deep array body', { body: deepArray }],
        ['deep object body', { body: deepObject }],
        ['broken JSON', { body: '{"a":' }],
        ['JSON null', { body: 'null' }],
        ['JSON array', { body: '[]' }],
        ['JSON string', { body: '"x"' }],
        ['JSON number', { body: '42' }],
        ['text body', { body: 'address=nothing', contentType: 'text/plain' }],
        ['form body, nested', { body: 'a[b][c]=1&address=x', contentType: 'application/x-www-form-urlencoded' }],
        ['oversized body', { body: JSON.stringify({ a: 'x'.repeat(100_000) }) }],
        ['20,000 values', { body: JSON.stringify(Array.from({ length: 20_000 }, () => 0)) }],
        ['prototype keys', { body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' }],
      );
      const schema = resolve(op.doc, op.body);
      const base = schema ? (sample(op.doc, '', schema) as Record<string, unknown>) : {};
      for (const [field, fieldSchema] of Object.entries(schema?.properties ?? {})) {
        attempts.push([`${field} deep`, { body: `{"${field}":${deepArray}}` }]);
        for (const v of halfOf(violations(op.doc, fieldSchema))) attempts.push([`${field}=${JSON.stringify(v).slice(0, 30)}`, { body: JSON.stringify({ ...base, [field]: v }) }]);
        // Missing: everything else valid, this field left out.
        const { [field]: _left, ...rest } = base;
        attempts.push([`${field} missing`, { body: JSON.stringify(rest) }]);
      }
    }
    // A few at a time: the input is the same every run; only the interleaving on the server varies.
    for (let i = 0; i < attempts.length; i += 6) {
      const batch = attempts.slice(i, i + 6);
      const replies = await Promise.all(batch.map(([, opts]) => send(op, token, opts)));
      replies.forEach((reply, j) => {
        const problem = fault({ what: `${tag} ${batch[j][0]}`, reply });
        if (problem) faults.push(problem);
      });
      sent += batch.length;
    }
  }
  expect(faults).toEqual([]);
  expect(sent).toBeGreaterThan(1500);
});

it('every PATCH field refuses each value its POST refuses', async () => {
  const faults: string[] = [];
  const compared: string[] = [];
  // The fuzzing above ended its callers' tokens (logout, deactivation): sign in afresh.
  tokens.super = await login(sys.triage, ADMIN.username, ADMIN.password);
  for (const patch of operations.filter((o) => o.method === 'PATCH')) {
    const collection = patch.path.replace(/\/\{\w+\}$/, '');
    const post = operations.find((o) => o.method === 'POST' && o.path === collection && o.app === patch.app);
    if (!post) continue;
    compared.push(patch.path);
    const createBody = () => sample(post.doc, '', resolve(post.doc, post.body)) as Record<string, unknown>;
    // The thing to patch is made for the purpose, by a caller who may make it (and becomes its site's admin).
    const made = await send(post, tokens.super, { body: JSON.stringify(createBody()) });
    if (made.status !== 201) throw new Error(`no valid create body for POST ${collection} (teach sample() its fields): ${made.status} ${made.text}`);
    const target = fillPath(patch, { [patch.params[patch.params.length - 1]]: made.body.id });
    const patchSchema = resolve(patch.doc, patch.body);
    const createFields = resolve(post.doc, post.body)?.properties ?? {};
    for (const [field, fieldSchema] of Object.entries(patchSchema?.properties ?? {}).filter(([name]) => name in createFields)) {
      const nested = resolve(patch.doc, fieldSchema)?.properties;
      const values: [string, unknown][] = violations(patch.doc, fieldSchema).map((v) => [field, v]);
      // One level down as well (names.da, ordering.policy), the rest of the object valid.
      for (const [sub, subSchema] of Object.entries(nested ?? {})) {
        for (const v of violations(patch.doc, subSchema)) values.push([`${field}.${sub}`, { ...(sample(patch.doc, field, fieldSchema) as object), [sub]: v }]);
      }
      for (const [what, v] of values) {
        const created = await send(post, tokens.super, { body: JSON.stringify({ ...createBody(), [field]: v }) });
        if (created.status < 400 || created.status >= 500) continue;
        const patched = await send(patch, tokens.super, { path: target, body: JSON.stringify({ [field]: v }) });
        if (patched.status < 400 || patched.status >= 500) {
          faults.push(`PATCH ${patch.path} ${what}=${JSON.stringify(what === field ? v : (v as Record<string, unknown>)[what.split('.')[1]]).slice(0, 40)}: POST ${created.status} ${created.body?.error?.code}, PATCH ${patched.status}`);
        }
      }
    }
  }
  expect(compared).toEqual(expect.arrayContaining(['/api/v1/sites/{siteId}', '/api/v1/sites/{siteId}/services/{serviceId}', '/api/v1/sites/{siteId}/counters/{counterId}', '/api/v1/users/{userId}']));
  expect(faults).toEqual([]);
});

it('socket messages with wrong, deep and oversized payloads get an error answer, and the socket keeps serving', async () => {
  // socket.io's own client refuses to encode 10,000 levels (it walks them recursively); an attacker's
  // client would not, so the deep value goes into the frame as text, in place of a marker.
  class RawEncoder extends Encoder {
    override encode(packet: Packet) {
      return super.encode(packet).map((part) => (typeof part === 'string' ? part.replaceAll('"@deep"', deepObject) : part));
    }
  }
  const socket = io(sys.counterDisplayUrls[0], { path: '/socket.io', transports: ['websocket'], auth: { token: tokens.display }, forceNew: true, parser: { Encoder: RawEncoder, Decoder } });
  const deep = '@deep';
  try {
    for (const event of ['subscribe', 'sync']) {
      for (const payload of [null, 'x', 42, [], { siteId: deep, channel: 'display' }, { siteId: ids.siteId, channel: deep, sinceSeq: deep }, { siteId: 'x'.repeat(500_000) }]) {
        const ack = await socket.timeout(5000).emitWithAck(event, payload);
        expect(ack).toEqual({ ok: false, error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
      }
    }
    expect(await socket.timeout(5000).emitWithAck('subscribe', { siteId: ids.siteId, channel: 'display' })).toMatchObject({ ok: true });
  } finally {
    socket.close();
  }
});

it('afterwards the site still works: start screen, wait times, a ticket issued and called', async () => {
  expectStatus(await sys.ticketing.get(`/kiosk/sites/${f.slug}`), 200);
  expectStatus(await sys.ticketing.get(`/public/sites/${f.slug}/wait-times`), 200);
  const issued = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
  expectStatus(issued, 201);
  const counter = sys.counterDisplay[0].as(f.tokens.counter);
  expectStatus(await counter.post(`/counters/${f.counters[0].id}/open`), 200);
  const called = await counter.post(`/counters/${f.counters[0].id}/call-next`);
  expectStatus(called, 200);
  expect(JSON.stringify(called.body)).toContain(issued.body.id);
});
