import { io, Socket } from 'socket.io-client';

/** One server event as a client saw it, in arrival order. */
export interface Seen {
  type: string;
  seq: number;
  siteId: string;
  at: string;
  [field: string]: unknown;
}

export interface TestSocket {
  socket: Socket;
  /** Every event received, in arrival order (acks are not events). */
  events: Seen[];
  close(): void;
}

const sockets = new Set<Socket>();

/** A socket.io client as a page would open it: websocket only, token in the handshake. */
export function openSocket(url: string, token?: string, options: { reconnectionDelay?: number } = {}): TestSocket {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    forceNew: true,
    reconnectionDelay: options.reconnectionDelay ?? 100,
    reconnectionDelayMax: options.reconnectionDelay ?? 200,
  });
  sockets.add(socket);
  const events: Seen[] = [];
  socket.onAny((type: string, e: Record<string, unknown>) => events.push({ ...(e as object), type } as Seen));
  return {
    socket,
    events,
    close: () => {
      socket.disconnect();
      sockets.delete(socket);
    },
  };
}

export function closeAllSockets(): void {
  for (const s of sockets) s.disconnect();
  sockets.clear();
}

export function connected(socket: Socket, timeoutMs = 5000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

export type AckResult = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };

export function request(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<AckResult> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/** Connects and subscribes; throws unless the server accepted the channel. Returns the seq at subscription. */
export async function subscribed(
  url: string,
  token: string | undefined,
  req: { siteId: string; channel: string; trackingToken?: string },
): Promise<TestSocket & { seq: number }> {
  const s = openSocket(url, token);
  await connected(s.socket);
  const res = await request(s.socket, 'subscribe', req);
  if (!res.ok) throw new Error(`subscribe ${req.channel} refused: ${JSON.stringify(res)}`);
  return { ...s, seq: res.data.seq };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
