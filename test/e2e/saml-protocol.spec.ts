/**
 * The SAML protocol part (apps/triage/src/sso/saml.service.ts) against an IdP in the test: it signs
 * with RSASSA-PSS (as KOMBIT's Context Handler) and RSA-SHA256; unsigned, wrongly signed, altered,
 * replayed and expired assertions are refused with 4xx codes; OIO-BPP and plain role attributes give
 * role claims. The HTTP routes and the sign-in are in saml-sign-in.spec.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SITE_CONSTRAINT } from '../../libs/auth/src';
import { loadConfig } from '../../libs/config/src';
import { DomainError } from '../../libs/domain/src';
import { SamlService } from '../../apps/triage/src/sso/saml.service';
import { REDIS_URL, clearRedisPrefix } from '../support/redis';
import { RSA_PSS_SHA256, RSA_SHA256, TestIdp, idpKey } from '../support/saml-idp';

const SP = 'https://skranke.test.example/saml';
const ACS = 'http://127.0.0.1:3999/api/v1/auth/saml/acs';
const BPP = 'dk:gov:saml:attribute:Privileges_intermediate';
const ROLE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const COUNTER = 'https://skranke.dk/roles/usersystemrole/counter/1';

const privileges = (slug: string) =>
  Buffer.from(
    `<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846"><Privilege>${COUNTER}</Privilege><Constraint Name="${SITE_CONSTRAINT}">${slug}</Constraint></PrivilegeGroup></bpp:PrivilegeList>`,
  ).toString('base64');

describe('SAML protocol', () => {
  const idp = new TestIdp();
  const prefix = `saml-protocol-${process.pid}`;
  let redis: Redis;
  let saml: SamlService;

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'saml-sp-'));
    writeFileSync(join(dir, 'idp.xml'), idp.metadata());
    const config = loadConfig({ TRIAGE_URL: 'http://127.0.0.1:3999', SAML_IDP_METADATA_FILE: join(dir, 'idp.xml'), SAML_SP_ENTITY_ID: SP, REDIS_PREFIX: prefix });
    redis = new Redis(REDIS_URL);
    saml = new SamlService(config, redis);
  });
  afterAll(async () => {
    redis.disconnect();
    await clearRedisPrefix(prefix);
  });

  const refusal = async (response: string): Promise<[number, string]> => {
    try {
      await saml.identityFrom(response);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return [e.kind === 'unauthenticated' ? 401 : e.kind === 'invalid' ? 400 : 500, e.code];
    }
    throw new Error('accepted');
  };

  it('accepts an assertion signed with RSASSA-PSS (sha256-rsa-MGF1) and reads the OIO-BPP roles', async () => {
    const response = idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_PSS_SHA256, attributes: { [BPP]: [privileges('aarhus-rathus')], 'urn:oid:2.5.4.3': ['Mette Holm'], 'urn:oid:0.9.2342.19200300.100.1.3': ['meho@aarhus.dk'] } });
    expect(Buffer.from(response, 'base64').toString()).toContain(`Algorithm="${RSA_PSS_SHA256}"`);
    expect(await saml.identityFrom(response)).toEqual({
      provider: 'saml',
      issuer: idp.entityId,
      subject: 'CN=Mette Holm,Serial=CVR:29189846-RID:1234',
      displayName: 'Mette Holm',
      email: 'meho@aarhus.dk',
      roleClaims: [`${COUNTER}|${SITE_CONSTRAINT}=aarhus-rathus`, 'skranke:aarhus-rathus:counter'],
    });
  });

  it('accepts RSA-SHA256 and reads a plain role attribute (AD FS, OS2faktor)', async () => {
    const response = idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_SHA256, nameId: 'anna@odense.dk', attributes: { [ROLE]: ['skranke:odense:floor', 'Borgerservice-ledere'] } });
    const identity = await saml.identityFrom(response);
    expect(identity).toMatchObject({ subject: 'anna@odense.dk', roleClaims: ['skranke:odense:floor', 'Borgerservice-ledere'] });
  });

  it('refuses an unsigned, a wrongly signed and an altered assertion', async () => {
    expect(await refusal(idp.response({ audience: SP, acsUrl: ACS, algorithm: null }))).toEqual([401, 'saml_signature_invalid']);
    expect(await refusal(idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_PSS_SHA256, key: idpKey() }))).toEqual([401, 'saml_signature_invalid']);
    const signed = Buffer.from(idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_SHA256, attributes: { [ROLE]: ['skranke:odense:counter'] } }), 'base64').toString();
    const altered = Buffer.from(signed.replace('skranke:odense:counter', 'skranke:odense:admin')).toString('base64');
    expect(await refusal(altered)).toEqual([401, 'saml_signature_invalid']);
  });

  it('refuses a replayed assertion, an expired one, one for another SP and garbage', async () => {
    const once = idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_PSS_SHA256 });
    await saml.identityFrom(once);
    expect(await refusal(once)).toEqual([401, 'saml_assertion_replayed']);
    expect(await refusal(idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_SHA256, validMinutes: -10 }))).toEqual([401, 'saml_assertion_expired']);
    expect(await refusal(idp.response({ audience: 'https://other.example/sp', acsUrl: ACS, algorithm: RSA_SHA256 }))).toEqual([401, 'saml_audience_mismatch']);
    expect(await refusal(Buffer.from('<not-saml/>').toString('base64'))).toEqual([400, 'saml_response_invalid']);
    expect(await refusal('')).toEqual([400, 'saml_response_invalid']);
  });

  it('takes an assertion posted twice at once only once', async () => {
    const response = idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_PSS_SHA256 });
    const results = await Promise.allSettled([saml.identityFrom(response), saml.identityFrom(response), saml.identityFrom(response)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as DomainError).code)).toEqual(['saml_assertion_replayed', 'saml_assertion_replayed']);
  });

  it('refuses an answer to a request this installation did not send', async () => {
    expect(await refusal(idp.response({ audience: SP, acsUrl: ACS, algorithm: RSA_SHA256, inResponseTo: '_never-sent' }))).toEqual([401, 'saml_request_unknown']);
  });
});
