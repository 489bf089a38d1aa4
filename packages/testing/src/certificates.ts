import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A throwaway self-signed certificate and its PKCS#12 (for the PDF signing tests), made by OpenSSL as an operator
// would. keyOptions: e.g. ['-newkey', 'rsa:2048'] or an EC key; subject: an OpenSSL subject (/C=LU/CN=… or CN=…, O=…).
export async function throwawayP12(
  directory: string,
  options: { name?: string; keyOptions?: string[]; subject: string; passphrase: string },
): Promise<string> {
  const name = options.name ?? 'signing';
  const key = join(directory, `${name}.key`);
  const certificate = join(directory, `${name}.crt`);
  const p12 = join(directory, `${name}.p12`);
  const keyOptions = options.keyOptions ?? ['-newkey', 'rsa:2048'];
  await run('openssl', [
    'req',
    '-x509',
    ...keyOptions,
    '-sha256',
    '-days',
    '2',
    '-nodes',
    '-utf8',
    '-keyout',
    key,
    '-out',
    certificate,
    '-subj',
    options.subject,
  ]);
  await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', certificate, '-out', p12, '-passout', 'env:P12_PASSPHRASE'], {
    env: { ...process.env, P12_PASSPHRASE: options.passphrase },
  });
  return p12;
}
