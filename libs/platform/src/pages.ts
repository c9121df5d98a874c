import { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SkrankeConfig } from '@skranke/config';
import type { Request, Response } from 'express';

/** Where `npm run build:web` puts the pages: dist/web/<app>/ (override with WEB_DIR). */
export function webDir(config: SkrankeConfig, app: string): string {
  return join(config.webDir ?? resolve(process.cwd(), 'dist', 'web'), app);
}

/**
 * Serves an app's built pages: assets under /web/<app>/, each page route to its
 * HTML file, and /app-config.json telling pages where the other apps are.
 */
export function servePages(app: NestExpressApplication, config: SkrankeConfig, appName: string, routes: Record<string, string>): void {
  const dir = webDir(config, appName);
  app.useStaticAssets(dir, { prefix: `/web/${appName}/`, index: false, maxAge: '1h' });
  const http = app.getHttpAdapter().getInstance() as { get: (path: string, handler: (req: Request, res: Response) => void) => void };
  http.get('/app-config.json', (_req, res) => res.json({ urls: config.urls, app: appName }));
  for (const [route, file] of Object.entries(routes)) {
    http.get(route, (_req, res) => {
      const page = join(dir, file);
      if (!existsSync(page)) {
        res.status(503).send('This page has not been built yet: run npm run build:web.');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(page);
    });
  }
}
