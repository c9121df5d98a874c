import { createECDH, createHmac, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from 'node:crypto';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Real servers for the notification tests: an SMTP server (smtp-server) whose
 * messages are parsed with mailparser; a stand-in for GatewayAPI's REST API
 * (there is no offline GatewayAPI); a push service that keeps what it is sent,
 * and the decryption a browser does (RFC 8291) to prove the encryption real.
 */

export interface ReceivedMail {
  mail: ParsedMail;
  /** The EHLO name the client gave (tells two workers apart). */
  client: string;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** EHLO names of the clients whose DATA was held unanswered. */
  stalled: string[];
  /** While true, the next DATA is held: never answered, never accepted. */
  stallNext: boolean;
  /** This many next messages get a temporary refusal (451), as a busy server's. */
  refuseNext: number;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = { url: '', received: [], stalled: [], stallNext: false, refuseNext: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const client = session.hostNameAppearsAs;
      if (state.stallNext) {
        state.stallNext = false;
        stream.resume();
        stream.on('end', () => state.stalled.push(client)); // …and no answer: the message is not accepted.
        return;
      }
      if (state.refuseNext > 0) {
        state.refuseNext--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          state.received.push({ mail, client });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface GatewayApiRequest {
  sender: string;
  message: string;
  recipients: { msisdn: number }[];
  userref?: string;
  id: number;
}

export interface TestGatewayApi {
  url: string;
  token: string;
  sent: GatewayApiRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for GatewayAPI's REST API (docs: gatewayapi.com/docs/apis/rest):
 * POST /rest/mtsms with the API token as the Basic-auth user name and a JSON
 * body {sender, message, recipients: [{msisdn}], userref?}; answers
 * {ids: [n], usage} as GatewayAPI does, 401 for a wrong token, 422 for a body
 * that is not JSON, 400 for missing fields.
 */
export async function startGatewayApi(token = 'test-gatewayapi-token', options: { answerAfterMs?: number } = {}): Promise<TestGatewayApi> {
  const state: TestGatewayApi = { url: '', token, sent: [], close: async () => undefined };
  let nextId = 1_000_001;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/rest/mtsms') return json(res, 404, { message: 'not found' });
    const auth = req.headers.authorization ?? '';
    const user = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] : '';
    if (user !== token) return json(res, 401, { message: 'invalid API key' });
    let body: Partial<GatewayApiRequest>;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 422, { message: 'invalid json' });
    }
    const ok =
      typeof body.message === 'string' && body.message.length > 0 &&
      (body.sender === undefined || /^([A-Za-z0-9 ]{1,11}|\d{1,15})$/.test(body.sender)) &&
      Array.isArray(body.recipients) && body.recipients.length > 0 && body.recipients.every((r) => Number.isInteger(r?.msisdn));
    if (!ok) return json(res, 400, { message: 'message, sender and recipients[].msisdn are required' });
    const id = nextId++;
    state.sent.push({ ...(body as GatewayApiRequest), id });
    // A slow gateway (answerAfterMs): the message is taken at once, the answer comes later, as over a slow network.
    if (options.answerAfterMs) await new Promise((r) => setTimeout(r, options.answerAfterMs));
    json(res, 200, { ids: [id], usage: { countries: { DK: body.recipients!.length }, currency: 'DKK', total_cost: 0.15 } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** A JWT signed with HS256, as GatewayAPI signs its webhook calls (X-Gwapi-Signature). */
export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ typ: 'JWT', alg: 'HS256' })}.${enc(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

export interface PushRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface TestPushService {
  url: string;
  received: PushRequest[];
  /** The status to answer (201 as a push service does; 410 for a subscription that is gone). */
  status: number;
  close(): Promise<void>;
}

/** A push service (RFC 8030) endpoint over HTTP that keeps every message. */
export async function startPushService(): Promise<TestPushService> {
  const state: TestPushService = { url: '', received: [], status: 201, close: async () => undefined };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    state.received.push({ path: req.url ?? '', headers: req.headers, body });
    res.writeHead(state.status, state.status === 201 ? { Location: `${state.url}/message/${state.received.length}` } : {});
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export interface BrowserSubscription {
  /** What PushSubscription.toJSON() gives a page. */
  json: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The user agent's private key and auth secret, which never leave the browser. */
  privateKey: Buffer;
  publicKey: Buffer;
  authSecret: Buffer;
}

/** A subscription as a browser makes one: a P-256 key pair and a 16-byte auth secret. */
export function browserSubscription(endpoint: string): BrowserSubscription {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    json: { endpoint, keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') } },
    privateKey: ecdh.getPrivateKey(),
    publicKey,
    authSecret,
  };
}

/**
 * Decrypts an aes128gcm push message body (RFC 8188 framing, RFC 8291 keys)
 * as the browser does: ECDH of the user agent's private key with the sender's
 * key from the header, HKDF with the auth secret, then AES-128-GCM.
 */
export function decryptPush(body: Buffer, sub: BrowserSubscription): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(sub.privateKey);
  const ecdhSecret = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), sub.publicKey, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, sub.authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  if (records.length > rs) throw new Error('more than one record: not expected for a short message');
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** Checks the VAPID header (RFC 8292): `vapid t=<ES256 JWT>, k=<public key>`; returns the JWT's claims. */
export function verifyVapid(authorization: string, publicKey: string): Record<string, unknown> {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!m || m[2] !== publicKey) throw new Error(`not a VAPID header for this key: ${authorization}`);
  const [head, claims, signature] = m[1].split('.');
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const ok = verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!ok) throw new Error('VAPID signature does not verify');
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
}
