import { createHash, sign } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { contextTag, nullValue, objectIdentifier, octetString, sequence, setOf, smallInteger, tlv } from './der.js';
import type { SigningKey } from './signing-key.js';

export const SIGNATURE_REASON = 'Document émis par la plateforme SONS « Vague 2 »';
export const SIGNATURE_LOCATION = 'Luxembourg';

export type PdfSignatureFields = {
  // Claimed signing time: the signature dictionary's /M (PAdES keeps it out of the CMS).
  signingTime: Date;
  // Where a recipient checks the document: its public verification page.
  contactInfo: string;
};

export type PdfSigner = {
  // Subject of the signing certificate (RFC 4514), recorded on every signed document.
  readonly subject: string;
  sign(pdf: Uint8Array, fields: PdfSignatureFields): Promise<Buffer>;
};

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
} as const;

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();
const attribute = (type: string, value: Buffer): Buffer => sequence(objectIdentifier(type), setOf(value));

// CMS SignedData, detached, as PAdES-B-B wants it (ETSI EN 319 142-1 §6.3, CAdES baseline EN 319 122-1): signed
// attributes content-type, message-digest and signing-certificate-v2, and no signing-time (the time is the PDF's /M).
// @signpdf/signer-p12 is not used: it signs a signing-time attribute and no signing-certificate-v2, which makes
// PAdES validators (EU DSS) classify the signature as plain PKCS#7 rather than PAdES baseline.
export const cadesDetachedSignature = (content: Uint8Array, key: SigningKey): Buffer => {
  const digestAlgorithm = sequence(objectIdentifier(OID.sha256));
  // ESSCertIDv2 with hashAlgorithm omitted (its DEFAULT is SHA-256) and IssuerSerial { GeneralNames { [4] Name }, serial }.
  const essCertId = sequence(
    octetString(sha256(key.certificate.raw)),
    sequence(sequence(contextTag(4, key.issuerName)), key.serialNumber),
  );
  const signedAttributes = setOf(
    attribute(OID.contentType, objectIdentifier(OID.data)),
    attribute(OID.messageDigest, octetString(sha256(content))),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertId))),
  );
  // The signature covers the attributes encoded as a SET; in SignerInfo they are [0] IMPLICIT.
  const signature = sign('sha256', signedAttributes, key.privateKey);
  const implicitAttributes = Buffer.from(signedAttributes);
  implicitAttributes[0] = 0xa0;
  const signatureAlgorithm =
    key.keyType === 'rsa'
      ? sequence(objectIdentifier(OID.sha256WithRSAEncryption), nullValue())
      : sequence(objectIdentifier(OID.ecdsaWithSHA256));
  const signerInfo = sequence(
    smallInteger(1),
    sequence(key.issuerName, key.serialNumber),
    digestAlgorithm,
    implicitAttributes,
    signatureAlgorithm,
    octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1),
    setOf(digestAlgorithm),
    sequence(objectIdentifier(OID.data)),
    tlv(0xa0, ...[...key.certificates].sort((a, b) => Buffer.compare(a, b))),
    setOf(signerInfo),
  );
  return sequence(objectIdentifier(OID.signedData), contextTag(0, signedData));
};

class CadesDetachedSigner extends Signer {
  constructor(private readonly key: SigningKey) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return cadesDetachedSignature(content, this.key);
  }
}

// A PAdES-B-B signature over the whole file: pdf-lib adds an invisible signature field whose dictionary
// (/SubFilter /ETSI.CAdES.detached) has a /ByteRange placeholder; @signpdf/signpdf fills it in and writes the CMS
// into /Contents. It must be the last change to the bytes: anything written after it breaks the signature.
export const createPdfSigner = (key: SigningKey): PdfSigner => {
  const signer = new CadesDetachedSigner(key);
  // /Contents is reserved before signing: certificates + signature + attributes, with room to spare (hex digits).
  const signatureLength = 2 * (key.certificates.reduce((total, der) => total + der.length, 0) + 4096);
  return {
    subject: key.subject,
    async sign(pdf, { signingTime, contactInfo }) {
      // updateMetadata: false keeps our Info dictionary (pdf-lib would otherwise stamp its own producer and dates).
      const document = await PDFDocument.load(pdf, { updateMetadata: false });
      pdflibAddPlaceholder({
        pdfDoc: document,
        reason: SIGNATURE_REASON,
        location: SIGNATURE_LOCATION,
        contactInfo,
        name: key.commonName,
        signingTime,
        subFilter: SUBFILTER_ETSI_CADES_DETACHED,
        signatureLength,
      });
      const prepared = await document.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
      return new SignPdf().sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength), signer, signingTime);
    },
  };
};
