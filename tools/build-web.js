// Builds the browser pages with Vite once there are any (apps/*/web). Until then there is nothing to build.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

for (const app of readdirSync(join(__dirname, '..', 'apps'))) {
  const config = join(__dirname, '..', 'apps', app, 'web', 'vite.config.mjs');
  if (!existsSync(config)) continue;
  execFileSync(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--config', config], { stdio: 'inherit' });
}
