import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Which network printers the server may connect to. Receipt printers live on the
 * site's LAN and speak raw TCP on the JetDirect ports, so an address is an IP
 * literal (no name to resolve to something else later) on ports 9100-9109, and
 * never the server itself, link-local (cloud metadata), unspecified, multicast or
 * broadcast. Ranges the operator allows (PRINTER_ALLOWED_RANGES) are trusted
 * whole: any address and port in them. Checked when saved and again before each print.
 */
export const PRINTER_PORTS = { from: 9100, to: 9109 };

export interface PrinterTarget {
  host: string;
  port: number;
}

export interface AddressProblem {
  code: 'printer_address_invalid' | 'printer_address_not_ip' | 'printer_address_refused' | 'printer_port_refused';
  message: string;
}

const REFUSED: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", unspecified
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, with the 169.254.169.254 metadata service
  ['100.100.100.200', 32, 'ipv4'], // a cloud's metadata service
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, with 255.255.255.255 broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['fe80::', 10, 'ipv6'], // link-local
  ['fd00:ec2::254', 128, 'ipv6'], // a cloud's metadata service
  ['ff00::', 8, 'ipv6'], // multicast
];
const refused = new BlockList();
for (const [net, bits, type] of REFUSED) refused.addSubnet(net, bits, type);

/** `host:port` or `[v6]:port` as an IP and port; null when it is not written so. */
export function parsePrinterAddress(address: string): PrinterTarget | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address);
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) return null;
  return { host: m[1] ?? m[2], port };
}

/** Parses PRINTER_ALLOWED_RANGES' entries (checked by the config) into one list. */
export function allowedPrinterRanges(ranges: string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [net, bits] = range.split('/');
    const type = isIPv6(net) ? 'ipv6' : 'ipv4';
    list.addSubnet(net, bits === undefined ? (type === 'ipv6' ? 128 : 32) : Number(bits), type);
  }
  return list;
}

/** Why the server must not connect to `address`, or null when it may. */
export function printerAddressProblem(address: string, allowed: BlockList): AddressProblem | null {
  const target = parsePrinterAddress(address);
  if (!target) return { code: 'printer_address_invalid', message: 'A printer address is host:port, e.g. 10.0.4.21:9100 or [fd00::21]:9100.' };
  const type = isIPv4(target.host) ? 'ipv4' : isIPv6(target.host) ? 'ipv6' : null;
  if (!type) return { code: 'printer_address_not_ip', message: 'A printer address must be an IP address on the site’s network, not a name.' };
  if (type === 'ipv6' && !address.startsWith('[')) return { code: 'printer_address_invalid', message: 'An IPv6 printer address is written [address]:port.' };
  if (allowed.check(target.host, type)) return null;
  if (refused.check(target.host, type)) {
    return { code: 'printer_address_refused', message: 'Loopback, link-local, metadata, unspecified, multicast and broadcast addresses cannot be printers.' };
  }
  if (target.port < PRINTER_PORTS.from || target.port > PRINTER_PORTS.to) {
    return { code: 'printer_port_refused', message: `A receipt printer listens on a port ${PRINTER_PORTS.from}-${PRINTER_PORTS.to}.` };
  }
  return null;
}
