import type { generateRequestDetails } from 'web-push';
import type { NotificationChannel, OutboxRow, RenderedMessage } from './channel';
import { PermanentSendFailure } from './channel';

/**
 * Web push (RFC 8030) with a VAPID-signed request and the payload encrypted for
 * the subscription (RFC 8291, aes128gcm), both by the web-push package; the
 * request itself is sent here so its time limit is ours. The Topic is the
 * row's, so a repeat replaces an undelivered copy at the push service.
 * 404 or 410 from the push service: the subscription is gone.
 */
export class WebPushChannel implements NotificationChannel {
  readonly name = 'push' as const;

  constructor(private readonly vapid: { publicKey: string; privateKey: string; subject: string }) {}

  async send(row: OutboxRow, rendered: RenderedMessage, timeoutMs: number) {
    let subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
    try {
      subscription = JSON.parse(row.contact);
    } catch {
      throw new PermanentSendFailure('the push subscription is not JSON', true);
    }
    const payload = JSON.stringify({ title: rendered.subject, body: rendered.sms, url: rendered.url, tag: row.kind });
    // Loaded with the first push message (see lazy modules in docs/performance.md).
    const webPush = await import('web-push');
    let details: ReturnType<typeof generateRequestDetails>;
    try {
      details = webPush.generateRequestDetails(subscription, payload, {
        vapidDetails: this.vapid,
        TTL: row.kind === 'turn-near' || row.kind === 'turn-called' ? 15 * 60 : 24 * 3600,
        topic: row.id.replace(/-/g, ''),
        urgency: row.kind === 'turn-called' || row.kind === 'turn-near' ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
      });
    } catch (err) {
      throw new PermanentSendFailure(`bad push subscription: ${(err as Error).message}`, true);
    }
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 404 || res.status === 410) throw new PermanentSendFailure(`push service ${res.status}: subscription gone`, true);
    if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentSendFailure(`push service ${res.status}`);
    if (!res.ok) throw new Error(`push service ${res.status}`);
    return { providerRef: res.headers.get('location') };
  }
}
