import type { NotificationChannel as ChannelName, NotificationKind } from '@skranke/persistence';

/** A claimed outbox row, as the channels see it. */
export interface OutboxRow {
  id: string;
  siteId: string;
  subjectKind: 'appointment' | 'ticket';
  subjectId: string;
  kind: NotificationKind;
  channel: ChannelName;
  contact: string;
  language: string;
  params: Record<string, unknown>;
  dueAt: Date;
  attempts: number;
}

/** The message in every form a channel may need, filled from the row's template. */
export interface RenderedMessage {
  sms: string;
  subject: string;
  text: string;
  html: string;
  /** Where a push message's tap leads (the manage page or the ticket page). */
  url: string | null;
  attachments: { filename: string; content: string; contentType: string }[];
}

/**
 * One way of reaching a citizen. `send` resolves with the provider's reference
 * once the provider accepted the message; it throws `PermanentSendFailure` when
 * trying again cannot help (then the row fails), anything else to be retried.
 * `timeoutMs` bounds the whole send: it is well inside the claim's lease, so a
 * send is over before another worker may take the row.
 */
export interface NotificationChannel {
  readonly name: ChannelName;
  send(row: OutboxRow, rendered: RenderedMessage, timeoutMs: number): Promise<{ providerRef: string | null }>;
}

export class PermanentSendFailure extends Error {
  constructor(
    message: string,
    /** The contact is no longer valid (a push subscription the push service says is gone): forget it. */
    readonly dropContact = false,
  ) {
    super(message);
  }
}
