import { isIP } from 'node:net';

/* Lists in environment variables: each item checked, every bad one reported (see loadConfig). */

/** The sets of addresses Express's `trust proxy` knows by name. */
export const PROXY_SETS = ['loopback', 'linklocal', 'uniquelocal'];

/** An IP address or a CIDR (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrCidr(item: string): boolean {
  const [address, bits, extra] = item.split('/');
  const family = isIP(address);
  return !!family && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)));
}

/** A comma-separated list of addresses and CIDRs (and `named` sets); anything else is a problem. */
export function addressList(name: string, raw: string | undefined, problems: string[], named: string[] = []): string[] {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!named.includes(item) && !isAddressOrCidr(item)) {
      problems.push(`${name} must list IP addresses or CIDRs${named.length ? ` or ${named.join('/')}` : ''}, comma-separated; "${item}" is none of them`);
    }
  }
  return items;
}

export const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url; // reported as a problem already
  }
};

/** A comma-separated list of origins (`https://intranet.example.dk`, no path); anything else is a problem. */
export function originList(name: string, raw: string | undefined, problems: string[]): string[] {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!/^https?:\/\//.test(item) || originOf(item) !== item) problems.push(`${name} must list origins such as https://intranet.example.dk (no path or trailing slash); "${item}" is not one`);
  }
  return items;
}
