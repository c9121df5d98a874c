import { createHmac } from 'node:crypto';
import { verifyHs256 } from './sms-reports';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const sign = (header: unknown, claims: unknown, secret: string) => {
  const head = `${b64(header)}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

describe('verifyHs256 (GatewayAPI X-Gwapi-Signature)', () => {
  const claims = { id: 2381703, msisdn: 4542609045, time: 1522764062, status: 'DELIVERED', error: null, code: null, userref: null, api: 4 };

  it('returns the claims of a token signed with the shared secret', () => {
    expect(verifyHs256(sign({ typ: 'JWT', alg: 'HS256' }, claims, 'secret'), 'secret')).toEqual(claims);
  });

  it('refuses another secret, a changed payload, another algorithm and garbage', () => {
    const token = sign({ typ: 'JWT', alg: 'HS256' }, claims, 'secret');
    expect(verifyHs256(token, 'not-the-secret')).toBeNull();
    const [h, , s] = token.split('.');
    expect(verifyHs256(`${h}.${b64({ ...claims, status: 'UNDELIVERED' })}.${s}`, 'secret')).toBeNull();
    expect(verifyHs256(`${b64({ alg: 'none' })}.${b64(claims)}.`, 'secret')).toBeNull();
    expect(verifyHs256(sign({ alg: 'HS512' }, claims, 'secret'), 'secret')).toBeNull();
    expect(verifyHs256('a.b', 'secret')).toBeNull();
    expect(verifyHs256('', 'secret')).toBeNull();
  });
});
