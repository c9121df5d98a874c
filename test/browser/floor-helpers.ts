import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { TestSystem } from '../support/system';

export const origin = (api: { baseUrl: string }) => api.baseUrl.replace(/\/api\/v1$/, '');

/**
 * A tablet-sized page logged in as a staff member, told where the other apps of this test system are.
 * `now`: the browser's date and time held there (timers still run), to agree with a test system's SettableClock.
 */
export async function staffPage(browser: Browser, sys: TestSystem, token: string, path: string, viewport = { width: 1024, height: 768 }, now?: Date): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true });
  if (now) await context.clock.setFixedTime(now);
  await context.addInitScript((t) => sessionStorage.setItem('skranke.staffToken', t), token);
  const urls = { ticketing: origin(sys.ticketing), triage: origin(sys.triage), counterDisplay: sys.counterDisplayUrls[0] };
  await context.route('**/app-config.json', (route) => route.fulfill({ json: { app: 'triage', urls } }));
  const page = await context.newPage();
  await page.goto(origin(sys.triage) + path);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  return page;
}

/** What a counter workstation receives on its channel. */
export async function counterChannel(sys: TestSystem, token: string, siteId: string): Promise<{ socket: Socket; events: { type: string; payload: any }[] }> {
  const socket = io(sys.counterDisplayUrls[0], { path: '/socket.io', transports: ['websocket'], auth: { token } });
  const events: { type: string; payload: any }[] = [];
  socket.onAny((type, e) => events.push({ type, payload: e?.payload ?? e }));
  await new Promise<void>((resolve, reject) => socket.emit('subscribe', { siteId, channel: 'counter' }, (res: any) => (res?.error ? reject(new Error(JSON.stringify(res))) : resolve())));
  return { socket, events };
}

/** Who did what to a ticket, from the event log. */
export async function auditTrail(sys: TestSystem, ticketId: string): Promise<{ type: string; actor_user_id: string | null }[]> {
  const db = new Client({ connectionString: sys.env.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query('SELECT type, actor_user_id FROM ticket_event WHERE ticket_id = $1 ORDER BY seq', [ticketId])).rows;
  } finally {
    await db.end();
  }
}
