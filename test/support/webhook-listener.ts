import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when it arrived. */
  at: number;
}

/** A local HTTP listener standing in for another system's webhook endpoint; `answer` decides each status (200 by default). */
export interface WebhookListener {
  url: string;
  received: ReceivedDelivery[];
  answer: (d: ReceivedDelivery) => number;
  close(): Promise<void>;
}

export async function startWebhookListener(): Promise<WebhookListener> {
  const listener: WebhookListener = { url: '', received: [], answer: () => 200, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const d = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      listener.received.push(d);
      res.writeHead(listener.answer(d)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  listener.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  listener.close = () => new Promise((r) => server.close(() => r()));
  return listener;
}
