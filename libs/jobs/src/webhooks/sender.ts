import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress, publicOnlyLookup } from './address';

export interface SendResult {
  /** The endpoint's status, or null when no answer came (refused, unreachable, timed out). */
  status: number | null;
  error: string | null;
}

/**
 * Connections are kept open between deliveries (a burst to one endpoint reuses
 * them); a new connection resolves the name again through the checking lookup.
 */
const agentOptions = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 };
const agents = {
  public: { http: new HttpAgent({ ...agentOptions, lookup: publicOnlyLookup as never }), https: new HttpsAgent({ ...agentOptions, lookup: publicOnlyLookup as never }) },
  any: { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) },
};

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
    let req: ClientRequest | undefined;
    const finish = (result: SendResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = (retried: boolean) => {
      req = request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Skranke-Webhooks/1' },
          agent: agents[allowPrivate ? 'any' : 'public'][target.protocol === 'https:' ? 'https' : 'http'],
        },
        (res) => {
          res.resume(); // the answer's body is not read, only drained
          res.on('end', () => finish({ status: res.statusCode ?? null, error: null }));
          res.on('error', () => finish({ status: res.statusCode ?? null, error: null }));
        },
      );
      const sent = req;
      sent.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the endpoint closed just as it was reused (its idle timeout): the request never
        // reached it. Node's documented remedy (request.reusedSocket) is to send it again, once.
        if (!retried && !done && sent.reusedSocket && err.code === 'ECONNRESET') return send(true);
        finish({ status: null, error: err.code === 'EADDRREFUSED' ? `address refused: ${err.message}` : err.message.slice(0, 300) });
      });
      sent.end(body);
    };
    const timer = setTimeout(() => {
      req?.destroy();
      finish({ status: null, error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    send(false);
  });
}
