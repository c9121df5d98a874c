import { AddressInfo, Server, Socket, createConnection, createServer } from 'node:net';

/** A TCP hop between the browser and one app that a test can cut, as a flaky Wi-Fi or a restarted switch would. */
export class CuttableProxy {
  private server: Server;
  private sockets = new Set<Socket>();
  private cut = false;
  url = '';

  constructor(private readonly target: URL) {
    this.server = createServer((client) => {
      if (this.cut) return void client.destroy();
      const upstream = createConnection(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  disconnect(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  reconnect(): void {
    this.cut = false;
  }

  async stop(): Promise<void> {
    this.disconnect();
    await new Promise((r) => this.server.close(r));
  }
}
