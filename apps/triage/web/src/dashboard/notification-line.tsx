import { formatNumber } from '@skranke/web';
import { lang, t } from '../common/texts';

/** GET /sites/{siteId}/notifications/today. */
export interface NotificationCounts {
  date: string;
  channels: { channel: string; sent: number; delivered: number; failed: number }[];
}

/** One line on messages to citizens today: sent, delivered and failed per channel (the delivery log has each). */
export function NotificationLine({ counts }: { counts: NotificationCounts }) {
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t('messagesToday')}</h2>
      <p data-notifications>
        {counts.channels.map((c, i) => (
          <span key={c.channel} data-channel={c.channel}>
            {i ? ' · ' : ''}
            <b>{t(`channel.${c.channel}`)}</b>{' '}
            {t('messageCounts', { sent: formatNumber(lang, c.sent), delivered: formatNumber(lang, c.delivered), failed: formatNumber(lang, c.failed) })}
          </span>
        ))}
      </p>
    </section>
  );
}
