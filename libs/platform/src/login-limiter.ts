import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { AuditLog, Clock } from '@skranke/core';
import { rateLimited } from '@skranke/domain';
import { StaffUser } from '@skranke/persistence';
import { addressBlock } from './address-block';
import { REDIS } from './redis';

/** Failures a username gets before each further attempt must wait; the wait doubles from 1 s up to 30 s. */
const FREE_FAILURES_SHARE = 0.5;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;
/** Longer than this without an answer from Redis, a login is refused rather than left hanging. */
const REDIS_TIMEOUT_MS = 2000;

/**
 * One script, so that checking and counting an attempt is one step however
 * many attempts arrive at once on however many instances. KEYS: the
 * username's hash and the address's; each holds f (failures), t (time of the
 * last counted attempt), r (attempts refused while locked), and the
 * address's w (start of its window). ARGV: now, max failures per username,
 * per address, lock ms, free failures, backoff base and cap ms.
 * Returns {verdict, retry ms, username failures, address failures}:
 * 0 go ahead (counted as a failure until settled), 1 wait (backoff),
 * 2 username locked, 3 address locked.
 */
const ADMIT = `
local now, maxUser, maxAddr, lockMs, free, base, cap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local function read(key)
  local v = redis.call('HMGET', key, 'f', 't', 'w')
  return tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3]) or now
end
local af, at, aw = read(KEYS[2])
if af >= maxAddr and now < at + lockMs then
  redis.call('HINCRBY', KEYS[2], 'r', 1)
  return {3, at + lockMs - now, 0, af}
end
if af >= maxAddr or now >= aw + lockMs then
  redis.call('DEL', KEYS[2]); af = 0; aw = now
end
local uf, ut = read(KEYS[1])
if uf > 0 and now >= ut + lockMs then
  redis.call('DEL', KEYS[1]); uf = 0
end
if uf >= maxUser then
  redis.call('HINCRBY', KEYS[1], 'r', 1)
  return {2, ut + lockMs - now, uf, af}
end
if uf >= free then
  local wait = math.min(base * 2 ^ (uf - free), cap)
  if now < ut + wait then return {1, ut + wait - now, uf, af} end
end
redis.call('HSET', KEYS[1], 'f', uf + 1, 't', now)
redis.call('PEXPIRE', KEYS[1], 2 * lockMs)
redis.call('HSET', KEYS[2], 'f', af + 1, 't', now, 'w', aw)
redis.call('PEXPIRE', KEYS[2], 2 * lockMs)
return {0, 0, uf + 1, af + 1}
`;

/** Takes an admitted attempt back from the counts (ARGV[1] 'undo'), or clears the username ('success'). */
const SETTLE = `
if ARGV[1] == 'success' then
  redis.call('DEL', KEYS[1])
elseif tonumber(redis.call('HGET', KEYS[1], 'f') or '0') > 0 then
  redis.call('HINCRBY', KEYS[1], 'f', -1)
end
if tonumber(redis.call('HGET', KEYS[2], 'f') or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], 'f', -1)
end
return 0
`;

/** An attempt let through to the password check, counted as a failure until settled. */
export interface LoginAttempt {
  username: string;
  address: string;
  userKey: string;
  addressKey: string;
  userFailures: number;
  addressFailures: number;
}

