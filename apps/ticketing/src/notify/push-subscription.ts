import { BlockList, isIP } from 'node:net';
import { invalid } from '@skranke/domain';

/**
 * A web-push subscription as the browser's PushSubscription.toJSON() gives it:
 * the push service's https endpoint and the keys the payload is encrypted with
 * (RFC 8291: p256dh a P-256 public point, 65 bytes; auth 16 bytes, base64url).
 * The server will POST to the endpoint, so it must not point into our own
 * network: no loopback, private, link-local or unique-local address, no
 * `localhost` name, unless the operator allows it (PUSH_ALLOW_PRIVATE_ENDPOINTS,
 * for a local push service in tests). Names are not resolved here; the sender
 * refuses a private address again when it connects.
 */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const PRIVATE: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];
const privateRanges = new BlockList();
for (const [net, bits, type] of PRIVATE) privateRanges.addSubnet(net, bits, type);

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const bytes = (s: string) => Buffer.from(s, 'base64url').length;

/** Whether a host (a name or an IP literal, IPv6 in brackets) is this machine or a private network. */
export function isPrivateHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 6 && bare.startsWith('::ffff:')) return isPrivateHost(bare.slice(7)); // an IPv4 address written as IPv6
  if (family) return privateRanges.check(bare, family === 6 ? 'ipv6' : 'ipv4');
  return bare === 'localhost' || bare.endsWith('.localhost') || bare.endsWith('.local') || bare.endsWith('.internal') || !bare.includes('.');
}

/** The subscription as stored (compact JSON of endpoint and keys only), or 400 invalid_push_subscription. */
export function checkPushSubscription(value: unknown, allowPrivate: boolean): PushSubscriptionJson {
  const bad = (why: string) => invalid('invalid_push_subscription', why);
  const sub = value as Partial<PushSubscriptionJson> | null;
  if (!sub || typeof sub !== 'object' || typeof sub.endpoint !== 'string' || !sub.keys || typeof sub.keys !== 'object') {
    throw bad('push must be a PushSubscription: {endpoint, keys: {p256dh, auth}}.');
  }
  let url: URL;
  try {
    url = new URL(sub.endpoint);
  } catch {
    throw bad('The push endpoint must be an https address.');
  }
  if (url.protocol !== 'https:' || url.username || url.password) throw bad('The push endpoint must be an https address.');
  if (!allowPrivate && isPrivateHost(url.hostname)) throw bad('The push endpoint must be a public push service.');
  const { p256dh, auth } = sub.keys;
  if (typeof p256dh !== 'string' || !B64URL.test(p256dh) || bytes(p256dh) !== 65 || Buffer.from(p256dh, 'base64url')[0] !== 4) {
    throw bad('keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url).');
  }
  if (typeof auth !== 'string' || !B64URL.test(auth) || bytes(auth) !== 16) throw bad('keys.auth must be 16 bytes, base64url.');
  return { endpoint: url.href, keys: { p256dh, auth } };
}
