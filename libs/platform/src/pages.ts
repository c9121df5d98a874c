import { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SkrankeConfig } from '@skranke/config';
import type { Request, Response } from 'express';
import { PageSources, pagePolicy } from './security-headers';

/** Where `npm run build:web` puts the pages: dist/web/<app>/ (override with WEB_DIR). */
export function webDir(config: SkrankeConfig, app: string): string {
  return join(config.webDir ?? resolve(process.cwd(), 'dist', 'web'), app);
}

export interface PageRoute {
  /** The built HTML file. */
  file: string;
  /** What the page loads beyond its own origin (its Content-Security-Policy). */
  sources?: PageSources;
  /** Who may frame the page (origins, or '*'): by default no one. */
  frameAncestors?: (req: Request) => Promise<string[]>;
}

/**
 * Serves an app's built pages: assets under /web/<app>/, each page route to its
 * HTML file with its own Content-Security-Policy, and /app-config.json telling
 * pages where the other apps are, and /favicon.ico.
 */
export function servePages(app: NestExpressApplication, config: SkrankeConfig, appName: string, routes: Record<string, PageRoute>): void {
  const dir = webDir(config, appName);
  app.useStaticAssets(dir, { prefix: `/web/${appName}/`, index: false, maxAge: '1h' });
  const http = app.getHttpAdapter().getInstance() as { get: (path: string, handler: (req: Request, res: Response) => void) => void };
  http.get('/app-config.json', (_req, res) => res.json({ urls: config.urls, app: appName }));
  // Browsers ask for /favicon.ico whatever the page says: send them to the one icon (libs/web/public/favicon.svg).
  http.get('/favicon.ico', (_req, res) => res.redirect(302, `/web/${appName}/favicon.svg`));
  for (const [route, page] of Object.entries(routes)) {
    const policy = pagePolicy(page.sources);
    http.get(route, (req, res) => {
      const file = join(dir, page.file);
      if (!existsSync(file)) {
        res.status(503).send('This page has not been built yet: run npm run build:web.');
        return;
      }
      // Unknown embedders (the lookup failed) may not frame it.
      void (page.frameAncestors?.(req).catch(() => []) ?? Promise.resolve([])).then((ancestors) =>
        policy(req, res, ancestors, () => {
          res.setHeader('Cache-Control', 'no-cache');
          res.sendFile(file);
        }),
      );
    });
  }
}
