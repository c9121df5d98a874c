import { SKRANKE_CONFIG } from '@skranke/config';
import { createApp, servePages } from '@skranke/platform';
import { waitTimesFastPath } from './public/wait-times.fast-path';
import { ticketingModule } from './ticketing.module';

export async function createTicketingApp(options: Parameters<typeof ticketingModule>[0] = {}) {
  return createApp(ticketingModule(options), {
    title: 'Skranke ticketing',
    description: 'Kiosk ticket issuing, appointment check-in, the citizen’s ticket page and public wait times.',
    pages: (app) =>
      servePages(app, app.get(SKRANKE_CONFIG), 'ticketing', {
        '/kiosk/:slug': 'kiosk.html',
        '/t/:trackingToken': 'ticket.html',
        '/widget/:slug': 'widget.html',
        '/widget/municipality/:municipality': 'municipality-widget.html',
      }),
    inFront: waitTimesFastPath,
  });
}
