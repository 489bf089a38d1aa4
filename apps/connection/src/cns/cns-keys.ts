import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { selfSignedCertificate } from './x509.js';

// The key the platform trusts for CNS transaction signatures: an X.509 certificate (preferred) or a bare public key,
// PEM. Only the public half is ever read by the verifier.
export type CnsTrust = { publicKey: KeyObject; certificate: X509Certificate | null; source: string };

export function loadCnsTrust(pemPath: string): CnsTrust {
  const pem = readFileSync(pemPath, 'utf8');
  if (pem.includes('PRIVATE KEY'))
    throw new Error(`${pemPath} holds a private key: configure the CNS certificate or public key only`);
  if (pem.includes('BEGIN CERTIFICATE')) {
    const certificate = new X509Certificate(pem);
    const publicKey = certificate.publicKey;
    if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error(`${pemPath}: the CNS certificate must carry an ECDSA P-256 key (ES256)`);
    }
    return {
      publicKey,
      certificate,
      source: `certificate ${certificate.subject.replace(/\n/g, ', ')} (serial ${certificate.serialNumber})`,
    };
  }
  return { publicKey: createPublicKey(pem), certificate: null, source: `public key ${pemPath}` };
}

// Throwaway key material of the development CNS simulator, created on first start under DATA_DIR (never committed,
// never used in production). Written with 'wx' so two processes starting together keep one key pair.
export function simulatorKeyPaths(dataDir: string) {
  const dir = resolve(dataDir, 'cns-simulator');
  return { dir, privateKey: join(dir, 'signing-key.pem'), certificate: join(dir, 'certificate.pem') };
}

export function ensureSimulatorKeys(
  dataDir: string,
  now = new Date(),
): { privateKey: KeyObject; publicKey: KeyObject; certificatePath: string } {
  const paths = simulatorKeyPaths(dataDir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  try {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const certificate = selfSignedCertificate({
      privateKey,
      publicKey,
      commonName: 'CNS transaction registry (simulator)',
      organisation: 'SONS development — not the CNS',
      notBefore: new Date(Date.UTC(2020, 0, 1)),
      notAfter: new Date(now.getTime() + 20 * 365 * 24 * 3600 * 1000),
    });
    writeFileSync(paths.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    writeFileSync(paths.certificate, certificate, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Another process may be writing the certificate right after the key: read both back (briefly retried).
  for (let attempt = 0; ; attempt++) {
    try {
      const privateKey = createPrivateKey(readFileSync(paths.privateKey, 'utf8'));
      const certificate = new X509Certificate(readFileSync(paths.certificate, 'utf8'));
      return { privateKey, publicKey: certificate.publicKey, certificatePath: paths.certificate };
    } catch (error) {
      if (attempt >= 50) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}
