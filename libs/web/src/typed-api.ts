import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as CounterDisplayPaths } from './api-types/counter-display';
import type { paths as TicketingPaths } from './api-types/ticketing';
import type { paths as TriagePaths } from './api-types/triage';
import { ApiError } from './api';
import { staffSessionEnded, staffToken } from './session';

export type { CounterDisplayPaths, TicketingPaths, TriagePaths };
export type { components as CounterDisplaySchemas } from './api-types/counter-display';
export type { components as TicketingSchemas } from './api-types/ticketing';
export type { components as TriageSchemas } from './api-types/triage';

/**
 * The bearer token on every request, and the API's error shape turned into an
 * ApiError (code and parameters, which pages translate; never the server's
 * English message). A refused staff token sends the page back to its login.
 */
function apiMiddleware(token: () => string | null): Middleware {
  let sent: string | null = null;
  return {
    onRequest({ request }) {
      sent = token();
      if (sent) request.headers.set('authorization', `Bearer ${sent}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return response;
      const data = await response.clone().json().catch(() => null);
      if (response.status === 401 && sent && sent === staffToken()) staffSessionEnded();
      throw new ApiError(response.status, data?.error?.code ?? 'error', data?.error?.message ?? response.statusText, data?.error?.details);
    },
    onError() {
      return new ApiError(0, 'network_error', 'No connection to the server.');
    },
  };
}

/**
 * A client typed from an app's OpenAPI document (libs/web/src/api-types,
 * written by `npm run openapi`): paths, parameters, bodies and answers are
 * checked by the compiler. Failures throw ApiError, so `data` is the answer.
 */
export function typedApi<Paths extends object>(baseUrl: string, token: () => string | null): Client<Paths> {
  const client = createClient<Paths>({ baseUrl });
  client.use(apiMiddleware(token));
  return client;
}
