import { isIPv6 } from 'node:net';

/**
 * The unit a client address is limited by: an IPv4 address, or the /64 an
 * IPv6 address is in (one subscriber usually holds a whole /64, so counting
 * single IPv6 addresses would let one client pass as billions).
 */
export function addressBlock(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const hextets = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head, tail] = ip.split('%')[0].split('::');
  const left = hextets(head);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - hextets(tail).length).fill('0'), ...hextets(tail)];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
