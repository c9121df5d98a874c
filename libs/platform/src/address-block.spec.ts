import { addressBlock } from './address-block';

describe('addressBlock', () => {
  it('keeps an IPv4 address, also when written IPv4-mapped', () => {
    expect(addressBlock('10.0.4.21')).toBe('10.0.4.21');
    expect(addressBlock('::ffff:10.0.4.21')).toBe('10.0.4.21');
  });

  it('counts every IPv6 address of one /64 as one client, however it is spelt', () => {
    const block = addressBlock('2001:db8:aa:1::1');
    expect(block).toBe('2001:db8:aa:1::/64');
    for (const ip of [
      '2001:db8:aa:1:ffff:ffff:ffff:fffe',
      '2001:0db8:00aa:0001:0:0:0:7',
      '2001:DB8:AA:1::1.2.3.4',
      '2001:db8:aa:1::1%eth0',
    ]) {
      expect(addressBlock(ip)).toBe(block);
    }
    expect(addressBlock('2001:db8:aa:2::1')).not.toBe(block);
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
  });
});
