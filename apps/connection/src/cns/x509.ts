import { X509Certificate, randomBytes, sign, type KeyObject } from 'node:crypto';

// A minimal DER encoder for one thing: a self-signed X.509 v3 certificate for an ECDSA P-256 key (ecdsa-with-SHA256),
// so the development CNS simulator can publish a real certificate that node:crypto's X509Certificate parses and
// verifies. Production never uses it: there the CNS's own certificate is configured (CNS_CERTIFICATE_FILE).
const tlv = (tag: number, content: Buffer): Buffer => {
  const n = content.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
};
const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const integer = (bytes: Buffer): Buffer => {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && (b[1] & 0x80) === 0) b = b.subarray(1);
  return tlv(0x02, (b[0] & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), b]) : b);
};
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const time = (d: Date): Buffer => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
};
const name = (commonName: string, organisation: string) =>
  sequence(
    set(sequence(oid('2.5.4.6'), tlv(0x13, Buffer.from('LU')))),
    set(sequence(oid('2.5.4.10'), utf8(organisation))),
    set(sequence(oid('2.5.4.3'), utf8(commonName))),
  );
const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

export function selfSignedCertificate(options: {
  privateKey: KeyObject;
  publicKey: KeyObject;
  commonName: string;
  organisation: string;
  notBefore: Date;
  notAfter: Date;
}): string {
  const subject = name(options.commonName, options.organisation);
  // keyUsage (critical): digitalSignature only — this key signs transactions, nothing else.
  const keyUsage = sequence(oid('2.5.29.15'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, tlv(0x03, Buffer.from([0x07, 0x80]))));
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    ECDSA_WITH_SHA256,
    subject,
    sequence(time(options.notBefore), time(options.notAfter)),
    subject,
    options.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, sequence(keyUsage)),
  );
  const signature = sign('sha256', tbs, options.privateKey);
  const der = sequence(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const pem = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  // Self-check: what we wrote must parse and verify as a certificate.
  const parsed = new X509Certificate(pem);
  if (!parsed.verify(options.publicKey)) throw new Error('generated certificate does not verify');
  return pem;
}
