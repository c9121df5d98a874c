import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress, publicOnlyLookup } from './address';

export interface SendResult {
  /** The endpoint's status, or null when no answer came (refused, unreachable, timed out). */
  status: number | null;
  error: string | null;
}

/**
 * POSTs one delivery, answered within `timeoutMs` or abandoned. Unless private
 * addresses are allowed, the connection resolves the name itself through a
 * lookup that refuses private addresses (an IP literal is checked here, as no
 * lookup runs for it), and redirects are not followed.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number, allowPrivate: boolean): Promise<SendResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return Promise.resolve({ status: null, error: 'address refused: private address' });
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: SendResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Skranke-Webhooks/1' },
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup as never }),
        agent: false,
      },
      (res) => {
        res.resume(); // the answer's body is not read, only drained
        res.on('end', () => finish({ status: res.statusCode ?? null, error: null }));
        res.on('error', () => finish({ status: res.statusCode ?? null, error: null }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ status: null, error: err.code === 'EADDRREFUSED' ? `address refused: ${err.message}` : err.message.slice(0, 300) }));
    req.end(body);
  });
}
