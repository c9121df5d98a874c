import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import type { NotificationChannel as ChannelName } from '@skranke/persistence';
import type { NotificationChannel } from './channel';
import { EmailChannel } from './email.channel';
import { WebPushChannel } from './push.channel';
import { GatewayApiSmsChannel } from './sms.channel';

/** The channels the operator configured (config.notifications); the others are off everywhere. */
@Injectable()
export class NotificationChannels implements OnApplicationShutdown {
  private readonly channels = new Map<ChannelName, NotificationChannel>();
  private readonly email?: EmailChannel;

  constructor(@Inject(SKRANKE_CONFIG) config: SkrankeConfig) {
    const n = config.notifications;
    if (n.email) {
      this.email = new EmailChannel(n.email, new URL(config.urls.ticketing).hostname);
      this.channels.set('email', this.email);
    }
    if (n.sms) this.channels.set('sms', new GatewayApiSmsChannel(n.sms));
    if (n.push) this.channels.set('push', new WebPushChannel(n.push));
  }

  get(name: ChannelName): NotificationChannel | null {
    return this.channels.get(name) ?? null;
  }

  configured(): Record<ChannelName, boolean> {
    return { email: this.channels.has('email'), sms: this.channels.has('sms'), push: this.channels.has('push') };
  }

  onApplicationShutdown() {
    this.email?.close();
  }
}
