// The shared Vite setup of every app's pages: one multi-page build per app into dist/web/<app>.
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

export function pagesConfig(app, pages) {
  const webRoot = resolve(root, 'apps', app, 'web');
  return {
    root: webRoot,
    base: `/web/${app}/`,
    logLevel: 'warn',
    // Files every app serves as they are (the favicon), copied to dist/web/<app>/.
    publicDir: resolve(root, 'libs/web/public'),
    // Stateful pages are Preact components written in TSX (automatic runtime).
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: {
        '@skranke/web': resolve(root, 'libs/web/src'),
        '@skranke/realtime/client': resolve(root, 'libs/realtime/src/client'),
      },
    },
    build: {
      outDir: resolve(root, 'dist', 'web', app),
      emptyOutDir: true,
      target: 'es2020',
      rollupOptions: { input: Object.fromEntries(pages.map((p) => [p, resolve(webRoot, `${p}.html`)])) },
    },
  };
}
