import { createHash, randomBytes } from 'node:crypto';

/**
 * Device tokens are 256 random bits, so a fast hash is enough to store them:
 * nobody can guess a preimage, and lookup stays a single indexed query.
 */
export const DEVICE_TOKEN_PREFIX = 'skd_';

export function newDeviceToken(): string {
  return DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
