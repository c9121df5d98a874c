import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { invalid, ruleBroken } from '@skranke/domain';

/**
 * Where a webhook may not point unless the operator allows it
 * (WEBHOOK_ALLOW_PRIVATE): this machine, private and shared networks, link-local
 * (cloud metadata), multicast and reserved addresses. A name is resolved and
 * every address it resolves to is checked, when the endpoint is saved and again
 * at each send, in the lookup the connection itself uses (so a name that
 * resolves elsewhere by then, DNS rebinding, is refused too). An IPv4 address
 * written as IPv6 (::ffff:a.b.c.d) is checked as IPv4.
 */
const REFUSED: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // shared address space (carrier NAT), and 100.100.100.200 metadata
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'], // multicast, reserved, broadcast
  ['::', 96, 'ipv6'], // unspecified, loopback, IPv4-compatible
  ['64:ff9b:1::', 48, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];
const refused = new BlockList();
for (const [net, bits, type] of REFUSED) refused.addSubnet(net, bits, type);

/** Whether an IP address (v4 or v6, mapped v4 included) is one a webhook may not reach. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').split('%')[0];
  const family = isIP(bare);
  if (family === 4) return refused.check(bare, 'ipv4');
  if (family !== 6) return true;
  // The URL parser writes an IPv6 address one way: ::ffff:7f00:1 for ::ffff:127.0.0.1.
  const normal = new URL(`http://[${bare}]/`).hostname.slice(1, -1).toLowerCase();
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(normal);
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits.
  const nat64 = /^64:ff9b::([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(normal);
  if (nat64) {
    const [hi, lo] = [parseInt(nat64[1], 16), parseInt(nat64[2], 16)];
    return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return refused.check(normal, 'ipv6');
}

/** The URL as stored: http(s), no credentials or fragment, at most 2000 characters; else 400 webhook_url_invalid. */
export function parseWebhookUrl(raw: unknown): URL {
  const bad = () => invalid('webhook_url_invalid', 'url must be an http or https address without credentials, e.g. https://sager.kommune.dk/hooks/skranke.');
  if (typeof raw !== 'string' || raw.length > 2000) throw bad();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad();
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.hash || !url.hostname) throw bad();
  return url;
}

/** Every address `host` resolves to (an IP literal is itself). */
async function addressesOf(host: string): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family) return [{ address: bare, family }];
  return lookup(bare, { all: true, verbatim: true });
}

/** 422 webhook_address_refused when the URL's host is or resolves to a private address; 422 webhook_host_unknown when it resolves to nothing. */
export async function checkWebhookAddress(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  let addresses: LookupAddress[];
  try {
    addresses = await addressesOf(url.hostname);
  } catch {
    throw ruleBroken('webhook_host_unknown', `${url.hostname} does not resolve to an address.`);
  }
  if (!addresses.length) throw ruleBroken('webhook_host_unknown', `${url.hostname} does not resolve to an address.`);
  if (addresses.some((a) => isPrivateAddress(a.address))) {
    throw ruleBroken('webhook_address_refused', 'A webhook cannot point to a private, loopback or link-local address (an operator can allow it with WEBHOOK_ALLOW_PRIVATE).');
  }
}

/** The `lookup` of a connection that may reach public addresses only: every address the name resolves to is checked. */
export function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean; family?: number },
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookup(hostname, { all: true, verbatim: true }).then(
    (addresses) => {
      const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
      if (!wanted.length) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '');
      if (addresses.some((a) => isPrivateAddress(a.address))) {
        return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EADDRREFUSED' }), '');
      }
      if (options.all) callback(null, wanted);
      else callback(null, wanted[0].address, wanted[0].family);
    },
    (err: NodeJS.ErrnoException) => callback(err, ''),
  );
}
