import type { NotificationChannel, OutboxRow, RenderedMessage } from './channel';
import { PermanentSendFailure } from './channel';

/**
 * SMS through GatewayAPI's REST API (POST /rest/mtsms, the API token as the
 * Basic-auth user name). `userref` is the row's id: the gateway returns it with
 * each delivery report. The interface admits other gateways (NemSMS) later.
 */
export class GatewayApiSmsChannel implements NotificationChannel {
  readonly name = 'sms' as const;

  constructor(private readonly config: { apiUrl: string; token: string; sender: string }) {}

  async send(row: OutboxRow, rendered: RenderedMessage, timeoutMs: number) {
    const res = await fetch(`${this.config.apiUrl}/rest/mtsms`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${this.config.token}:`).toString('base64')}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({ sender: this.config.sender, message: rendered.sms, recipients: [{ msisdn: Number(row.contact.replace(/\D/g, '')) }], userref: row.id }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { ids?: number[]; message?: string } | null;
    if (res.ok && Array.isArray(body?.ids) && body.ids.length) return { providerRef: String(body.ids[0]) };
    const why = `gatewayapi ${res.status}: ${body?.message ?? 'no message ids'}`;
    // 400/401/403/422: the request or the account is wrong; repeating it changes nothing. 429 and 5xx pass.
    if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentSendFailure(why);
    throw new Error(why);
  }
}
