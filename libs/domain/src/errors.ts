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
    /** Parameters of the refusal (e.g. `{ minutesBefore: 30 }`), sent as `error.details` so pages can say it in their language. */
    readonly details?: Record<string, string | number | boolean | null>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

type Details = DomainError['details'];
export const conflict = (code: string, message: string, details?: Details) => new DomainError('conflict', code, message, undefined, details);
export const ruleBroken = (code: string, message: string, details?: Details) => new DomainError('rule', code, message, undefined, details);
export const notFound = (code: string, message: string, details?: Details) => new DomainError('not-found', code, message, undefined, details);
export const invalid = (code: string, message: string, details?: Details) => new DomainError('invalid', code, message, undefined, details);
export const forbidden = (code: string, message: string, details?: Details) => new DomainError('forbidden', code, message, undefined, details);
/** A 429: `retryAfterSeconds` (whole seconds, at least 1) becomes the `Retry-After` header. */
export const rateLimited = (code: string, message: string, retryAfterSeconds: number) =>
  new DomainError('rate-limit', code, message, Math.max(1, Math.ceil(retryAfterSeconds)));
