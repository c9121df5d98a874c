import { AddressInfo, Server, Socket, connect, createServer } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts the round trips its clients
 * make, read from the wire protocol: every simple Query ('Q') and every Sync
 * ('S', which ends an extended-protocol exchange) waits for ReadyForQuery.
 * Point an app's DATABASE_URL at `url(…)` to count what it sends.
 */
export interface RoundTripProxy {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  url(databaseUrl: string): string;
  /** Round trips since the last `reset`. */
  count(): number;
  /** The SQL of each round trip since the last `reset` (its first Query or Parse), in order. */
  statements(): string[];
  reset(): void;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;

export async function roundTripProxy(target = { host: '127.0.0.1', port: 5432 }): Promise<RoundTripProxy> {
  let trips = 0;
  let texts: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let buffered = Buffer.alloc(0);
    let started = false;
    let pending: string | null = null;
    const prepared = new Map<string, string>();
    const cstring = (at: number) => {
      const end = buffered.indexOf(0, at);
      return { text: buffered.toString('utf8', at, end), next: end + 1 };
    };
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          // The startup message (or an SSL request before it) has no type byte.
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) return;
          started = buffered.readInt32BE(4) !== SSL_REQUEST;
          buffered = buffered.subarray(length);
          continue;
        }
        if (buffered.length < 5) return;
        const length = buffered.readInt32BE(1) + 1;
        if (buffered.length < length) return;
        const type = String.fromCharCode(buffered[0]);
        // Query: the SQL follows the length; Parse: a statement name (C string), then the SQL.
        if (type === 'Q') pending ??= buffered.toString('utf8', 5, length - 1);
        if (type === 'P') {
          const name = cstring(5);
          const sql = cstring(name.next).text;
          if (name.text) prepared.set(name.text, sql);
          pending ??= sql;
        }
        // Bind of a named statement prepared earlier on this connection: no Parse, so its SQL from then.
        if (type === 'B') pending ??= prepared.get(cstring(cstring(5).next).text) ?? null;
        if (type === 'Q' || type === 'S') {
          trips++;
          texts.push(pending ?? '');
          pending = null;
        }
        buffered = buffered.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (databaseUrl) => {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    count: () => trips,
    statements: () => [...texts],
    reset: () => {
      trips = 0;
      texts = [];
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
