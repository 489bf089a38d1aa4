import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '@sons/platform';
import type { EnrolmentConfig } from '../config.js';

// The key of secrets at rest. Production: SONS_SECRETS_KEY, required (config.ts refuses to start without it).
// Elsewhere, when unset: a random development key, generated at the first start and kept in DATA_DIR (so a restart
// can still read what was encrypted — a key regenerated at every start would make every stored secret unreadable),
// with a loud warning.
export function resolveSecretsKey(
  config: Pick<EnrolmentConfig, 'SONS_SECRETS_KEY' | 'NODE_ENV' | 'DATA_DIR'>,
  log: Pick<Logger, 'warn'>,
): Buffer {
  if (config.SONS_SECRETS_KEY) return Buffer.from(config.SONS_SECRETS_KEY, 'base64');
  if (config.NODE_ENV === 'production') throw new Error('SONS_SECRETS_KEY is required in production');
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'enrolment-dev-secrets.key');
  let key: Buffer;
  if (existsSync(file)) {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } else {
    key = randomBytes(32);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, key.toString('base64'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; delete it or set SONS_SECRETS_KEY`);
  log.warn(
    { file },
    '!!! SONS_SECRETS_KEY IS NOT SET: test environment access details are encrypted with a DEVELOPMENT key stored in DATA_DIR. Never run like this in production: set SONS_SECRETS_KEY (openssl rand -base64 32) !!!',
  );
  return key;
}
