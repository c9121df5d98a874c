import { IncomingMessage, request as httpRequest } from 'node:http';
/** A small JSON client over fetch, as a kiosk, a website or a page would talk to the apps. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  as(token: string | undefined): Api {
    return new Api(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) h['content-type'] ??= 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export function expectStatus(reply: Reply, status: number): void {
  if (reply.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
}

/** What `sendRaw` got back; status -1 (and `broken`) when the server closed the connection before answering. */
export interface RawReply {
  status: number;
  text: string;
  body: any;
  broken?: string;
}

/** Collects a response: its status, its text, and the text parsed as JSON (the text itself when it is not JSON). */
export function readReply(res: IncomingMessage, done: (reply: { status: number; text: string; body: any }) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep the text */
    }
    done({ status: res.statusCode ?? 0, text, body });
  });
}

/**
 * Sends `requestPath` exactly as written (fetch would resolve '../' and refuse
 * some requests before they reach the app): any method, header, body and size.
 */
export function sendRaw(baseUrl: string, method: string, requestPath: string, opts: { headers?: Record<string, string | number>; body?: string | Buffer } = {}): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: requestPath, method, headers: opts.headers }, (res) => readReply(res, resolve));
    // A server may answer (413, 431) and close before a big request is written.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve({ status: -1, text: e.code, body: undefined, broken: e.code }) : reject(e),
    );
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
