import { AddressInfo, Server, createServer } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite, setKioskPrinter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

const WAIT = { timeout: 30_000 };

/** A port on this machine that nothing listens on: bound, then closed again. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** The kiosk with an ESC/POS network printer, seen by a citizen in headless Chromium (the print job runs with its real retries). */
describe('kiosk page with a network receipt printer', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem({ runWorkers: true, env: { PRINTER_ALLOWED_RANGES: '127.0.0.0/8' } }); // the test's printers listen on loopback
    f = await seedSite(sys);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const setPrinter = (address: string) => setKioskPrinter(sys, f, address);
  const ticketRow = async (id: string) => {
    const [row] = await sys.apps[0].get(DataSource).query('SELECT number, status, print_status FROM ticket WHERE id = $1', [id]);
    return row as { number: string; status: string; print_status: string | null } | undefined;
  };

  /** Opens the kiosk, taps a service, and returns the page with the ticket the kiosk's own request got back. */
  async function drawTicket(viewport: { width: number; height: number }, lang: string, service: string) {
    const page: Page = await browser.newPage({ viewport });
    const ticket = await showingPageOnFailure(page, async () => {
      await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/kiosk/${f.slug}#token=${f.tokens.kiosk}`);
      await page.waitForSelector('[data-screen="start"]', WAIT);
      if (lang !== 'da') {
        await page.click(`button[data-lang="${lang}"]`);
        await page.waitForSelector(`html[lang="${lang}"] [data-screen="start"]`, WAIT);
      }
      const issued = page.waitForResponse((r) => r.request().method() === 'POST' && /\/sites\/[^/]+\/tickets$/.test(r.url()), WAIT);
      await page.click(`button.choice:has-text("${service}")`);
      const body = await (await issued).json();
      await page.waitForSelector('[data-screen="ticket"] img.qr', WAIT);
      return body;
    });
    expect(await page.textContent('[data-screen="ticket"] .number')).toBe(ticket.number);
    const qrWidth = await page.$eval('img.qr', (img) => (img as HTMLImageElement).naturalWidth);
    expect(qrWidth).toBeGreaterThan(100);
    return { page, ticket };
  }

  it('prints: the listener gets the ESC/POS bytes with the number, and the screen says nothing about a failure', async () => {
    const received: Buffer[] = [];
    const server: Server = createServer((socket) => socket.on('data', (d) => received.push(d)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await setPrinter(`127.0.0.1:${(server.address() as AddressInfo).port}`);
      const { page, ticket } = await drawTicket({ width: 1080, height: 1920 }, 'da', 'Ydelse 0');
      expect(ticket.printStatus).toBe('pending');
      const bytes = await until(
        async () => (Buffer.concat(received).includes(Buffer.from([0x1d, 0x56])) ? Buffer.concat(received) : null),
        20,
      );
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
      expect(bytes.toString('latin1')).toContain(ticket.number);
      await until(async () => (await ticketRow(ticket.id))?.print_status === 'printed', 20);
      // The kiosk asks at 1, 2, 3.5 … s; by 4 s it has heard "printed" and stopped.
      await page.waitForTimeout(4000);
      expect(await page.$('.print-failed')).toBeNull();
      await page.close();
    } finally {
      server.close();
    }
  }, 90_000);

  it.each([
    [
      'da',
      'Ydelse 1',
      { width: 1080, height: 1920 },
      'portrait',
      /Printeren virker ikke lige nu, men du har din plads i køen\. Tag et billede af dit nummer, eller scan QR-koden\./,
    ],
    [
      'en',
      'Service 1',
      { width: 1920, height: 1080 },
      'landscape',
      /The printer is not working right now, but you keep your place in the queue\. Take a photo of your number or scan the QR code\./,
    ],
    ['de', 'Dienst 1', { width: 1080, height: 1920 }, 'portrait', /Der Drucker funktioniert gerade nicht.*scannen Sie den QR-Code\./],
  ])(
    'printer down (%s): the number and QR code stay on screen with a calm note; the ticket waits in the queue, its print marked failed',
    async (lang, service, viewport, orientation, note) => {
      await setPrinter(`127.0.0.1:${await deadPort()}`);
      const { page, ticket } = await drawTicket(viewport, lang, service);
      expect(ticket.number).toMatch(/^K\d{3}$/);
      expect(ticket.printStatus).toBe('pending');

      // The print job gives up after its retries; the kiosk, still on the ticket screen, says so.
      await page.waitForSelector('[data-screen="ticket"] .print-failed', WAIT);
      expect(await page.textContent('.print-failed')).toMatch(note);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('[data-screen="ticket"] .number')).toBe(ticket.number);
      expect(await page.isVisible('img.qr')).toBe(true);
      if (lang !== 'de') await screenshot(page, `kiosk-print-failed-${orientation}`);
      await expectAccessible(page, `kiosk ticket screen after a failed print (${orientation}, ${lang})`);

      // The ticket exists, waits in the queue and is marked as a failed print: in the database and through the API.
      expect(await ticketRow(ticket.id)).toEqual({ number: ticket.number, status: 'waiting', print_status: 'failed' });
      const print = await sys.ticketing.as(f.tokens.kiosk).get(`/tickets/${ticket.id}/print`);
      expectStatus(print, 200);
      expect(print.body).toEqual({ ticketId: ticket.id, printStatus: 'failed' });
      const tracked = await sys.ticketing.get(`/tickets/track/${ticket.trackingToken}`);
      expectStatus(tracked, 200);
      expect(tracked.body).toMatchObject({ number: ticket.number, status: 'waiting' });
      expect(tracked.body.position).toBeGreaterThanOrEqual(1);
      await page.close();
    },
    90_000,
  );
});
