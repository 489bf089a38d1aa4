import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '@sons/platform';
import { throwawayP12 } from '@sons/testing';
import { configSchema } from './config.js';

const PASSPHRASE = 'config-spec-passphrase';

const configErrorOf = (env: Record<string, string>): string => {
  try {
    parseConfig(configSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('documents config: PDF signing key', () => {
  let directory: string;
  let p12: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sons-config-'));
    p12 = await throwawayP12(directory, { subject: '/C=LU/CN=SONS config test', passphrase: PASSPHRASE });
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('should leave signing off when neither variable is set', () => {
    const config = parseConfig(configSchema, {});

    expect(config.signingKey).toBeNull();
    expect(config).toMatchObject({ DOCUMENTS_PAGES: 2, CHROMIUM_PATH: '/usr/bin/chromium', NATS_URL: 'nats://127.0.0.1:4222' });
  });

  it('should load the key and certificate, and not keep the passphrase, when both are right', () => {
    const config = parseConfig(configSchema, { DOCUMENTS_SIGNING_P12: p12, DOCUMENTS_SIGNING_PASSPHRASE: PASSPHRASE });

    expect(config.signingKey?.subject).toBe('CN=SONS config test, C=LU');
    expect(config.signingKey?.keyType).toBe('rsa');
    expect(config.DOCUMENTS_SIGNING_P12).toBe(p12);
    expect(JSON.stringify(Object.keys(config))).not.toContain('PASSPHRASE');
  });

  it('should refuse to start with a wrong passphrase, naming the variable and the file', () => {
    const message = configErrorOf({ DOCUMENTS_SIGNING_P12: p12, DOCUMENTS_SIGNING_PASSPHRASE: 'not-the-passphrase' });

    expect(message).toContain('Invalid configuration, fix these environment variables:');
    expect(message).toContain(`- DOCUMENTS_SIGNING_PASSPHRASE: does not open ${p12}: wrong passphrase`);
  });

  it('should refuse one variable without the other', () => {
    expect(configErrorOf({ DOCUMENTS_SIGNING_P12: p12 })).toContain(
      '- DOCUMENTS_SIGNING_PASSPHRASE: must be set when DOCUMENTS_SIGNING_P12 is (both or neither)',
    );
    expect(configErrorOf({ DOCUMENTS_SIGNING_PASSPHRASE: PASSPHRASE })).toContain(
      '- DOCUMENTS_SIGNING_P12: must be set when DOCUMENTS_SIGNING_PASSPHRASE is (both or neither)',
    );
  });

  it('should refuse a missing file and a file that is not PKCS#12, listing them with the other bad variables', async () => {
    const notP12 = join(directory, 'not-a-key.p12');
    await writeFile(notP12, 'hello');

    const missing = configErrorOf({
      DOCUMENTS_SIGNING_P12: join(directory, 'missing.p12'),
      DOCUMENTS_SIGNING_PASSPHRASE: PASSPHRASE,
      DOCUMENTS_PAGES: '0',
    });
    const wrongKind = configErrorOf({ DOCUMENTS_SIGNING_P12: notP12, DOCUMENTS_SIGNING_PASSPHRASE: PASSPHRASE });

    expect(missing).toMatch(/- DOCUMENTS_SIGNING_P12: cannot read .*missing\.p12: ENOENT/);
    expect(missing).toContain('- DOCUMENTS_PAGES:');
    expect(wrongKind).toContain(`- DOCUMENTS_SIGNING_P12: ${notP12} is not a PKCS#12 (.p12/.pfx) file`);
  });
});
