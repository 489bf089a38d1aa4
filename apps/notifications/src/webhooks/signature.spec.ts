import { generateSecret, secretHint, sign, verify } from './signature.js';

describe('webhook signatures (Standard Webhooks)', () => {
  // The test vector published with the Standard Webhooks specification.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('should produce the signature of the specification test vector', () => {
    expect(sign(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('should verify a good signature among several and refuse a changed body, a wrong secret or a stale timestamp', () => {
    const signature = `v1,bm90LXRoaXMtb25l ${sign(secret, id, timestamp, body)}`;
    expect(verify(secret, { id, timestamp: String(timestamp), signature }, body, 300, timestamp + 10)).toBe(true);
    expect(verify(secret, { id, timestamp: String(timestamp), signature }, `${body} `, 300, timestamp)).toBe(false);
    expect(verify(generateSecret(), { id, timestamp: String(timestamp), signature }, body, 300, timestamp)).toBe(false);
    expect(verify(secret, { id, timestamp: String(timestamp), signature }, body, 300, timestamp + 301)).toBe(false);
  });

  it('should generate whsec_ secrets of 32 random bytes and hint only their end', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
    expect(secretHint(a)).toBe(`whsec_…${a.slice(-4)}`);
  });
});
