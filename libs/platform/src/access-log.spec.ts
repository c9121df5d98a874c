import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { accessLogOptions } from './access-log';

/** An access log line, as a real HTTP server with the apps' options writes it. */
describe('access log', () => {
  it('says id, method, path, status and time of a request, and nothing of its headers (token, cookie, browser)', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const log = pinoHttp(accessLogOptions('test', 'info'), sink);
    const server = http.createServer((req, res) => {
      log(req, res);
      res.statusCode = 201;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const reply = await fetch(`http://127.0.0.1:${port}/api/v1/sites/s/tickets?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-device-token', cookie: 'session=secret-cookie', 'user-agent': 'Kiosk/1.0', 'x-request-id': 'req-42' },
    });
    await new Promise<void>((r) => server.close(() => r()));
    expect(reply.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ name: 'test', req: { id: 'req-42', method: 'POST', url: '/api/v1/sites/s/tickets?x=1' }, res: { statusCode: 201 } });
    expect(typeof line.responseTime).toBe('number');
    expect(lines[0]).not.toMatch(/secret|Kiosk\/1\.0|headers/);
  });

  it('gives a request without an X-Request-Id a new one and answers with it', async () => {
    const lines: string[] = [];
    const log = pinoHttp(accessLogOptions('test', 'info'), new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    const server = http.createServer((req, res) => (log(req, res), res.end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    await new Promise<void>((r) => server.close(() => r()));
    const id = reply.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(lines[0]).req.id).toBe(id);
  });
});
