import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@sons/contracts';

// Secrets at rest (test environment configuration and access details): AES-256-GCM with a random 96-bit IV per
// value, the record id as additional authenticated data (a ciphertext copied onto another case does not open), and
// the key's fingerprint in the envelope so a wrong key is named instead of failing obscurely.
// Envelope: v1.<key id>.<iv>.<tag>.<ciphertext>, base64url parts.
export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      this.keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  open(sealed: string, associatedData: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined) throw unreadable('format');
    if (keyId !== this.keyId) throw unreadable('key', keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw unreadable('integrity');
    }
  }
}

function unreadable(why: 'format' | 'key' | 'integrity', keyId?: string): DomainError {
  return new DomainError(
    'SECRET_UNREADABLE',
    500,
    why === 'key'
      ? {
          fr: 'Les données chiffrées l’ont été avec une autre clé (SONS_SECRETS_KEY) que celle du service : rétablissez la clé d’origine.',
          en: 'The encrypted data was encrypted with another key (SONS_SECRETS_KEY) than the service’s: restore the original key.',
        }
      : {
          fr: 'Les données chiffrées sont illisibles ou ont été altérées.',
          en: 'The encrypted data is unreadable or was tampered with.',
        },
    { meta: { reason: why, ...(keyId ? { keyId } : {}) } },
  );
}
