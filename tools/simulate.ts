/**
 * `npm run simulate -- --site demo --speed 60 [--seed 1] [--minutes 120]`:
 * plays a simulated day through the real APIs so the screens come alive.
 * Uses the bootstrap administrator (BOOTSTRAP_ADMIN_USERNAME/PASSWORD, or the demo's admin/skranke-admin).
 */
import { loadConfig } from '../libs/config/src';
import { driveDay } from './simulate/http-day-driver';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function main() {
  const config = loadConfig();
  const slug = arg('site', 'demo')!;
  const speed = Number(arg('speed', '60'));
  const seed = Number(arg('seed', '1'));
  const minutes = arg('minutes') ? Number(arg('minutes')) : undefined;
  if (!(speed > 0) || !Number.isInteger(seed)) throw new Error('--speed must be a positive number and --seed an integer');
  const call = (base: string, token: string | null) => async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json().catch(() => null) };
  };
  const login = await call(config.urls.triage, null)('POST', '/auth/login', {
    username: process.env.BOOTSTRAP_ADMIN_USERNAME || 'admin',
    password: process.env.BOOTSTRAP_ADMIN_PASSWORD || 'skranke-admin',
  });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const triage = call(config.urls.triage, login.body.accessToken);
  const site = (await triage('GET', '/sites')).body.find((s: { slug: string }) => s.slug === slug);
  if (!site) throw new Error(`no site "${slug}"`);
  const services: { id: string; code: string }[] = (await triage('GET', `/sites/${site.id}/services`)).body;
  const counters: { id: string; seats: number }[] = (await triage('GET', `/sites/${site.id}/counters`)).body;
  const kiosk = (await triage('POST', `/sites/${site.id}/devices`, { kind: 'kiosk', name: `Simulator ${new Date().toISOString()}` })).body;
  const issueApi = call(config.urls.ticketing, kiosk.token);
  const staff = call(config.urls.counterDisplay, login.body.accessToken);
  console.error(`Simulating a day at ${site.name}, ${speed}x real time, seed ${seed}…`);
  try {
    const stats = await driveDay(
      {
        siteId: site.id,
        serviceFor: (id) => (services.find((s) => s.code.startsWith(id.split('-')[0])) ?? services[0]).id,
        counters,
        issue: async (serviceId, priority) => {
          const res = await issueApi('POST', `/sites/${site.id}/tickets`, { serviceId, priority });
          return res.status === 201 ? res.body : null;
        },
        staff: (method, path, body) => staff(method, path, body ?? {}),
      },
      { seed, speed, minutes, log: (line) => console.error(line) },
    );
    console.log(JSON.stringify({ site: slug, speed, seed, ...stats }, null, 2));
  } finally {
    await triage('DELETE', `/sites/${site.id}/devices/${kiosk.id}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
