import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { createApp, hubSources, servePages } from '@skranke/platform';
import { triageModule } from './triage.module';

/** What the OpenAPI document calls this app. */
export const TRIAGE_API = {
  title: 'Skranke triage',
  description:
    'Floor-walker triage, floor state, supervisor figures and configuration of sites, services, counters, staff and devices.',
};

export async function createTriageApp(options: Parameters<typeof triageModule>[0] = {}) {
  return createApp(triageModule(options), {
    ...TRIAGE_API,
    pages: (app) => {
      const config = app.get<SkrankeConfig>(SKRANKE_CONFIG);
      // Each page calls the counter-display app's API and listens to its hub; floor and dashboard read the bookings from the ticketing app.
      const sources = { 'connect-src': [...hubSources(config.urls.counterDisplay), new URL(config.urls.ticketing).origin] };
      servePages(app, config, 'triage', {
        '/floor/:slug': { file: 'floor.html', sources },
        '/dashboard/:slug': { file: 'dashboard.html', sources },
        '/admin/:slug': { file: 'admin.html', sources },
        // Statistics of every site the user reads reports at: its own API only.
        '/reports': { file: 'reports.html' },
        // Per-person figures at one site (one's own; a supervisor's teams): its own API only.
        '/staff-figures/:slug': { file: 'staff-figures.html' },
      });
    },
  });
}
