import { staffSessionEnded, staffToken } from './session';

/** JSON over fetch with the API's error shape turned into an exception that pages can show in plain words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's parameters, e.g. `retryAfterSeconds` of a 429. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ApiClient {
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T = any>(path: string, body?: unknown): Promise<T>;
  del<T = any>(path: string): Promise<T>;
}

export function apiClient(baseUrl: string, token: () => string | null): ApiClient {
  async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extra };
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network_error', 'No connection to the server.');
    }
    if (res.status === 204) return null;
    const data = await res.json().catch(() => null);
    // A refused staff token (logout elsewhere, deactivated): the page goes back to its login screen.
    if (res.status === 401 && t && t === staffToken()) staffSessionEnded();
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? res.statusText, data?.error?.details);
    return data;
  }
  return {
    get: (p) => call('GET', p),
    post: (p, b, h) => call('POST', p, b ?? {}, h),
    patch: (p, b) => call('PATCH', p, b ?? {}),
    del: (p) => call('DELETE', p),
  };
}

export interface AppConfig {
  app: string;
  urls: { ticketing: string; triage: string; counterDisplay: string };
}

/** Where the other apps are, as the serving app knows it (so pages work behind any host name). */
export async function appConfig(): Promise<AppConfig> {
  const res = await fetch('/app-config.json');
  return res.json();
}
