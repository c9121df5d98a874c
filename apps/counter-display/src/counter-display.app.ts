import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { createApp, servePages } from '@skranke/platform';
import { RedisIoAdapter } from '@skranke/realtime';
import { counterDisplayModule } from './counter-display.module';

/** What the OpenAPI document calls this app. */
export const COUNTER_DISPLAY_API = {
  title: 'Skranke counter-display',
  description:
    'Counter actions, waiting-room display state and the realtime hub (socket.io at /socket.io; see the event catalogue in libs/realtime).',
};

export async function createCounterDisplayApp(options: Parameters<typeof counterDisplayModule>[0] = {}) {
  return createApp(counterDisplayModule(options), {
    ...COUNTER_DISPLAY_API,
    pages: (app) => servePages(app, app.get<SkrankeConfig>(SKRANKE_CONFIG), 'counter-display', {
        '/counter': { file: 'counter.html' },
        '/display': { file: 'display.html', sources: { 'media-src': ['data:'] } }, // the silent clip that unlocks sound
      }),
    beforeInit: (app) => {
      const config = app.get<SkrankeConfig>(SKRANKE_CONFIG);
      const adapter = new RedisIoAdapter(app, config.corsOrigins);
      adapter.connect(config.redisUrl, config.redisPrefix);
      app.useWebSocketAdapter(adapter);
    },
  });
}
