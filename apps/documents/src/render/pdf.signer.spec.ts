import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { readNode } from './der.js';
import { PDF_PRODUCER } from './pdf.post-processor.js';
import { createPdfRenderer, type PdfRenderer } from './pdf.renderer.js';
import { createPdfSigner, SIGNATURE_LOCATION, SIGNATURE_REASON } from './pdf.signer.js';
import type { RenderInput, SeedTemplate } from './render.types.js';
import { loadSeedTemplates } from './seed-templates.loader.js';
import { SigningKeyError, loadSigningKey, type SigningKey } from './signing-key.js';
import { throwawayP12 } from '@sons/testing';
import { buildVerifyUrl } from './verification.qr.js';

const run = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';
const SUBJECT = 'CN=SONS documents (test), O=Agence eSanté (test), C=LU';
const VALID = 'Signature Validation: Signature is Valid.';

let directory: string;
let files = 0;

const makeP12 = (name: string, keyOptions: string[], subject: string, passphrase = PASSPHRASE): Promise<string> =>
  throwawayP12(directory, { name, keyOptions, subject, passphrase });

const writePdf = async (pdf: Uint8Array): Promise<string> => {
  files += 1;
  const file = join(directory, `signed-${files}.pdf`);
  await writeFile(file, pdf);
  return file;
};

// poppler's verifier (NSS): checks the digest over /ByteRange and the CMS signature; the self-signed certificate
// itself is untrusted, which is expected and not what these tests look at.
const pdfsig = async (pdf: Uint8Array): Promise<string> => (await run('pdfsig', [await writePdf(pdf)])).stdout;

const byteRangeOf = (pdf: Buffer): [number, number, number, number] => {
  const match = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no /ByteRange in the PDF');
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
};

