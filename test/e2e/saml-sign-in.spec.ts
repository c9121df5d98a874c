/**
 * SAML 2.0 sign-in over HTTP (docs/identity.md#saml): the SP metadata, the login's AuthnRequest and
 * RelayState, the Assertion Consumer Service ending in a one-time code the page exchanges for its
 * tokens (as after OIDC), roles from OIO-BPP and from a plain attribute, and the refusals as 4xx.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { SITE_CONSTRAINT } from '../../libs/auth/src';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { RSA_PSS_SHA256, RSA_SHA256, TestIdp } from '../support/saml-idp';

jest.setTimeout(60_000);

const SP = 'https://skranke.test.example/saml';
const BPP = 'dk:gov:saml:attribute:Privileges_intermediate';
const ROLE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

describe('SAML sign-in', () => {
  const idp = new TestIdp();
  let sys: TestSystem;
  let site: SiteFixture;
  let triageUrl: string;
  let acs: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saml-e2e-'));
    writeFileSync(join(dir, 'idp.xml'), idp.metadata());
    sys = await startSystem({ env: { SAML_IDP_METADATA_FILE: join(dir, 'idp.xml'), SAML_SP_ENTITY_ID: SP } });
    triageUrl = sys.env.TRIAGE_URL;
    acs = `${triageUrl}/api/v1/auth/saml/acs`;
    site = await seedSite(sys);
  });
  afterAll(() => sys?.stop());

  const post = (form: Record<string, string>) =>
    fetch(acs, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const privileges = (role: string) =>
    Buffer.from(
      `<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846"><Privilege>https://skranke.dk/roles/usersystemrole/${role}/1</Privilege><Constraint Name="${SITE_CONSTRAINT}">${site.slug}</Constraint></PrivilegeGroup></bpp:PrivilegeList>`,
    ).toString('base64');
  const exchange = async (location: string) => {
    const code = /#sso=([\w-]+)$/.exec(location)?.[1];
    expect(code).toBeDefined();
    const tokens = await sys.triage.post('/auth/sso/exchange', { code });
    expectStatus(tokens, 200);
    return tokens.body;
  };

  it('publishes the SP metadata with the entity id and the Assertion Consumer Service', async () => {
    const r = await fetch(`${triageUrl}/api/v1/auth/saml/metadata`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/samlmetadata\+xml/);
    const xml = await r.text();
    expect(xml).toContain(`entityID="${SP}"`);
    expect(xml).toContain(`Location="${acs}"`);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    // The pages offer it: every app lists the provider.
    for (const app of [sys.triage, sys.counterDisplay[0]]) expect((await app.get('/auth/providers')).body.providers).toContainEqual({ id: 'saml', loginUrl: `${triageUrl}/api/v1/auth/saml/login` });
  });

  it('signs in a Context Handler user (RSASSA-PSS, OIO-BPP) with the role the privilege gives at the site', async () => {
    const r = await post({ SAMLResponse: idp.response({ audience: SP, acsUrl: acs, algorithm: RSA_PSS_SHA256, nameId: `CN=Mette Holm,Serial=${site.slug}`, attributes: { [BPP]: [privileges('counter')], 'urn:oid:2.5.4.3': ['Mette Holm'] } }) });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toMatch(new RegExp(`^${triageUrl}/#sso=`));
    const tokens = await exchange(r.headers.get('location')!);
    const me = await sys.counterDisplay[0].as(tokens.accessToken).get('/auth/me');
    expectStatus(me, 200);
    expect(me.body).toMatchObject({ displayName: 'Mette Holm', roles: [{ siteId: site.siteId, role: 'counter' }] });
  });

  it('signs in an AD FS user (RSA-SHA256, role attribute) through the login and its RelayState, back to the page it came from', async () => {
    const login = await fetch(`${triageUrl}/api/v1/auth/saml/login?returnTo=${encodeURIComponent('/floor/')}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const to = new URL(login.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(idp.ssoUrl);
    const request = inflateRawSync(Buffer.from(to.searchParams.get('SAMLRequest')!, 'base64')).toString();
    const requestId = /ID="([^"]+)"/.exec(request)![1];
    expect(request).toContain(`AssertionConsumerServiceURL="${acs}"`);
    const relayState = to.searchParams.get('RelayState')!;
    const r = await post({
      SAMLResponse: idp.response({ audience: SP, acsUrl: acs, algorithm: RSA_SHA256, inResponseTo: requestId, nameId: `anna-${site.slug}`, attributes: { [ROLE]: [`skranke:${site.slug}:floor`, 'Domain Users'] } }),
      RelayState: relayState,
    });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toMatch(new RegExp(`^${triageUrl}/floor/#sso=`));
    const tokens = await exchange(r.headers.get('location')!);
    expect((await sys.triage.as(tokens.accessToken).get('/auth/me')).body.roles).toEqual([{ siteId: site.siteId, role: 'floor' }]);
    // The request's answer is taken once: the same InResponseTo again is not ours any more.
    const again = await post({ SAMLResponse: idp.response({ audience: SP, acsUrl: acs, algorithm: RSA_SHA256, inResponseTo: requestId, nameId: `anna-${site.slug}` }) });
    expect([again.status, (await again.json()).error.code]).toEqual([401, 'saml_request_unknown']);
  });

  it('sends a user without a role back to the page with the reason, creating no one', async () => {
    const r = await post({ SAMLResponse: idp.response({ audience: SP, acsUrl: acs, algorithm: RSA_SHA256, nameId: `nobody-${site.slug}`, attributes: { [ROLE]: ['Domain Users'] } }) });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`${triageUrl}/#sso_error=sso_no_role`);
  });

  it('refuses unsigned, wrongly signed, replayed and expired assertions, and no SAMLResponse, with 4xx and a code', async () => {
    const code = async (form: Record<string, string>) => {
      const r = await post(form);
      return [r.status, (await r.json()).error.code];
    };
    expect(await code({ SAMLResponse: idp.response({ audience: SP, acsUrl: acs, algorithm: null }) })).toEqual([401, 'saml_signature_invalid']);
    const other = new TestIdp();
    expect(await code({ SAMLResponse: other.response({ audience: SP, acsUrl: acs, algorithm: RSA_PSS_SHA256, issuer: idp.entityId }) })).toEqual([401, 'saml_signature_invalid']);
    const once = idp.response({ audience: SP, acsUrl: acs, algorithm: RSA_PSS_SHA256, attributes: { [BPP]: [privileges('floor')] } });
    expect((await post({ SAMLResponse: once })).status).toBe(302);
    expect(await code({ SAMLResponse: once })).toEqual([401, 'saml_assertion_replayed']);
    expect(await code({ SAMLResponse: idp.response({ audience: SP, acsUrl: acs, algorithm: RSA_PSS_SHA256, validMinutes: -10 }) })).toEqual([401, 'saml_assertion_expired']);
    expect(await code({})).toEqual([400, 'saml_response_invalid']);
    expect(await code({ SAMLResponse: 'bm90IHNhbWw=' })).toEqual([400, 'saml_response_invalid']);
  });
});
