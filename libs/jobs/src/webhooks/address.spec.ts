import { isPrivateAddress, parseWebhookUrl } from './address';

describe('isPrivateAddress', () => {
  test.each([
    '127.0.0.1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '::127.0.0.1',
    'fe80::1%eth0', 'not an address',
  ])('%s is refused', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  test.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808', '2a00:1450:4001::200e'])(
    '%s is public',
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe('parseWebhookUrl', () => {
  test.each(['ftp://example.dk/', 'https://u:p@example.dk/', 'https://example.dk/#x', 'sager', 'javascript:alert(1)', 'file:///etc/passwd', `https://example.dk/${'x'.repeat(2000)}`, 42])(
    '%s is refused with webhook_url_invalid',
    (url) => expect(() => parseWebhookUrl(url)).toThrow(expect.objectContaining({ code: 'webhook_url_invalid' })),
  );
  test('http and https addresses are kept as the URL parser writes them', () => {
    expect(parseWebhookUrl('HTTPS://Sager.Kommune.dk/hooks?x=1').href).toBe('https://sager.kommune.dk/hooks?x=1');
    expect(parseWebhookUrl('http://[2001:db8::1]:8080/h').hostname).toBe('[2001:db8::1]');
  });
});
