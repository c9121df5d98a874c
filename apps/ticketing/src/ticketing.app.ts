import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { createApp, hubSources, servePages, webDir } from '@skranke/platform';
import { WidgetEmbeddersService } from './public/widget-embedders.service';
import { ticketingModule } from './ticketing.module';

/** What the OpenAPI document calls this app. */
export const TICKETING_API = {
  title: 'Skranke ticketing',
  description:
    'Kiosk ticket issuing, appointment check-in, the citizen’s ticket page and public wait times.',
};

export async function createTicketingApp(options: Parameters<typeof ticketingModule>[0] = {}) {
  return createApp(ticketingModule(options), {
    ...TICKETING_API,
    pages: (app) => {
      const config = app.get<SkrankeConfig>(SKRANKE_CONFIG);
      const embedders = app.get(WidgetEmbeddersService);
      // The ticket page's service worker (web push): from the root, so it may take the ticket pages' scope /t/.
      const worker = join(webDir(config, 'ticketing'), 'ticket-sw.js');
      const http = app.getHttpAdapter().getInstance() as { get: (path: string, handler: (req: Request, res: Response) => void) => void };
      http.get('/ticket-sw.js', (_req, res) => {
        if (!existsSync(worker)) return void res.status(503).send('This page has not been built yet: run npm run build:web.');
        res.setHeader('Service-Worker-Allowed', '/t/');
        res.setHeader('Cache-Control', 'no-cache');
        res.type('text/javascript').sendFile(worker);
      });
      servePages(app, config, 'ticketing', {
        // data: the QR code and an inline logo; https: the site's logo by address (settings.branding.logo, https only).
        '/kiosk/:slug': { file: 'kiosk.html', sources: { 'img-src': ['data:', 'https:'] } },
        '/t/:trackingToken': { file: 'ticket.html', sources: { 'connect-src': hubSources(config.urls.counterDisplay) } },
        // The citizen's booking and manage pages: the public booking API of this app, DKFDS's fonts and icons, nothing else.
        '/book/:slug': { file: 'book.html' },
        '/appointment/:manageToken': { file: 'appointment.html' },
        '/widget/:slug': { file: 'widget.html', frameAncestors: (req) => embedders.forSite(String(req.params.slug)) },
        '/widget/municipality/:municipality': {
          file: 'municipality-widget.html',
          frameAncestors: (req) => embedders.forMunicipality(String(req.params.municipality)),
        },
      });
    },
  });
}
