import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface DemoMailbox {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  /** Where each message is written as `<time>-<n>.eml` (any mail program opens it). */
  dir: string;
  stop(): Promise<void>;
}

/**
 * The demo's own mail server, so booking confirmations, reminders and reports by e-mail can be tried without a
 * real one: it accepts every message on the loopback interface and writes it to a folder. Only for the demo;
 * an installation sets SMTP_URL to the municipality's relay.
 */
export async function startDemoMailbox(dir: string): Promise<DemoMailbox> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`;
        writeFileSync(join(dir, name), Buffer.concat(chunks), { mode: 0o600 });
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => new Promise((r) => server.close(() => r())) };
}
