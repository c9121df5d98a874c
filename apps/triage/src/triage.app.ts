import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { createApp, servePages } from '@skranke/platform';
import { triageModule } from './triage.module';

export async function createTriageApp(options: Parameters<typeof triageModule>[0] = {}) {
  return createApp(triageModule(options), {
    title: 'Skranke triage',
    description: 'Floor-walker triage, floor state, supervisor figures and configuration of sites, services, counters, staff and devices.',
    pages: (app) =>
      servePages(app, app.get<SkrankeConfig>(SKRANKE_CONFIG), 'triage', {
        '/floor/:slug': 'floor.html',
        '/dashboard/:slug': 'dashboard.html',
        '/admin/:slug': 'admin.html',
      }),
  });
}
