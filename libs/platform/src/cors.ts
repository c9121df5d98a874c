import cors, { CorsOptions } from 'cors';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The apps' CORS policy: any origin (municipal web pages use the public answers), no credentials. */
export const CORS_OPTIONS = { origin: true, credentials: false } satisfies CorsOptions;

const applyCors = cors(CORS_OPTIONS);

/**
 * The CORS headers the app would add, for an answer sent ahead of Express
 * (see putInFront). With fixed options `cors` decides at once, so this is
 * synchronous; only a GET or HEAD should be answered this way (no preflight).
 */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res, () => undefined);
}
