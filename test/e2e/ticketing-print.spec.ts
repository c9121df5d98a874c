import { AddressInfo, Server, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { SiteFixture, seedSite, setKioskPrinter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

describe('ESC/POS printing of kiosk tickets', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem({ runWorkers: true, env: { PRINTER_ALLOWED_RANGES: '127.0.0.0/8' } }); // the test's printers listen on loopback
    f = await seedSite(sys);
  });
  afterAll(() => sys.stop());

  const setPrinter = (address: string) => setKioskPrinter(sys, f, address);
  const printStatus = async (trackingToken: string) => {
    const [row] = await sys.apps[0].get(DataSource).query('SELECT print_status FROM ticket WHERE tracking_token = $1', [trackingToken]);
    return row?.print_status as string | null;
  };

  it('sends the ticket bytes to a network printer and records the print', async () => {
    const received: Buffer[] = [];
    const server: Server = createServer((socket) => socket.on('data', (d) => received.push(d)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await setPrinter(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
    expectStatus(res, 201);
    expect(res.body.printStatus).toBe('pending');
    const bytes = await until(async () => (Buffer.concat(received).includes(Buffer.from([0x1d, 0x56])) ? Buffer.concat(received) : null), 10);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
    expect(bytes.toString('latin1')).toContain(res.body.number);
    expect(bytes.toString('latin1')).toContain(`/t/${res.body.trackingToken}`);
    expect(await until(async () => (await printStatus(res.body.trackingToken)) === 'printed', 10)).toBe(true);
    server.close();
  });

  it('with the printer down, keeps the ticket, waiting in the queue, and marks the print failed', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    await setPrinter(`127.0.0.1:${port}`);
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[1].id });
    expectStatus(res, 201);
    expect(res.body.number).toMatch(/^K\d{3}$/);
    expect(await until(async () => (await printStatus(res.body.trackingToken)) === 'failed', 20)).toBe(true);
    const tracked = await sys.ticketing.get(`/tickets/track/${res.body.trackingToken}`);
    expect(tracked.body).toMatchObject({ number: res.body.number, status: 'waiting', position: 1 });
  });

  it('tells staff and the site’s own kiosk how a print went (GET /tickets/:ticketId/print), no one else', async () => {
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[2].id });
    expectStatus(res, 201);
    const path = `/tickets/${res.body.id}/print`;
    const mine = await sys.ticketing.as(f.tokens.kiosk).get(path);
    expectStatus(mine, 200);
    expect(mine.body).toEqual({ ticketId: res.body.id, printStatus: expect.stringMatching(/^(pending|printed|failed)$/) });
    expectStatus(await sys.ticketing.as(f.tokens.counter).get(path), 200);
    expectStatus(await sys.ticketing.get(path), 401);
    expectStatus(await sys.ticketing.as(f.tokens.display).get(path), 403);
    const other = await seedSite(sys, { services: 1, counters: 0 });
    expectStatus(await sys.ticketing.as(other.tokens.kiosk).get(path), 403);
    expectStatus(await sys.ticketing.as(f.tokens.kiosk).get('/tickets/not-a-uuid/print'), 400);
    expectStatus(await sys.ticketing.as(f.tokens.kiosk).get('/tickets/00000000-0000-4000-8000-000000000000/print'), 404);
  });
});
