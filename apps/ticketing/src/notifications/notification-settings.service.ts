import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DEFAULT_TEMPLATES, notFound, notificationSettings, validateNotificationSettings } from '@skranke/domain';
import { NotificationChannels } from '@skranke/jobs';

/** site.settings.notifications, read with its defaults and changed atomically (only that key of the settings). */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannels,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  async get(siteId: string) {
    const [site] = await this.dataSource.query(`SELECT settings -> 'notifications' AS stored FROM site WHERE id = $1`, [siteId]);
    if (!site) throw notFound('site_not_found', 'No such site.');
    const configured = this.channels.configured();
    return { configured, ...notificationSettings(site.stored, configured), defaultTemplates: DEFAULT_TEMPLATES };
  }

  async update(siteId: string, input: unknown) {
    await this.dataSource.transaction(async (m) => {
      const [site] = await m.query(`SELECT settings -> 'notifications' AS stored FROM site WHERE id = $1 FOR UPDATE`, [siteId]);
      if (!site) throw notFound('site_not_found', 'No such site.');
      const next = validateNotificationSettings(input, site.stored, { configured: this.channels.configured(), ticketingUrl: this.config.urls.ticketing });
      await m.query(`UPDATE site SET settings = jsonb_set(coalesce(settings, '{}'), '{notifications}', $2::jsonb) WHERE id = $1`, [siteId, JSON.stringify(next)]);
    });
    return this.get(siteId);
  }
}
