import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const OIDC_CLIENT = { id: 'skranke', secret: 'skranke-test-client-secret-0123456789' };

export interface TestOidcProvider {
  issuer: string;
  /** Registers Skranke (its triage app's callback) as the provider's client. */
  register(triageUrl: string): Promise<void>;
  /** Creates or changes an account: what its ID token says at the next sign-in or refresh. */
  setAccount(sub: string, claims: { name: string; email: string; roles: string[] }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) in a child process: it is ESM-only and
 * jest's module system cannot load it, so the tests talk to it over HTTP.
 */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`oidc provider exited (${code}): ${errors}`)));
  });
  const call = async (path: string, method: string, body: unknown) => {
    const res = await fetch(issuer + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    issuer,
    register: (triageUrl) => call('/test/setup', 'POST', { redirectUri: `${triageUrl}/api/v1/auth/oidc/callback`, clientId: OIDC_CLIENT.id, clientSecret: OIDC_CLIENT.secret }),
    setAccount: (sub, claims) => call(`/test/accounts/${encodeURIComponent(sub)}`, 'PUT', claims),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
}

/** The OIDC variables of an installation signing in with this provider. */
export const oidcEnv = (issuer: string, extra: Record<string, string> = {}) => ({
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: OIDC_CLIENT.id,
  OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  ...extra,
});
