/**
 * Which web pages may call the apps: the public answers (wait times, kiosk start screen,
 * ticket tracking) any page, without credentials; the staff endpoints and the realtime hub
 * only the apps' own pages and the origins in CORS_ORIGINS.
 */
import { io } from 'socket.io-client';
import { ConfigError, loadConfig } from '@skranke/config';
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

const EVIL = 'https://evil.example';
const INTRANET = 'https://intranet.example-kommune.dk';
const base = (api: Api) => api.baseUrl.replace(/\/api\/v1$/, '');

async function preflight(url: string, origin: string, method: string): Promise<Headers> {
  const res = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' } });
  return res.headers;
}

/** Whether a page of `origin` gets a socket on the hub. */
function hubAccepts(url: string, origin: string): Promise<boolean> {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { origin } });
  return new Promise((resolve) => {
    socket.on('connect', () => resolve(true));
    socket.on('connect_error', () => resolve(false));
  }).finally(() => socket.close()) as Promise<boolean>;
}

describe('CORS origins', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem({ env: { CORS_ORIGINS: INTRANET } });
    f = await seedSite(sys);
  });
  afterAll(() => sys.stop());

  it('staff endpoints answer the apps’ own pages and CORS_ORIGINS, and no other origin', async () => {
    const staff = [
      sys.triage.as(f.tokens.admin).request('GET', '/sites', undefined, { origin: EVIL }),
      sys.counterDisplay[0].as(f.tokens.counter).request('GET', '/me/counters', undefined, { origin: EVIL }),
    ];
    for (const reply of await Promise.all(staff)) {
      expect(reply.status).toBe(200); // the server answers; the browser keeps the answer from the page
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
    for (const origin of [base(sys.triage), base(sys.ticketing), INTRANET]) {
      const reply = await sys.counterDisplay[0].as(f.tokens.counter).request('GET', '/me/counters', undefined, { origin });
      expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
      expect(reply.headers.get('vary')).toMatch(/Origin/);
      expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // A floor tablet's call to another app asks first: refused for a stranger, allowed for the triage page.
    const call = `${sys.counterDisplayUrls[0]}/api/v1/counters/${f.counters[0].id}/call-next`;
    expect((await preflight(call, EVIL, 'POST')).get('access-control-allow-origin')).toBeNull();
    const allowed = await preflight(call, base(sys.triage), 'POST');
    expect(allowed.get('access-control-allow-origin')).toBe(base(sys.triage));
    expect(allowed.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('public answers may be read by any page, without credentials', async () => {
    for (const path of [`/public/sites/${f.slug}/wait-times`, `/kiosk/sites/${f.slug}`]) {
      const reply = await sys.ticketing.request('GET', path, undefined, { origin: EVIL });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBe('*');
      expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
      expect((await preflight(`${sys.ticketing.baseUrl}${path}`, EVIL, 'GET')).get('access-control-allow-origin')).toBe('*');
    }
    const missing = await sys.ticketing.request('GET', '/public/sites/no-such-site/wait-times', undefined, { origin: EVIL });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*'); // the page can read why
  });

  it('the realtime hub accepts the apps’ pages, CORS_ORIGINS and its own, and refuses other origins', async () => {
    const hub = sys.counterDisplayUrls[0];
    expect(await hubAccepts(hub, EVIL)).toBe(false);
    expect(await hubAccepts(hub, 'null')).toBe(false);
    for (const origin of [base(sys.ticketing), base(sys.triage), hub, INTRANET]) expect(await hubAccepts(hub, origin)).toBe(true);
  });

  it('CORS_ORIGINS must be a list of origins', () => {
    for (const bad of ['*', 'intranet.example.dk', 'https://a.dk/', 'https://a.dk/path', 'ftp://a.dk']) expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(ConfigError);
    expect(loadConfig({ CORS_ORIGINS: `${INTRANET}, http://10.0.0.5:8080` }).corsOrigins).toEqual([
      'http://localhost:3001',
      'http://localhost:3002',
      'http://localhost:3003',
      INTRANET,
      'http://10.0.0.5:8080',
    ]);
  });
});
