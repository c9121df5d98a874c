import { TestSystem, startSystem } from '../support/system';

/** Every page of every app names an icon that its app serves, and /favicon.ico (asked for anyway) leads to it. */
describe('favicons', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(async () => sys?.stop());

  const pages = () => ({
    [new URL(sys.ticketing.baseUrl).origin]: ['/kiosk/any', '/t/any-token', '/widget/any', '/widget/municipality/any'],
    [new URL(sys.triage.baseUrl).origin]: ['/floor/any', '/dashboard/any', '/admin/any'],
    [sys.counterDisplayUrls[0]]: ['/counter', '/display'],
  });

  it('each page links an SVG icon that answers 200 from its own app', async () => {
    let checked = 0;
    for (const [origin, paths] of Object.entries(pages())) {
      for (const path of paths) {
        const html = await (await fetch(origin + path)).text();
        const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
        expect({ path, href: href?.startsWith('/web/') }).toEqual({ path, href: true });
        const icon = await fetch(new URL(href!, origin));
        expect({ path, status: icon.status, type: icon.headers.get('content-type') }).toEqual({ path, status: 200, type: expect.stringMatching(/^image\/svg\+xml/) });
        expect(await icon.text()).toContain('<svg');
        checked++;
      }
    }
    expect(checked).toBe(9);
  });

  it('GET /favicon.ico on each app leads to the icon', async () => {
    for (const origin of Object.keys(pages())) {
      const first = await fetch(`${origin}/favicon.ico`, { redirect: 'manual' });
      expect(first.status).toBe(302);
      const icon = await fetch(`${origin}/favicon.ico`);
      expect({ origin, status: icon.status, type: icon.headers.get('content-type') }).toEqual({ origin, status: 200, type: expect.stringMatching(/^image\/svg\+xml/) });
    }
  });
});
