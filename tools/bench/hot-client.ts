import http from 'node:http';
import { readReply } from '../../test/support/http';

/** A lean keep-alive JSON client: the bench should measure the apps, not fetch's own overhead. */
export class HotClient {
  private readonly agent: http.Agent;
  private readonly url: URL;
  constructor(
    baseUrl: string,
    private readonly token: string,
    sockets: number,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    return this.request('POST', path, JSON.stringify(body ?? {}), headers);
  }

  get(path: string): Promise<{ status: number; body: any }> {
    return this.request('GET', path, undefined, {});
  }

  private async request(method: string, path: string, payload: string | undefined, extra: Record<string, string>): Promise<{ status: number; body: any }> {
    try {
      return await this.send(method, path, payload, extra);
    } catch (e) {
      // A kept-alive socket the server closed as idle just as we reused it: the request never
      // reached the app (Node's documented race), so sending it again is safe.
      if ((e as { reusedSocket?: boolean }).reusedSocket) return this.send(method, path, payload, extra);
      throw e;
    }
  }

  private send(method: string, path: string, payload: string | undefined, extra: Record<string, string>): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname + path,
          method,
          headers: {
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
            ...extra,
          },
        },
        (res) => {
          readReply(res, ({ status, body }) => resolve({ status, body }));
          res.on('error', reject);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) =>
        reject(Object.assign(e, { reusedSocket: req.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up') })),
      );
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}
