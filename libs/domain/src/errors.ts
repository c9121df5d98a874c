/**
 * A broken domain rule. `kind` tells each transport which status to use;
 * the code is stable and documented, the message is for humans.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'not-found' | 'forbidden' | 'conflict' | 'rule' | 'rate-limit';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const ruleBroken = (code: string, message: string) => new DomainError('rule', code, message);
export const notFound = (code: string, message: string) => new DomainError('not-found', code, message);
export const invalid = (code: string, message: string) => new DomainError('invalid', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
