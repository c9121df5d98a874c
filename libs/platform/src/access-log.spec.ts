import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { accessLogOptions, withoutTrackingToken } from './access-log';

/** Sends one request to a real HTTP server logging with the apps' options; returns the answer and the lines logged. */
async function logged(path: string, init: RequestInit, status = 200): Promise<{ reply: Response; lines: string[] }> {
  const lines: string[] = [];
  const log = pinoHttp(accessLogOptions('test', 'info'), new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  const server = http.createServer((req, res) => {
    log(req, res);
    res.statusCode = status;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, init);
  await new Promise<void>((r) => server.close(() => r()));
  return { reply, lines };
}

describe('access log', () => {
  it('says id, method, path, status and time of a request, and nothing of its headers (token, cookie, browser)', async () => {
    const { reply, lines } = await logged(
      '/api/v1/sites/s/tickets?x=1',
      { method: 'POST', headers: { authorization: 'Bearer secret-device-token', cookie: 'session=secret-cookie', 'user-agent': 'Kiosk/1.0', 'x-request-id': 'req-42' } },
      201,
    );
    expect(reply.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ name: 'test', req: { id: 'req-42', method: 'POST', url: '/api/v1/sites/s/tickets?x=1' }, res: { statusCode: 201 } });
    expect(typeof line.responseTime).toBe('number');
    expect(lines[0]).not.toMatch(/secret|Kiosk\/1\.0|headers/);
  });

  it('gives a request without an X-Request-Id a new one and answers with it', async () => {
    const { reply, lines } = await logged('/x', {});
    const id = reply.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(lines[0]).req.id).toBe(id);
  });

  it('leaves out the health check', async () => {
    const { lines } = await logged('/api/v1/health', {});
    expect(lines).toEqual([]);
  });

  it('leaves out a ticket’s tracking token, on the ticket page and in the API', async () => {
    const { lines } = await logged('/api/v1/tickets/track/abcDEF123_-secret/leave', { method: 'POST' });
    expect(JSON.parse(lines[0]).req.url).toBe('/api/v1/tickets/track/:trackingToken/leave');
    expect(withoutTrackingToken('/t/abcDEF123_-secret?lang=en')).toBe('/t/:trackingToken?lang=en');
    expect(withoutTrackingToken('/api/v1/tickets/track/abc')).toBe('/api/v1/tickets/track/:trackingToken');
    expect(withoutTrackingToken('/api/v1/sites/s/tickets')).toBe('/api/v1/sites/s/tickets');
  });
});
