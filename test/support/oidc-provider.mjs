// A real OpenID provider (oidc-provider, ESM-only) for the sign-in tests, run as a child process
// (test/support/oidc.ts). It listens first, so the issuer is known before the apps boot; the test
// then registers Skranke's redirect URI and sets each account's name and roles over /test/*.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';
import Provider from 'oidc-provider';

const accounts = new Map();
let provider = null;

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}');
}

function setup(issuer, { redirectUri, clientId, clientSecret }) {
  const p = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    // Entra ID puts app roles in the ID token: so does this provider, for every sign-in and refresh.
    claims: { openid: ['sub', 'roles'], profile: ['name'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => (accounts.has(sub) ? { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) } : undefined),
    // A first-party app with the administrator's consent: no consent screen, refresh tokens without prompt=consent.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email offline_access');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    cookies: { keys: ['skranke-test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: true } },
  });
  p.on('server_error', (_ctx, e) => process.stderr.write(`oidc-provider server_error: ${e.stack}\n`));
  return p;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/test/setup' && req.method === 'POST') {
      provider = setup(issuer, await readJson(req));
      return res.end('{}');
    }
    if (url.pathname.startsWith('/test/accounts/') && req.method === 'PUT') {
      accounts.set(decodeURIComponent(url.pathname.slice('/test/accounts/'.length)), await readJson(req));
      return res.end('{}');
    }
    if (!provider) {
      res.statusCode = 503;
      return res.end('not set up');
    }
    provider.callback()(req, res);
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
});
let issuer;
server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`READY ${issuer}\n`);
});
