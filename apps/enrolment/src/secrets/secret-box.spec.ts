import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseConfig, ConfigError } from '@sons/platform';
import { configSchema } from '../config.js';
import { SecretBox } from './secret-box.js';
import { resolveSecretsKey } from './secrets-key.js';

describe('secrets at rest (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('should give back the plaintext when opened with the same key and record id', () => {
    const sealed = box.seal('{"password":"s3cret"}', 'case-1');
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed, 'case-1')).toBe('{"password":"s3cret"}');
  });

  it('should use a fresh IV so the same secret never encrypts twice the same way', () => {
    expect(box.seal('same', 'case-1')).not.toBe(box.seal('same', 'case-1'));
  });

  it('should refuse a ciphertext that was altered or moved to another record', () => {
    const sealed = box.seal('secret', 'case-1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] = body[0] ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'case-1')).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
    expect(() => box.open(sealed, 'case-2')).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
  });

  it('should name the key problem when another key encrypted the value', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('secret', 'case-1');
    expect(() => box.open(sealed, 'case-1')).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ meta: expect.objectContaining({ reason: 'key' }) }) }),
    );
  });
});

describe('SONS_SECRETS_KEY configuration', () => {
  it('should refuse to start in production without a key', () => {
    expect(() => parseConfig(configSchema, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig(configSchema, { NODE_ENV: 'production' })).toThrow(/SONS_SECRETS_KEY/);
  });

  it('should refuse a key that is not 32 bytes of base64', () => {
    expect(() => parseConfig(configSchema, { SONS_SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /SONS_SECRETS_KEY/,
    );
  });

  it('should accept a 32-byte base64 key and use it', () => {
    const key = randomBytes(32).toString('base64');
    const config = parseConfig(configSchema, { NODE_ENV: 'production', SONS_SECRETS_KEY: key });
    expect(resolveSecretsKey(config, { warn: () => undefined }).toString('base64')).toBe(key);
  });

  it('should generate a development key once, keep it for the next start and warn loudly when unset outside production', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sons-secrets-'));
    try {
      const warnings: string[] = [];
      const log = { warn: (_: unknown, message: string) => void warnings.push(message) };
      const first = resolveSecretsKey({ NODE_ENV: 'development', DATA_DIR: dir }, log as never);
      const second = resolveSecretsKey({ NODE_ENV: 'development', DATA_DIR: dir }, log as never);
      expect(first).toHaveLength(32);
      expect(second.equals(first)).toBe(true);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('SONS_SECRETS_KEY IS NOT SET');
      const file = join(dir, 'enrolment-dev-secrets.key');
      expect(readFileSync(file, 'utf8')).toBe(first.toString('base64'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
