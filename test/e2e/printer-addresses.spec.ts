/**
 * A kiosk's printer address makes the server open a TCP connection, so it may only name a
 * receipt printer on the site's network: not the server itself, cloud metadata or other
 * special addresses, not a name, not a non-printer port (unless the operator allows a range,
 * PRINTER_ALLOWED_RANGES). And what reaches the printer is printable text plus the encoder's
 * own commands: a service name cannot start a line or send a command.
 */
import { AddressInfo, Server, Socket, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { SiteFixture, seedSite, setKioskPrinter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

const REFUSED: [string, string][] = [
  ['169.254.169.254:80', 'printer_address_refused'], // cloud metadata
  ['169.254.10.20:9100', 'printer_address_refused'], // link-local
  ['127.0.0.1:5432', 'printer_address_refused'], // the server's own PostgreSQL
  ['127.0.0.1:9100', 'printer_address_refused'],
  ['127.8.9.10:9100', 'printer_address_refused'],
  ['0.0.0.0:9100', 'printer_address_refused'],
  ['224.0.0.1:9100', 'printer_address_refused'],
  ['255.255.255.255:9100', 'printer_address_refused'],
  ['100.100.100.200:9100', 'printer_address_refused'],
  ['[::1]:9100', 'printer_address_refused'],
  ['[::]:9100', 'printer_address_refused'],
  ['[fe80::1]:9100', 'printer_address_refused'],
  ['[ff02::1]:9100', 'printer_address_refused'],
  ['[fd00:ec2::254]:9100', 'printer_address_refused'],
  ['[::ffff:127.0.0.1]:9100', 'printer_address_refused'],
  ['[::ffff:a9fe:a9fe]:80', 'printer_address_refused'], // 169.254.169.254, written as IPv6
  ['localhost:6379', 'printer_address_not_ip'],
  ['printer.local:9100', 'printer_address_not_ip'],
  ['2130706433:9100', 'printer_address_not_ip'], // 127.0.0.1 as one number
  ['10.0.4.21:22', 'printer_port_refused'],
  ['10.0.4.21:6379', 'printer_port_refused'],
  ['10.0.4.21:99999', 'printer_address_invalid'],
  ['10.0.4.21:0', 'printer_address_invalid'],
];

async function kioskId(sys: TestSystem, f: SiteFixture): Promise<string> {
  const devices = await sys.triage.as(f.tokens.admin).get(`/sites/${f.siteId}/devices`);
  return devices.body.find((d: { kind: string }) => d.kind === 'kiosk').id;
}

/** A TCP listener standing in for a printer: what it received, and how many connected. */
async function listener(): Promise<{ server: Server; port: number; received: Buffer[]; connections: () => number }> {
  const received: Buffer[] = [];
  let connections = 0;
  const server = createServer((socket: Socket) => {
    connections++;
    socket.on('data', (d) => received.push(d));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, received, connections: () => connections };
}

/** The receipt with the encoder's commands and line feeds taken out: what is left must be printable ASCII. */
function textOf(bytes: Buffer): string {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b === 0x1b && bytes[i + 1] === 0x40) i += 2; // ESC @ initialise
    else if (b === 0x1b && bytes[i + 1] === 0x61) i += 3; // ESC a n align
    else if (b === 0x1d && bytes[i + 1] === 0x21) i += 3; // GS ! n size
    else if (b === 0x1d && bytes[i + 1] === 0x56) i += 4; // GS V m n cut
    else if (b === 0x1d && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x6b) {
      const len = bytes[i + 3] + (bytes[i + 4] << 8); // GS ( k pL pH: a QR function
      if (bytes[i + 6] === 0x50) out.push(...bytes.subarray(i + 8, i + 5 + len), 0x0a); // its data
      i += 5 + len;
    } else {
      out.push(b);
      i++;
    }
  }
  return Buffer.from(out).toString('latin1');
}

describe('printer addresses', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem({ runWorkers: true });
    f = await seedSite(sys);
  });
  afterAll(() => sys.stop());

  it('refuses loopback, link-local, metadata, unspecified, multicast, broadcast, names and other ports with 400 and a code; a LAN printer is accepted', async () => {
    const admin = sys.ticketing.as(f.tokens.admin);
    const path = `/sites/${f.siteId}/devices/${await kioskId(sys, f)}/printer`;
    expectStatus(await admin.request('PUT', path, { address: '10.0.4.21:9100' }), 200);
    for (const [address, code] of REFUSED) {
      const reply = await admin.request('PUT', path, { address });
      expect({ address, status: reply.status, code: reply.body?.error?.code }).toEqual({ address, status: 400, code });
    }
    for (const address of ['192.168.1.50:9101', '172.16.8.9:9109', '[fd12:3456::21]:9100', '10.0.4.21:9100']) {
      const reply = await admin.request('PUT', path, { address });
      expectStatus(reply, 200);
      expect(reply.body.printerAddress).toBe(address);
    }
    // None of the refusals replaced the printer.
    const [row] = await sys.apps[0].get(DataSource).query('SELECT printer_address FROM device WHERE id = $1', [await kioskId(sys, f)]);
    expect(row.printer_address).toBe('10.0.4.21:9100');
  });

  it('checks again when printing: an address saved before the rule is not connected to, and the print is failed', async () => {
    const printer = await listener();
    try {
      await sys.apps[0].get(DataSource).query('UPDATE device SET printer_address = $1 WHERE id = $2', [`127.0.0.1:${printer.port}`, await kioskId(sys, f)]);
      await new Promise((r) => setTimeout(r, 300)); // the kiosk's printer cache hears of the change
      const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
      expectStatus(res, 201);
      const status = await until(async () => {
        const r = await sys.ticketing.as(f.tokens.kiosk).get(`/tickets/${res.body.id}/print`);
        return r.body.printStatus === 'failed' && r.body.printStatus;
      }, 15);
      expect(status).toBe('failed');
      expect(printer.connections()).toBe(0);
    } finally {
      printer.server.close();
    }
  });

  it('with PRINTER_ALLOWED_RANGES=127.0.0.0/8 prints to a local listener, and a service name with a line break and ESC arrives as printable text', async () => {
    const allowed = await startSystem({ runWorkers: true, env: { PRINTER_ALLOWED_RANGES: '127.0.0.0/8' } });
    const printer = await listener();
    try {
      const site = await seedSite(allowed, { services: 1 });
      const admin = allowed.triage.as(site.tokens.admin);
      const names = { da: 'Pas\nESC\u001b@\r\u0085\u2028kort\u007f', en: 'Passport', de: 'Pass' };
      expectStatus(await admin.patch(`/sites/${site.siteId}/services/${site.services[0].id}`, { names }), 200);
      await setKioskPrinter(allowed, site, `127.0.0.1:${printer.port}`);
      const res = await allowed.ticketing.as(site.tokens.kiosk).post(`/sites/${site.siteId}/tickets`, { serviceId: site.services[0].id });
      expectStatus(res, 201);
      const bytes = await until(async () => (Buffer.concat(printer.received).includes(Buffer.from([0x1d, 0x56])) ? Buffer.concat(printer.received) : null), 10);
      // One initialise, at the start: the name's "ESC @" did not reset the printer mid-receipt.
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
      expect(bytes.indexOf(Buffer.from([0x1b, 0x40]), 1)).toBe(-1);
      const text = textOf(bytes);
      expect(text).toMatch(/^[\x20-\x7e\n]*$/); // nothing but printable text and the encoder's line feeds
      const lines = text.split('\n');
      expect(lines).toContain('Pas ESC @ kort '); // each run of controls one space
      expect(lines).toContain(res.body.number);
      expect(lines).not.toContain('kort');
    } finally {
      printer.server.close();
      await allowed.stop();
    }
  });
});
