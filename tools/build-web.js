// Builds every app's browser pages with Vite (apps/<app>/web/vite.config.mjs → dist/web/<app>).
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
for (const app of readdirSync(join(root, 'apps'))) {
  const config = join(root, 'apps', app, 'web', 'vite.config.mjs');
  if (!existsSync(config)) continue;
  execFileSync(process.execPath, [join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js'), 'build', '--config', config, '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
  });
}
