import { AddressInfo, Server, Socket, createServer } from 'node:net';
import { sendWebhook } from './sender';

/**
 * An endpoint that answers the first request of each connection and keeps it open, then resets the connection
 * when a second request comes on it: what a server does whose keep-alive timeout ends just as a kept connection
 * is reused (CI saw 8 of 360 deliveries need a second attempt so, though nothing was wrong with the endpoint).
 */
function resettingEndpoint() {
  const seen = { connections: 0, answered: 0, reset: 0 };
  const server: Server = createServer((socket: Socket) => {
    seen.connections++;
    let requests = 0;
    socket.on('data', (chunk) => {
      if (!chunk.toString('latin1').includes('\r\n\r\n')) return;
      if (++requests > 1) {
        seen.reset++;
        socket.resetAndDestroy();
        return;
      }
      seen.answered++;
      socket.write('HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n');
    });
  });
  return { server, seen };
}

describe('sendWebhook', () => {
  const { server, seen } = resettingEndpoint();
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends again once when a kept-alive connection is reset as it is reused, and counts it one attempt', async () => {
    const first = await sendWebhook(url, {}, '{"n":1}', 5_000, true);
    expect(first).toEqual({ status: 204, error: null });
    // The second delivery goes out on the kept connection, which the endpoint resets: it is sent again on a new one.
    const second = await sendWebhook(url, {}, '{"n":2}', 5_000, true);
    expect(second).toEqual({ status: 204, error: null });
    expect(seen).toEqual({ connections: 2, answered: 2, reset: 1 });
  });
});
