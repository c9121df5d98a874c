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
    /** When to try again; every 'rate-limit' error has one, sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
    /** Parameters of the refusal that pages show in their own words (e.g. `{userName}`), sent as `details`. */
    readonly details?: Record<string, string | number>,
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
/** A 429: `retryAfterSeconds` (whole seconds, at least 1) becomes the `Retry-After` header. */
export const rateLimited = (code: string, message: string, retryAfterSeconds: number) =>
  new DomainError('rate-limit', code, message, Math.max(1, Math.ceil(retryAfterSeconds)));
