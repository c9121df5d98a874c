import { checkPushSubscription, isPrivateHost } from './push-subscription';

const keys = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url'), auth: Buffer.alloc(16, 2).toString('base64url') };

describe('push subscription', () => {
  it('refuses endpoints in our own network, whatever the spelling', () => {
    for (const host of ['127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '[::1]', '[fe80::1]', '[fd00::1]', '[::ffff:127.0.0.1]', 'localhost', 'push.localhost', 'printer.local', 'intranet']) {
      expect([host, isPrivateHost(host)]).toEqual([host, true]);
    }
    for (const host of ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', '8.8.8.8', '[2001:4860::1]']) {
      expect([host, isPrivateHost(host)]).toEqual([host, false]);
    }
  });

  it('keeps only endpoint and keys; https only, keys of the right length', () => {
    expect(checkPushSubscription({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', expirationTime: null, keys }, false)).toEqual({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys });
    const code = (v: unknown, allow = false) => {
      try {
        checkPushSubscription(v, allow);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code({ endpoint: 'http://fcm.googleapis.com/x', keys })).toBe('invalid_push_subscription');
    expect(code({ endpoint: 'https://user:pw@fcm.googleapis.com/x', keys })).toBe('invalid_push_subscription');
    expect(code({ endpoint: 'https://127.0.0.1:8443/x', keys })).toBe('invalid_push_subscription');
    expect(code({ endpoint: 'https://127.0.0.1:8443/x', keys }, true)).toBe('ok');
    expect(code({ endpoint: 'https://fcm.googleapis.com/x', keys: { ...keys, auth: 'AAAA' } })).toBe('invalid_push_subscription');
    expect(code({ endpoint: 'https://fcm.googleapis.com/x', keys: { ...keys, p256dh: Buffer.alloc(65, 5).toString('base64url') } })).toBe('invalid_push_subscription');
    expect(code(null)).toBe('invalid_push_subscription');
  });
});
