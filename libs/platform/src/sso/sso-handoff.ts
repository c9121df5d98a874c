import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import type { SsoSignInResult } from '@skranke/auth';
import { REDIS } from '../redis';

/** Long enough for the page to load and ask; short enough that a code in a browser's history is useless soon after. */
const HANDOFF_SECONDS = 60;
/** The OIDC transaction waits at most this long for the user at the provider. */
const TRANSACTION_SECONDS = 600;

/**
 * What single sign-on keeps in Redis for a moment, each entry used once and
 * shared by every instance: the sign-in's transaction between the redirect to
 * the provider and its callback, and the result between the callback and the
 * page. The page gets a one-time code (in the URL's fragment, which never
 * reaches a server or its logs) and exchanges it for its tokens; the tokens
 * never appear in a URL. Keys hold only a hash of the code.
 */
@Injectable()
export class SsoHandoff {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  /** Keeps a signed-in result for the page; returns the code the page exchanges. */
  async offer(result: SsoSignInResult): Promise<string> {
    return this.put('handoff', result, HANDOFF_SECONDS);
  }

  /** The result for a code, once; null when unknown, used or expired. */
  async take(code: unknown): Promise<SsoSignInResult | null> {
    return this.pop<SsoSignInResult>('handoff', code);
  }

  /** Keeps a sign-in's transaction (state, nonce, PKCE verifier, where to return); returns its id for the browser's cookie. */
  async keepTransaction<T>(transaction: T): Promise<string> {
    return this.put('transaction', transaction, TRANSACTION_SECONDS);
  }

  async takeTransaction<T>(id: unknown): Promise<T | null> {
    return this.pop<T>('transaction', id);
  }

  private async put(kind: string, value: unknown, seconds: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(kind, id), JSON.stringify(value), 'EX', seconds);
    return id;
  }

  private async pop<T>(kind: string, id: unknown): Promise<T | null> {
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const replies = (await this.redis.multi().get(this.key(kind, id)).del(this.key(kind, id)).exec()) ?? [];
    const value = replies[0]?.[1];
    return typeof value === 'string' ? (JSON.parse(value) as T) : null;
  }

  private key(kind: string, id: string): string {
    return `${this.config.redisPrefix}:sso:${kind}:${createHash('sha256').update(id).digest('hex')}`;
  }
}
