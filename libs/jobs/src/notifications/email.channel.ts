import type { Transporter } from 'nodemailer';
import type { NotificationChannel, OutboxRow, RenderedMessage } from './channel';
import { PermanentSendFailure } from './channel';

/**
 * E-mail over SMTP (nodemailer). The Message-ID is the row's, so a message sent
 * twice (the worker died between the server's "250" and marking it sent) has
 * the same id both times, which receiving systems use to drop the repeat.
 */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transports = new Map<number, Transporter>();

  constructor(
    private readonly config: { smtpUrl: string; from: string },
    private readonly messageIdDomain: string,
  ) {}

  private async transport(timeoutMs: number): Promise<Transporter> {
    let t = this.transports.get(timeoutMs);
    if (!t) {
      // Loaded with the first message (see lazy modules in docs/performance.md).
      const { createTransport } = await import('nodemailer');
      t = createTransport({ url: this.config.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, dnsTimeout: timeoutMs } as never);
      this.transports.set(timeoutMs, t);
    }
    return t;
  }

  async send(row: OutboxRow, rendered: RenderedMessage, timeoutMs: number) {
    try {
      const info = await (await this.transport(timeoutMs)).sendMail({
        from: this.config.from,
        to: row.contact,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<notification-${row.id}@${this.messageIdDomain}>`,
        attachments: rendered.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
      return { providerRef: (info.messageId as string | undefined) ?? null };
    } catch (err) {
      const e = err as { responseCode?: number; message: string };
      // 5xx is the server's final word on this message (a refused address); 4xx and lost connections are worth another try.
      if (typeof e.responseCode === 'number' && e.responseCode >= 500) throw new PermanentSendFailure(`smtp ${e.responseCode}: ${e.message}`);
      throw err;
    }
  }

  close(): void {
    for (const t of this.transports.values()) t.close();
  }
}
