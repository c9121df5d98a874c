import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { SkrankeConfig } from '@skranke/config';

/** Whether a request may read `/metrics`: its address (req.ip) is in METRICS_ALLOW, or it bears METRICS_TOKEN. */
export function metricsAccess({
  allow,
  token,
}: SkrankeConfig['metrics']): (ip: string | undefined, authorization: string | undefined) => boolean {
  const allowed = new BlockList();
  for (const item of allow) {
    const [address, bits] = item.split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) allowed.addAddress(address, family);
    else allowed.addSubnet(address, Number(bits), family);
  }
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = token === null ? null : digest(`Bearer ${token}`);
  return (ip, authorization) => {
    if (expected && authorization && timingSafeEqual(digest(authorization), expected)) return true;
    if (!ip) return false;
    // A dual-stack server sees IPv4 peers as ::ffff:a.b.c.d.
    const v4 = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : null;
    return v4 ? allowed.check(v4, 'ipv4') : allowed.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
  };
}
