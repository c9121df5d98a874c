import { DomainError } from '@skranke/domain';
import { safeReturnTo } from './return-to';

const SELF = 'https://triage.kommune.dk';
const APPS = ['https://triage.kommune.dk', 'https://skranke.kommune.dk'];
const code = (raw: unknown) => {
  try {
    return safeReturnTo(raw, SELF, APPS);
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('where a sign-in may return to', () => {
  it('a path of this app, or an address on one of the apps, without its fragment', () => {
    expect(code(undefined)).toBe('https://triage.kommune.dk/');
    expect(code('/floor/aarhus?x=1#old')).toBe('https://triage.kommune.dk/floor/aarhus?x=1');
    expect(code('https://skranke.kommune.dk/counter?counter=1')).toBe('https://skranke.kommune.dk/counter?counter=1');
  });

  it('nowhere else: other hosts, scheme-relative and backslashed paths, other schemes, credentials', () => {
    for (const raw of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'https://triage.kommune.dk.evil.example/', 'javascript:alert(1)', 'https://user:pw@triage.kommune.dk/', 'floor', ' /floor', ['/x'], 'http://triage.kommune.dk/', '/' + 'a'.repeat(2001)]) {
      expect(code(raw)).toBe('invalid_return_to');
    }
  });
});
