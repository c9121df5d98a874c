/**
 * The per-client limit counts the address a request came from; X-Forwarded-For is
 * believed only from the proxies named in TRUST_PROXY, so a caller cannot escape the
 * limit by naming a new address each time.
 */
import { ConfigError, loadConfig } from '@skranke/config';
import { seedSite } from '../support/fixtures';
import { Reply } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

const LIMIT = 10;

/** Runs `round` within one minute of the limit's window (should the minute turn during it, once more in the next). */
async function inOneWindow<T>(round: () => Promise<T>): Promise<T> {
  const minute = Math.floor(Date.now() / 60_000);
  const result = await round();
  if (Math.floor(Date.now() / 60_000) === minute) return result;
  await new Promise((r) => setTimeout(r, 61_000 - (Date.now() % 60_000)));
  return round();
}

async function withSystem(env: Record<string, string>, run: (sys: TestSystem, path: string) => Promise<void>) {
  const sys = await startSystem({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env } });
  try {
    const site = await seedSite(sys);
    await run(sys, `/public/sites/${site.slug}/wait-times`);
  } finally {
    await sys.stop();
  }
}

let n = 0;
const fromAddress = (sys: TestSystem, path: string, xff: string): Promise<Reply> => sys.ticketing.request('GET', path, undefined, { 'x-forwarded-for': xff });
const newAddress = () => `198.51.100.${++n % 250}, 203.0.113.${n % 199}`;
const statuses = (replies: Reply[]) => replies.map((r) => r.status);

describe('trusted proxies', () => {
  it('by default believes no X-Forwarded-For: a new address on each request is still one caller, refused after the limit', async () => {
    await withSystem({}, async (sys, path) => {
      const replies = await inOneWindow(async () => {
        const out: Reply[] = [];
        for (let i = 0; i < LIMIT * 3; i++) out.push(await fromAddress(sys, path, newAddress()));
        return out;
      });
      expect(statuses(replies.slice(0, LIMIT))).toEqual(Array(LIMIT).fill(200));
      expect(statuses(replies.slice(LIMIT))).toEqual(Array(LIMIT * 2).fill(429));
      expect(replies[LIMIT].body.error.code).toBe('rate_limited');
    });
  }, 150_000);

  it('with TRUST_PROXY=127.0.0.1 counts the forwarded address: each address has its own limit', async () => {
    await withSystem({ TRUST_PROXY: '127.0.0.1' }, async (sys, path) => {
      const { many, same } = await inOneWindow(async () => {
        const many: Reply[] = [];
        for (let i = 0; i < LIMIT * 3; i++) many.push(await fromAddress(sys, path, `192.0.2.${++n % 250}`));
        const same: Reply[] = [];
        for (let i = 0; i <= LIMIT; i++) same.push(await fromAddress(sys, path, '203.0.113.77'));
        return { many, same };
      });
      expect(statuses(many)).toEqual(Array(LIMIT * 3).fill(200));
      expect(statuses(same)).toEqual([...Array(LIMIT).fill(200), 429]);
    });
  }, 150_000);

  it('refuses a TRUST_PROXY that is not a list of addresses, CIDRs or named sets', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '*', 'true', '::1/129']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
    }
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8 ,192.0.2.1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    expect(loadConfig({}).trustProxy).toEqual([]);
  });
});
