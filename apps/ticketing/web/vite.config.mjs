import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pagesConfig } from '../../../libs/web/vite-base.mjs';

const config = pagesConfig('ticketing', ['kiosk', 'ticket', 'widget', 'municipality-widget', 'book', 'appointment']);

// The booking pages use DKFDS's compiled CSS, which the package's exports do not list: reach it by file.
// (Its one export is dist/js/dkfds.min.js.)
const dkfdsDist = dirname(dirname(createRequire(import.meta.url).resolve('dkfds')));
config.resolve.alias = [
  ...Object.entries(config.resolve.alias).map(([find, replacement]) => ({ find, replacement })),
  { find: /^dkfds\/dist\//, replacement: `${dkfdsDist}/` },
];
// DKFDS's CSS refers to its fonts and icons by file: keep them files (the pages' CSP allows
// fonts and images from 'self' only, not data: URIs), whatever their size.
config.build.assetsInlineLimit = (file) => (file.includes('/dkfds/') ? false : undefined);

// The ticket page's service worker: its own entry, at a fixed name (a registered worker's address must not change
// with each build), served by the app from /ticket-sw.js so that its scope can be /t/.
config.build.rollupOptions.input['ticket-sw'] = `${config.root}/src/ticket-sw.ts`;
config.build.rollupOptions.output = {
  entryFileNames: (chunk) => (chunk.name === 'ticket-sw' ? 'ticket-sw.js' : 'assets/[name]-[hash].js'),
};

export default config;