const flipByte = (pdf: Buffer, at: number): Buffer => {
  const copy = Buffer.from(pdf);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

describe('PAdES signature of rendered PDFs', () => {
  let renderer: PdfRenderer;
  let key: SigningKey;
  let template: SeedTemplate;

  const input = (reference: string): RenderInput => ({
    template,
    locale: 'fr',
    data: template.sample,
    reference,
    verifyUrl: buildVerifyUrl('https://sons.esante.lu', reference),
    metadata: { title: template.title.fr, author: 'Agence eSanté', subject: 'SONS Vague 2', language: 'fr-LU' },
  });

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sons-sign-'));
    const p12 = await makeP12('rsa', ['-newkey', 'rsa:2048'], '/C=LU/O=Agence eSanté (test)/CN=SONS documents (test)');
    key = loadSigningKey(await readFile(p12), PASSPHRASE);
    template = (await loadSeedTemplates()).find((candidate) => candidate.key === 'test-success-attestation') as SeedTemplate;
    renderer = createPdfRenderer({ executablePath: '/usr/bin/chromium', pages: 1, queueLimit: 4, signer: createPdfSigner(key) });
  });

  afterAll(async () => {
    await renderer?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('should sign the rendered PDF so that pdfsig validates it, and hash the signed bytes', async () => {
    const result = await renderer.render(input('SONS-ATT-2026-SIGNED01'));

    const report = await pdfsig(result.pdf);
    expect(report).toContain(VALID);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signer Certificate Common Name: SONS documents (test)');
    expect(result.signedBy).toBe(SUBJECT);
    expect(result.sha256).toBe(createHash('sha256').update(result.pdf).digest('hex'));
    expect(result.size).toBe(result.pdf.byteLength);
    // The ByteRange covers the whole file but the /Contents hex string.
    const [start, contentsAt, afterContents, tail] = byteRangeOf(result.pdf);
    expect(start).toBe(0);
    expect(afterContents + tail).toBe(result.pdf.byteLength);
    expect(result.pdf.toString('latin1', contentsAt, contentsAt + 1)).toBe('<');
    expect(result.pdf.toString('latin1', afterContents - 1, afterContents)).toBe('>');
  });

  it('should keep the metadata, language and text of the document when signing', async () => {
    const reference = 'SONS-ATT-2026-SIGNED02';
    const result = await renderer.render(input(reference));

    const { stdout: info } = await run('pdfinfo', ['-enc', 'UTF-8', await writePdf(result.pdf)]);
    expect(info).toMatch(new RegExp(`^Title:\\s+${template.title.fr}$`, 'm'));
    expect(info).toMatch(new RegExp(`^Keywords:\\s+${reference}$`, 'm'));
    expect(info).toMatch(new RegExp(`^Producer:\\s+${PDF_PRODUCER.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', await writePdf(result.pdf), '-']);
    expect(text).toContain(reference);
    const document = await PDFDocument.load(result.pdf);
    expect((document.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('fr-LU');
    expect(document.getPageCount()).toBe(result.pages);
  });

  it('should write the reason, location and contact (verification page) into the signature dictionary', async () => {
    const result = await renderer.render(input('SONS-ATT-2026-SIGNED03'));

    const bytes = result.pdf.toString('latin1');
    expect(bytes).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(bytes).toContain(`/Reason (${SIGNATURE_REASON})`);
    expect(bytes).toContain(`/Location (${SIGNATURE_LOCATION})`);
    expect(bytes).toContain('/ContactInfo (https://sons.esante.lu/verify/SONS-ATT-2026-SIGNED03)');
  });

  it('should make pdfsig report the signature invalid when one byte of the signed range changes', async () => {
    const result = await renderer.render(input('SONS-ATT-2026-SIGNED04'));
    const [, contentsAt, afterContents] = byteRangeOf(result.pdf);
    const text = result.pdf.toString('latin1');
    // A letter of the document's Info /Title (first range) and of /Location (second range): the file still parses.
    const inFirstRange = text.indexOf('/Title <FEFF') + '/Title <FEFF'.length + 1;
    const inSecondRange = text.indexOf(`/Location (${SIGNATURE_LOCATION})`) + '/Location ('.length;
    expect(inFirstRange).toBeLessThan(contentsAt);
    expect(inSecondRange).toBeGreaterThan(afterContents);
    expect(await pdfsig(result.pdf)).toContain(VALID);

    for (const at of [inFirstRange, inSecondRange]) {
      const report = await pdfsig(flipByte(result.pdf, at));
      expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)\./);
      expect(report).not.toContain(VALID);
    }
  });

  it('should put content-type, message-digest and signing-certificate-v2 (no signing-time) in the CMS', async () => {
    const result = await renderer.render(input('SONS-ATT-2026-SIGNED05'));
    const [, contentsAt, afterContents, tail] = byteRangeOf(result.pdf);
    // /Contents is the DER of the CMS followed by zero padding up to the reserved size.
    const contents = Buffer.from(result.pdf.toString('latin1', contentsAt + 1, afterContents - 1), 'hex');
    const cms = await writePdf(contents.subarray(0, readNode(contents, 0).end));
    const signed = await writePdf(
      Buffer.concat([result.pdf.subarray(0, contentsAt), result.pdf.subarray(afterContents, afterContents + tail)]),
    );
    const certificate = join(directory, 'rsa.crt');

    // OpenSSL's CAdES check: the signature, and the signing-certificate-v2 hash against the signer's certificate.
    const { stderr } = await run('openssl', [
      'cms',
      '-verify',
      '-cades',
      '-binary',
      '-inform',
      'DER',
      '-in',
      cms,
      '-content',
      signed,
      '-CAfile',
      certificate,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    expect(stderr).toContain('CAdES Verification successful');
    const { stdout: structure } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cms]);
    expect(structure).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(structure).toContain('messageDigest (1.2.840.113549.1.9.4)');
    expect(structure).toContain('id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)');
    expect(structure).not.toContain('signingTime');
    expect(structure).toContain('eContent: <ABSENT>');
  });

  it('should sign with an EC (ECDSA P-256) key too', async () => {
    const p12 = await makeP12(
      'ec',
      ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      '/C=LU/CN=SONS documents EC (test)',
    );
    const ecKey = loadSigningKey(await readFile(p12), PASSPHRASE);
    const unsigned = await PDFDocument.create();
    unsigned.addPage();

    const signed = await createPdfSigner(ecKey).sign(await unsigned.save({ useObjectStreams: false }), {
      signingTime: new Date(),
      contactInfo: 'https://sons.esante.lu',
    });

    expect(ecKey.keyType).toBe('ec');
    expect(await pdfsig(signed)).toContain(VALID);
  });

  it('should refuse a wrong passphrase, a file that is not PKCS#12 and an expired certificate with what to fix', async () => {
    const p12 = await readFile(join(directory, 'rsa.p12'));

    const wrong = (() => {
      try {
        return loadSigningKey(p12, 'not the passphrase');
      } catch (error) {
        return error;
      }
    })();
    expect(wrong).toBeInstanceOf(SigningKeyError);
    expect(wrong).toMatchObject({ field: 'passphrase', message: expect.stringContaining('wrong passphrase') });
    expect(() => loadSigningKey(Buffer.from('%PDF-1.7 not a key'), PASSPHRASE)).toThrow(/is not a PKCS#12/);
    expect(() => loadSigningKey(p12, PASSPHRASE, new Date(Date.now() + 30 * 86_400_000))).toThrow(
      /holds a certificate that expired on/,
    );
  });
});