/**
 * Limits password guessing (docs/security.md): per username, after half of
 * LOGIN_MAX_FAILURES failures each attempt must wait twice as long as the one
 * before (429 `login_throttled`), and at LOGIN_MAX_FAILURES the username is
 * locked for LOGIN_LOCK_MINUTES (429 `login_locked`, the right password
 * included); per client address, LOGIN_MAX_FAILURES_PER_ADDRESS failures in
 * LOGIN_LOCK_MINUTES lock the address (429 `login_address_locked`). Counted in
 * Redis, shared by every instance. Refusals answer at once: nothing waits on
 * the server. Without Redis, logins are refused (503 `login_unavailable`).
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger('LoginLimiter');
  private readonly lockMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {
    this.lockMs = config.login.lockMinutes * 60_000;
  }

  /** Lets an attempt through to the password check, or refuses it with a 429. */
  async admit(username: string, address: string): Promise<LoginAttempt> {
    const userKey = this.userKey(username);
    const addressKey = `${this.config.redisPrefix}:login:address:${addressBlock(address)}`;
    const { maxFailures, maxFailuresPerAddress } = this.config.login;
    const free = Math.max(1, Math.floor(maxFailures * FREE_FAILURES_SHARE));
    const args = [this.clock.now().getTime(), maxFailures, maxFailuresPerAddress, this.lockMs, free, BACKOFF_BASE_MS, BACKOFF_CAP_MS];
    const [verdict, retryMs, userFailures, addressFailures] = (await this.redisOrRefuse(() =>
      this.redis.eval(ADMIT, 2, userKey, addressKey, ...args),
    )) as number[];
    const seconds = retryMs / 1000;
    if (verdict === 1)
      throw rateLimited('login_throttled', 'Too many wrong passwords for this username; wait before the next attempt.', seconds);
    if (verdict === 2)
      throw rateLimited(
        'login_locked',
        'This username is locked after too many wrong passwords; try again later or ask an administrator to unlock it.',
        seconds,
      );
    if (verdict === 3) throw rateLimited('login_address_locked', 'Too many failed logins from this address; try again later.', seconds);
    return { username, address, userKey, addressKey, userFailures, addressFailures };
  }

  /** The password was right: the username starts afresh, and the address's count takes the attempt back. */
  async succeeded(a: LoginAttempt): Promise<void> {
    await this.settle(a, 'success');
  }

  /** The check could not be done (not a wrong password): the attempt is not counted. */
  async undone(a: LoginAttempt): Promise<void> {
    await this.settle(a, 'undo');
  }

  /** A wrong password: it stays counted; the failure that locks a username or an address is audited. */
  async failed(a: LoginAttempt): Promise<void> {
    // The lock holds in Redis whatever happens here; an entry that cannot be written is logged, and the answer stays 401.
    await this.auditLocks(a).catch((e: Error) => this.logger.error(`login lock not audited: ${e.message}`));
  }

  private async auditLocks(a: LoginAttempt): Promise<void> {
    const actor = { kind: 'anonymous' as const, address: a.address };
    if (a.userFailures === this.config.login.maxFailures) {
      const user = await this.dataSource.getRepository(StaffUser).findOneBy({ username: a.username });
      // A username no one has is not written down: it may be a mistyped password or a CPR number.
      await this.audit.record({
        action: 'login.locked',
        actor,
        subject: { type: 'user', id: user?.id ?? null },
        details: { username: user ? a.username : null, failures: a.userFailures, lockMinutes: this.config.login.lockMinutes },
      });
    }
    if (a.addressFailures === this.config.login.maxFailuresPerAddress) {
      await this.audit.record({
        action: 'login.address_locked',
        actor,
        subject: { type: 'address', id: addressBlock(a.address) },
        details: { failures: a.addressFailures, lockMinutes: this.config.login.lockMinutes },
      });
    }
  }

  /** Lifts a username's lock and forgets its failures; says what there was. */
  async unlock(username: string): Promise<{ wasLocked: boolean; failures: number; refusedWhileLocked: number }> {
    const key = this.userKey(username);
    const [[, state]] = (await this.redisOrRefuse(() => this.redis.multi().hgetall(key).del(key).exec())) as [
      [unknown, Record<string, string>],
    ];
    const failures = Number(state.f ?? 0);
    const wasLocked = failures >= this.config.login.maxFailures && this.clock.now().getTime() < Number(state.t) + this.lockMs;
    return { wasLocked, failures, refusedWhileLocked: Number(state.r ?? 0) };
  }

  /**
   * Until when each of these usernames is locked by wrong passwords (those
   * not locked are absent): the configuration page shows it beside "unlock".
   */
  async lockedUntil(usernames: string[]): Promise<Map<string, Date>> {
    const locked = new Map<string, Date>();
    if (!usernames.length) return locked;
    const pipeline = this.redis.pipeline();
    for (const username of usernames) pipeline.hmget(this.userKey(username), 'f', 't');
    const replies = ((await this.redisOrRefuse(() => pipeline.exec())) ?? []) as [Error | null, (string | null)[]][];
    const now = this.clock.now().getTime();
    usernames.forEach((username, i) => {
      const [failures, at] = (replies[i]?.[1] ?? []).map(Number);
      if (failures >= this.config.login.maxFailures && now < at + this.lockMs) locked.set(username, new Date(at + this.lockMs));
    });
    return locked;
  }

  private userKey(username: string): string {
    return `${this.config.redisPrefix}:login:user:${username}`;
  }

  /** Fails closed: a login that cannot be counted is not checked. */
  private async redisOrRefuse<T>(command: () => Promise<T>): Promise<T> {
    try {
      if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
      return await withTimeout(command());
    } catch (e) {
      this.logger.warn(`login refused: ${(e as Error).message}`);
      throw new ServiceUnavailableException({
        code: 'login_unavailable',
        message: 'Login is unavailable for a moment; try again shortly.',
      });
    }
  }

  /** After the check: if Redis fails now, the attempt stays counted as a failure (forgotten after the lock period, cleared by the next success). */
  private async settle(a: LoginAttempt, how: 'success' | 'undo'): Promise<void> {
    await withTimeout(this.redis.eval(SETTLE, 2, a.userKey, a.addressKey, how)).catch((e: Error) =>
      this.logger.warn(`login count not settled: ${e.message}`),
    );
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not answer')), REDIS_TIMEOUT_MS)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
