import { SamlConfig, samlConfig } from './saml-config';
import { PROXY_SETS, addressList, originList, originOf } from './env-lists';

/**
 * The one place that reads the environment. Every variable is parsed and
 * checked at boot; a bad value stops the process with a list of what is wrong.
 */
export interface SkrankeConfig {
  env: 'production' | 'development' | 'test';
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key, queue and channel: lets tests and sites share one Redis. */
  redisPrefix: string;
  ports: { ticketing: number; triage: number; counterDisplay: number };
  /** Public address of each app, used for links (QR codes) and for pages reaching the realtime hub. */
  urls: { ticketing: string; triage: string; counterDisplay: string };
  jwtSecret: string;
  jwtTtlSeconds: number;
  bootstrapAdmin: { username: string; password: string } | null;
  logLevel: string;
  migrateOnBoot: boolean;
  /** Whether this process runs the BullMQ workers (alerts, day close, retention, printing). */
  runWorkers: boolean;
  /** Requests per minute per IP on public endpoints and per device on issuing. */
  rateLimitPerMinute: number;
  /** Public booking endpoints: requests per client and minute (PUBLIC_RATE_LIMIT_PER_MINUTE). */
  publicRateLimitPerMinute: number;
  /** Staff login guessing: failed logins per username before its lock, per client address per lock period, and that period. */
  login: { maxFailures: number; maxFailuresPerAddress: number; lockMinutes: number };
  /** Folder of the built pages (dist/web by default). */
  webDir: string | null;
  /** Proxies whose X-Forwarded-For is believed (Express `trust proxy` list); empty: none, the peer is the client. */
  trustProxy: string[];
  /** Addresses a network printer may have beyond the LAN rule (loopback, link-local, any port): CIDRs. */
  printerAllowedRanges: string[];
  /** Origins whose pages may call the staff endpoints and the realtime hub: the apps' own (`urls`) and CORS_ORIGINS. */
  corsOrigins: string[];
  /** How often a worker checks that Redis still holds the job schedule, and how often the day close runs. */
  schedule: { reconcileSeconds: number; dayCloseCheckSeconds: number };
  /** First wait between receipt print attempts; each next one doubles it. */
  printRetryBaseMs: number;
  /** Who may read `/metrics`: a peer (req.ip) in one of `allow` (CIDRs), or a request bearing `token`. */
  metrics: { allow: string[]; token: string | null };
  /**
   * The citizen's side of "turn near" (issue 20): whether a web-push endpoint may be a private or loopback address
   * (PUSH_ALLOW_PRIVATE_ENDPOINTS: a local push service in tests only), and how often the workers look for tickets
   * whose turn is near between changes (TURN_NEAR_SWEEP_SECONDS; 0: only on changes).
   */
  citizenNotify: { pushAllowPrivateEndpoints: boolean; turnNearSweepSeconds: number };
  /** Messages to citizens (issue 20): each channel is null (off) unless configured; the dispatcher's pace and retries. */
  notifications: NotificationsConfig;
  /** Webhooks to other systems (issue 22); see docs/integration.md. */
  webhooks: WebhooksConfig;
  /** Staff sign-in through the municipality's identity provider (docs/identity.md). */
  sso: SsoConfig;
}

export interface SsoConfig {
  /** Lifetime of a staff token from single sign-on (SSO_TOKEN_MINUTES): a role removed at the provider ends access at the next refresh. */
  tokenMinutes: number;
  /** How long a signed-in session may be refreshed before the user signs in again (SSO_SESSION_HOURS). */
  sessionHours: number;
  /** The nightly reconciliation deactivates SSO users not seen at the provider for this many days (SSO_INACTIVE_DAYS). */
  inactiveDays: number;
  /** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ROLES_CLAIM (default roles), OIDC_SCOPES; null without OIDC_ISSUER. */
  oidc: { issuer: string; clientId: string; clientSecret: string; rolesClaim: string; scopes: string } | null;
  /** SAML 2.0 (saml-config.ts); null without SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE. */
  saml: SamlConfig | null;
}

