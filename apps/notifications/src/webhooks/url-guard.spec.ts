import { checkAddress, checkCallbackUrl, UrlRefused } from './url-guard.js';

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;
const ruleOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof UrlRefused) return error.rule;
    throw error;
  }
};

describe('callback URL guard', () => {
  it('should accept public and private https/http addresses', async () => {
    expect((await checkCallbackUrl('https://hooks.example.lu/sons', false, resolvesTo('93.184.216.34'))).hostname).toBe(
      'hooks.example.lu',
    );
    expect(await ruleOf(checkCallbackUrl('http://10.1.2.3:8080/in', false))).toBe('accepted');
    expect(await ruleOf(checkCallbackUrl('https://partner.internal/in', false, resolvesTo('192.168.10.4', '2001:db8::1')))).toBe(
      'accepted',
    );
  });

  it('should refuse what is not an absolute http(s) URL or carries credentials', async () => {
    expect(await ruleOf(checkCallbackUrl('not a url', true))).toBe('url');
    expect(await ruleOf(checkCallbackUrl('ftp://example.lu/x', true))).toBe('protocol');
    expect(await ruleOf(checkCallbackUrl('file:///etc/passwd', true))).toBe('protocol');
    expect(await ruleOf(checkCallbackUrl('https://user:pw@example.lu/x', true, resolvesTo('93.184.216.34')))).toBe('credentials');
  });

  it('should refuse link-local and cloud metadata addresses, also IPv4-mapped and after name resolution', async () => {
    expect(await ruleOf(checkCallbackUrl('http://169.254.169.254/latest/meta-data/', true))).toBe('blocked_address');
    expect(await ruleOf(checkCallbackUrl('http://[fe80::1]/', true))).toBe('blocked_address');
    expect(await ruleOf(checkCallbackUrl('http://[::ffff:169.254.169.254]/', true))).toBe('blocked_address');
    expect(await ruleOf(checkCallbackUrl('http://[fd00:ec2::254]/', true))).toBe('blocked_address');
    expect(await ruleOf(checkCallbackUrl('http://100.100.100.200/', true))).toBe('blocked_address');
    expect(await ruleOf(checkCallbackUrl('http://0.0.0.0:8080/', true))).toBe('blocked_address');
    expect(
      await ruleOf(checkCallbackUrl('http://metadata.google.internal/computeMetadata/v1/', true, resolvesTo('8.8.8.8'))),
    ).toBe('metadata_host');
    expect(await ruleOf(checkCallbackUrl('http://METADATA.google.internal./', true, resolvesTo('8.8.8.8')))).toBe(
      'metadata_host',
    );
    // A friendly name that resolves (also) to a metadata address is refused.
    expect(
      await ruleOf(checkCallbackUrl('https://innocent.example.lu/', true, resolvesTo('93.184.216.34', '169.254.169.254'))),
    ).toBe('blocked_address');
    expect(
      await ruleOf(
        checkCallbackUrl('https://nowhere.invalid/', true, async () =>
          Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' })),
        ),
      ),
    ).toBe('unresolvable');
  });

  it('should allow loopback only when WEBHOOK_ALLOW_LOOPBACK is on', async () => {
    expect(await ruleOf(checkCallbackUrl('http://127.0.0.1:9000/hook', true))).toBe('accepted');
    expect(await ruleOf(checkCallbackUrl('http://127.0.0.1:9000/hook', false))).toBe('loopback');
    expect(await ruleOf(checkCallbackUrl('http://[::1]:9000/hook', false))).toBe('loopback');
    expect(await ruleOf(checkCallbackUrl('http://localhost:9000/hook', false, resolvesTo('127.0.0.1')))).toBe('loopback');
    expect(() => checkAddress('::ffff:127.0.0.1', false)).toThrow(UrlRefused);
  });
});
