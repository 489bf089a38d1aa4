import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { bytesOf, childrenOf, readNode } from './der.js';

// The key and certificate that sign the rendered PDFs, read once from a PKCS#12 (.p12/.pfx) file at start.
export type SigningKey = {
  privateKey: KeyObject;
  certificate: X509Certificate;
  // The signer's certificate first, then the rest of the chain found in the file (all embedded in the signature).
  certificates: Buffer[];
  // Exact DER of the certificate's issuer Name and serialNumber INTEGER (CMS IssuerAndSerialNumber, ESS IssuerSerial).
  issuerName: Buffer;
  serialNumber: Buffer;
  // RFC 4514 order, e.g. "CN=SONS documents, O=Agence eSanté, C=LU".
  subject: string;
  // The certificate's common name (the signature dictionary's /Name), or the subject when it has none.
  commonName: string;
  keyType: 'rsa' | 'ec';
};

// `field` says which variable to fix: the file itself, or the passphrase that opens it.
export class SigningKeyError extends Error {
  constructor(
    readonly field: 'file' | 'passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

const binary = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
const toBuffer = (node: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const openPkcs12 = (file: Uint8Array, passphrase: string): forge.pkcs12.Pkcs12Pfx => {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(binary(file)), false);
  } catch (error) {
    throw new SigningKeyError('file', `is not a PKCS#12 (.p12/.pfx) file (${messageOf(error)})`);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    const detail = messageOf(error);
    // forge checks the MAC first (or, without a MAC, fails to decrypt the key bag): both say "password".
    if (/password/i.test(detail)) throw new SigningKeyError('passphrase', `wrong passphrase (${detail})`);
    throw new SigningKeyError(
      'file',
      `is not a PKCS#12 (.p12/.pfx) file this service can read, or the passphrase is wrong (${detail})`,
    );
  }
};

const bagsOf = (p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] => p12.getBags({ bagType })[bagType] ?? [];

const privateKeysOf = (p12: forge.pkcs12.Pkcs12Pfx): KeyObject[] =>
  [...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(p12, forge.pki.oids.keyBag)].map((bag) => {
    // forge decodes RSA keys itself and leaves any other kind (EC) as the PKCS#8 PrivateKeyInfo it decrypted.
    const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
    return createPrivateKey({ key: toBuffer(info), format: 'der', type: 'pkcs8' });
  });

const certificatesOf = (p12: forge.pkcs12.Pkcs12Pfx): X509Certificate[] =>
  bagsOf(p12, forge.pki.oids.certBag).map(
    (bag) => new X509Certificate(toBuffer(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1)),
  );

// tbsCertificate: [0] version (optional), serialNumber, signature, issuer, …
const issuerAndSerial = (der: Buffer): { issuerName: Buffer; serialNumber: Buffer } => {
  const certificate = readNode(der, 0);
  const [tbs] = childrenOf(der, certificate);
  if (!tbs) throw new SigningKeyError('file', 'holds a certificate that cannot be read');
  const fields = childrenOf(der, tbs);
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = fields[first];
  const issuer = fields[first + 2];
  if (!serial || !issuer) throw new SigningKeyError('file', 'holds a certificate that cannot be read');
  return { issuerName: bytesOf(der, issuer), serialNumber: bytesOf(der, serial) };
};

const rfc4514 = (name: string): string => name.split('\n').filter(Boolean).reverse().join(', ');

// Reads the key and its certificate; refuses what would produce a signature nobody can validate.
export const loadSigningKey = (file: Uint8Array, passphrase: string, now: Date = new Date()): SigningKey => {
  const p12 = openPkcs12(file, passphrase);
  const keys = privateKeysOf(p12);
  const certificates = certificatesOf(p12);
  if (keys.length === 0) throw new SigningKeyError('file', 'holds no private key');
  let match: { privateKey: KeyObject; certificate: X509Certificate } | undefined;
  for (const privateKey of keys) {
    const certificate = certificates.find((candidate) => candidate.checkPrivateKey(privateKey));
    if (certificate) {
      match = { privateKey, certificate };
      break;
    }
  }
  if (!match) throw new SigningKeyError('file', 'holds no certificate for its private key');
  const { privateKey, certificate } = match;
  const keyType = privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') {
    throw new SigningKeyError('file', `holds a ${keyType ?? 'unknown'} key; PDF signatures here need an RSA or EC (ECDSA) key`);
  }
  // The certificate bytes pass through forge: when its issuer is in the file, the issuer's signature proves they came
  // out unchanged (the signing-certificate-v2 attribute carries their hash).
  const issuers = certificates.filter((candidate) => candidate.subject === certificate.issuer);
  if (issuers.length > 0 && !issuers.some((candidate) => certificate.verify(candidate.publicKey))) {
    throw new SigningKeyError('file', "holds a certificate whose signature does not verify with its issuer's key");
  }
  if (now < certificate.validFromDate) {
    throw new SigningKeyError(
      'file',
      `holds a certificate not valid before ${certificate.validFromDate.toISOString()} (subject ${rfc4514(certificate.subject)})`,
    );
  }
  if (now > certificate.validToDate) {
    throw new SigningKeyError(
      'file',
      `holds a certificate that expired on ${certificate.validToDate.toISOString()} (subject ${rfc4514(certificate.subject)})`,
    );
  }
  const subject = rfc4514(certificate.subject);
  const commonName = /^CN=(.*)$/m.exec(certificate.subject)?.[1] ?? subject;
  return {
    privateKey,
    certificate,
    certificates: [certificate.raw, ...certificates.filter((other) => other !== certificate).map((other) => other.raw)],
    ...issuerAndSerial(certificate.raw),
    subject,
    commonName,
    keyType,
  };
};