export interface WebhooksConfig {
  /** WEBHOOK_ALLOW_PRIVATE: endpoints may be on private, loopback or link-local addresses (a system on the municipality's own network, tests). */
  allowPrivate: boolean;
  /** WEBHOOK_TIMEOUT_MS: how long one delivery may take (15 s). */
  timeoutMs: number;
  /** WEBHOOK_DISPATCH_MS: how often the workers look for new events and due deliveries. */
  dispatchEveryMs: number;
  /**
   * WEBHOOK_RETRY_SCHEDULE_MS: the wait before each attempt, the first one's included (Standard Webhooks'
   * schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); each wait gets up to 20 % jitter.
   */
  retryScheduleMs: number[];
  /** WEBHOOK_LOG_DAYS: how long delivered and failed deliveries stay in the delivery log (and can be replayed). */
  logDays: number;
}

/** Standard Webhooks' recommended schedule (https://www.standardwebhooks.com/, "Retry schedule"). */
export const WEBHOOK_RETRY_SCHEDULE_MS = [0, 5, 300, 1800, 7200, 18_000, 36_000, 36_000].map((s) => s * 1000);

export interface NotificationsConfig {
  /** SMTP_URL (smtp:// or smtps://, credentials in it) and MAIL_FROM. */
  email: { smtpUrl: string; from: string } | null;
  /** SMS_PROVIDER=gatewayapi with SMS_API_URL (default https://gatewayapi.com), SMS_API_TOKEN, SMS_SENDER, SMS_WEBHOOK_SECRET (delivery reports), SMS_ALLOWED_PREFIXES (default +45). */
  sms: { provider: 'gatewayapi'; apiUrl: string; token: string; sender: string; webhookSecret: string | null; allowedPrefixes: string[] } | null;
  /** VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT (mailto: or https:). */
  push: { publicKey: string; privateKey: string; subject: string } | null;
  /** How often due messages are looked for (NOTIFY_DISPATCH_MS). */
  dispatchEveryMs: number;
  /** How long a claimed message is the claimer's (NOTIFY_LEASE_SECONDS); a send is abandoned well before. */
  leaseSeconds: number;
  /** Attempts before a message fails (NOTIFY_MAX_ATTEMPTS), the first wait between them (NOTIFY_RETRY_BASE_SECONDS, doubling). */
  maxAttempts: number;
  retryBaseSeconds: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

export function loadConfig(env: Env = process.env, defaults: { runWorkers?: boolean } = {}): SkrankeConfig {
  const problems: string[] = [];
  const str = (name: string, fallback: string) => env[name]?.trim() || fallback;
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name} must be an integer ${min}…${max}, got "${raw}"`);
    return n;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (!['true', 'false', '1', '0'].includes(raw)) problems.push(`${name} must be true or false, got "${raw}"`);
    return raw === 'true' || raw === '1';
  };
  const url = (name: string, fallback: string, protocols: string[]) => {
    const value = str(name, fallback);
    try {
      if (!protocols.includes(new URL(value).protocol)) throw new Error();
    } catch {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
    }
    return value;
  };

  const nodeEnv = str('NODE_ENV', 'development');
  const envName = nodeEnv === 'production' || nodeEnv === 'test' ? nodeEnv : 'development';
  const ports = {
    ticketing: int('TICKETING_PORT', 3001, 0, 65535),
    triage: int('TRIAGE_PORT', 3002, 0, 65535),
    counterDisplay: int('COUNTER_DISPLAY_PORT', 3003, 0, 65535),
  };
  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret.length < 16) {
    if (envName === 'production') problems.push('JWT_SECRET must be at least 16 characters in production');
    jwtSecret = jwtSecret || 'skranke-development-secret-change-me';
  }
  const adminUser = env.BOOTSTRAP_ADMIN_USERNAME?.trim();
  const adminPassword = env.BOOTSTRAP_ADMIN_PASSWORD ?? '';
  if (adminUser && adminPassword.length < 8) problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 8 characters');

  const config: SkrankeConfig = {
    env: envName,
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/skranke', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: str('REDIS_PREFIX', 'skranke'),
    ports,
    urls: {
      ticketing: url('TICKETING_URL', `http://localhost:${ports.ticketing}`, ['http:', 'https:']),
      triage: url('TRIAGE_URL', `http://localhost:${ports.triage}`, ['http:', 'https:']),
      counterDisplay: url('COUNTER_DISPLAY_URL', `http://localhost:${ports.counterDisplay}`, ['http:', 'https:']),
    },
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    bootstrapAdmin: adminUser ? { username: adminUser, password: adminPassword } : null,
    logLevel: str('LOG_LEVEL', envName === 'test' ? 'warn' : 'info'),
    migrateOnBoot: bool('MIGRATE_ON_BOOT', true),
    runWorkers: bool('RUN_WORKERS', defaults.runWorkers ?? true),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    publicRateLimitPerMinute: int('PUBLIC_RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    login: {
      maxFailures: int('LOGIN_MAX_FAILURES', 10, 2, 1000),
      maxFailuresPerAddress: int('LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 1_000_000),
      lockMinutes: int('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    },
    webDir: env.WEB_DIR?.trim() || null,
    trustProxy: addressList('TRUST_PROXY', env.TRUST_PROXY, problems, PROXY_SETS),
    printerAllowedRanges: addressList('PRINTER_ALLOWED_RANGES', env.PRINTER_ALLOWED_RANGES, problems),
    corsOrigins: [],
    schedule: { reconcileSeconds: int('SCHEDULE_RECONCILE_SECONDS', 60, 1, 3600), dayCloseCheckSeconds: int('DAY_CLOSE_CHECK_SECONDS', 60, 1, 3600) },
    printRetryBaseMs: int('PRINT_RETRY_BASE_MS', 1000, 10, 60_000),
    metrics: { allow: addressList('METRICS_ALLOW', env.METRICS_ALLOW || '127.0.0.0/8,::1', problems), token: env.METRICS_TOKEN || null },
    notifications: {
      email: null,
      sms: null,
      push: null,
      dispatchEveryMs: int('NOTIFY_DISPATCH_MS', 5000, 50, 600_000),
      leaseSeconds: int('NOTIFY_LEASE_SECONDS', 60, 2, 3600),
      maxAttempts: int('NOTIFY_MAX_ATTEMPTS', 5, 1, 50),
      retryBaseSeconds: int('NOTIFY_RETRY_BASE_SECONDS', 30, 1, 3600),
    },
    webhooks: {
      allowPrivate: bool('WEBHOOK_ALLOW_PRIVATE', false),
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 15_000, 100, 120_000),
      dispatchEveryMs: int('WEBHOOK_DISPATCH_MS', 500, 20, 600_000),
      retryScheduleMs: retrySchedule(env.WEBHOOK_RETRY_SCHEDULE_MS, problems),
      logDays: int('WEBHOOK_LOG_DAYS', 30, 1, 3650),
    },
    citizenNotify: {
      pushAllowPrivateEndpoints: bool('PUSH_ALLOW_PRIVATE_ENDPOINTS', false),
      turnNearSweepSeconds: int('TURN_NEAR_SWEEP_SECONDS', 30, 0, 3600),
    },
    sso: { tokenMinutes: 10, sessionHours: 12, inactiveDays: 30, oidc: null, saml: null },
  };
  notificationChannels(env, config.notifications, problems, url);
  config.sso = ssoConfig(env, problems, int, url);
  config.sso.saml = samlConfig(env, problems, config.urls.triage);
  config.corsOrigins = [...new Set([...Object.values(config.urls).map(originOf), ...originList('CORS_ORIGINS', env.CORS_ORIGINS, problems)])];
  if (config.metrics.token !== null && config.metrics.token.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  if (problems.length) throw new ConfigError(`Invalid environment:\n- ${problems.join('\n- ')}`);
  return config;
}

/** The channels of NotificationsConfig: each all-or-nothing, so a half-configured one stops the boot rather than fail every message. */
function notificationChannels(env: Env, out: NotificationsConfig, problems: string[], url: (name: string, fallback: string, protocols: string[]) => string) {
  const value = (name: string) => env[name]?.trim() || '';
  if (value('SMTP_URL')) {
    const from = value('MAIL_FROM');
    if (!/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(from)) problems.push('MAIL_FROM must be an address (borgerservice@kommune.dk or "Borgerservice <borgerservice@kommune.dk>") when SMTP_URL is set');
    out.email = { smtpUrl: url('SMTP_URL', '', ['smtp:', 'smtps:']), from };
  }
  const provider = value('SMS_PROVIDER');
  if (provider) {
    if (provider !== 'gatewayapi') problems.push(`SMS_PROVIDER must be gatewayapi (the one supported), got "${provider}"`);
    const token = value('SMS_API_TOKEN');
    if (!token) problems.push('SMS_API_TOKEN is needed with SMS_PROVIDER');
    const sender = value('SMS_SENDER') || 'Skranke';
    if (!/^([A-Za-z0-9 ]{1,11}|\d{1,15})$/.test(sender)) problems.push('SMS_SENDER must be up to 11 letters and digits, or up to 15 digits');
    const prefixes = (value('SMS_ALLOWED_PREFIXES') || '+45').split(',').map((p) => p.trim()).filter(Boolean);
    if (!prefixes.every((p) => /^\+\d{1,4}$/.test(p))) problems.push('SMS_ALLOWED_PREFIXES must list country codes such as +45,+298,+299');
    const webhookSecret = value('SMS_WEBHOOK_SECRET') || null;
    if (webhookSecret !== null && webhookSecret.length < 16) problems.push('SMS_WEBHOOK_SECRET must be at least 16 characters');
    out.sms = { provider: 'gatewayapi', apiUrl: url('SMS_API_URL', 'https://gatewayapi.com', ['http:', 'https:']).replace(/\/+$/, ''), token, sender, webhookSecret, allowedPrefixes: prefixes };
  }
  const vapid = ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'].map(value);
  if (vapid.some(Boolean)) {
    if (!vapid.every(Boolean)) problems.push('VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT go together');
    else if (!/^(mailto:|https:)/.test(vapid[2])) problems.push('VAPID_SUBJECT must be a mailto: or https: address');
    else if (!/^[A-Za-z0-9_-]{87}$/.test(vapid[0]) || !/^[A-Za-z0-9_-]{43}$/.test(vapid[1])) problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be the base64url keys web-push generate-vapid-keys prints');
    else out.push = { publicKey: vapid[0], privateKey: vapid[1], subject: vapid[2] };
  }
}

/** WEBHOOK_RETRY_SCHEDULE_MS: comma-separated waits in ms, 1 to 20 of them. */
function retrySchedule(raw: string | undefined, problems: string[]): number[] {
  if (!raw?.trim()) return WEBHOOK_RETRY_SCHEDULE_MS;
  const waits = raw.split(',').map((s) => Number(s.trim()));
  if (waits.length > 20 || !waits.every((w) => Number.isInteger(w) && w >= 0 && w <= 7 * 24 * 3600_000)) {
    problems.push('WEBHOOK_RETRY_SCHEDULE_MS must list 1 to 20 waits in milliseconds, e.g. 0,5000,300000');
    return WEBHOOK_RETRY_SCHEDULE_MS;
  }
  return waits;
}

/** OIDC is all-or-nothing: an issuer without its client stops the boot rather than fail every sign-in. */
function ssoConfig(
  env: Env,
  problems: string[],
  int: (name: string, fallback: number, min: number, max: number) => number,
  url: (name: string, fallback: string, protocols: string[]) => string,
): SsoConfig {
  const value = (name: string) => env[name]?.trim() || '';
  const sso: SsoConfig = {
    tokenMinutes: int('SSO_TOKEN_MINUTES', 10, 1, 24 * 60),
    sessionHours: int('SSO_SESSION_HOURS', 12, 1, 30 * 24),
    inactiveDays: int('SSO_INACTIVE_DAYS', 30, 1, 3650),
    oidc: null,
    saml: null,
  };
  if (value('OIDC_ISSUER')) {
    const [clientId, clientSecret] = [value('OIDC_CLIENT_ID'), value('OIDC_CLIENT_SECRET')];
    if (!clientId || !clientSecret) problems.push('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed with OIDC_ISSUER');
    const rolesClaim = value('OIDC_ROLES_CLAIM') || 'roles';
    if (!/^[A-Za-z0-9_:./-]{1,200}$/.test(rolesClaim)) problems.push('OIDC_ROLES_CLAIM must be a claim name such as roles');
    const scopes = value('OIDC_SCOPES') || 'openid profile email offline_access';
    if (!scopes.split(/\s+/).includes('openid')) problems.push('OIDC_SCOPES must include openid');
    const issuer = url('OIDC_ISSUER', '', ['https:', 'http:']);
    // Plain http only for a provider on this machine (tests, a local proxy): tokens must not cross a network in clear.
    if (issuer.startsWith('http:') && !LOOPBACK_HOSTS.includes(new URL(issuer).hostname)) problems.push('OIDC_ISSUER must be https (http only on localhost)');
    sso.oidc = { issuer, clientId, clientSecret, rolesClaim, scopes };
  }
  return sso;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Injection token for the typed config in Nest modules. */
export const SKRANKE_CONFIG = Symbol('SKRANKE_CONFIG');
