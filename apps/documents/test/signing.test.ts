import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { renderPdf, verifyDocument } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { operator, startSystem, throwawayP12, type ApiClient, type RunningSystem } from '@sons/testing';
import { sampleOf } from './pdf-text.js';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const PASSPHRASE = 'integration-signing-passphrase';
const SUBJECT = 'CN=SONS documents (integration), O=Agence eSanté (test), C=LU';

// What the documents service recorded for a document, read from its own database (SQLite or PostgreSQL).
async function signedByColumn(system: RunningSystem, reference: string): Promise<string | null> {
  if (system.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: system.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ signed_by: string | null }>(
        'select signed_by from sons_documents.rendered_document where reference = $1',
        [reference],
      );
      return rows[0]?.signed_by ?? null;
    } finally {
      await client.end();
    }
  }
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(system.env.DATA_DIR, 'documents.sqlite'), { readOnly: true });
  try {
    const row = db.prepare('select signed_by from rendered_document where reference = ?').get(reference) as
      { signed_by: string | null } | undefined;
    return row?.signed_by ?? null;
  } finally {
    db.close();
  }
}

// The documents service as an operator starts it; resolves with its exit code and stderr.
function startDocuments(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repoRoot, 'apps', 'documents', 'dist', 'main.js')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the documents service did not exit on a bad signing configuration; stderr: ${stderr}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

describe('documents: PAdES-signed PDFs (DOCUMENTS_SIGNING_P12)', () => {
  let directory: string;
  let p12: string;
  let system: RunningSystem;
  let bus: Bus;
  let incert: ApiClient;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sons-signing-'));
    p12 = await throwawayP12(directory, {
      subject: '/C=LU/O=Agence eSanté (test)/CN=SONS documents (integration)',
      passphrase: PASSPHRASE,
    });
    system = await startSystem({
      name: 'documents-signing',
      services: ['documents'],
      env: { DOCUMENTS_SIGNING_P12: p12, DOCUMENTS_SIGNING_PASSPHRASE: PASSPHRASE },
    });
    bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
    incert = await operator(system.baseUrl, 'incert');
  });

  afterAll(async () => {
    await system?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('should store a PDF that pdfsig validates, recording the SHA-256 of the signed bytes and the signer', async () => {
    const document = await bus.request(
      renderPdf,
      {
        templateKey: 'label-attestation',
        locale: 'fr',
        data: await sampleOf('label-attestation'),
        caseId: 'case-signed',
        vendorId: null,
        title: 'Attestation de labélisation signée',
      },
      { timeoutMs: 60_000 },
    );

    const file = await incert.download(`/api/attachments/${document.attachmentId}/content`);
    expect(file.status).toBe(200);
    const pdf = Buffer.from(file.data);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(document.sha256);
    expect(pdf.byteLength).toBe(document.size);
    const path = join(directory, `${document.reference}.pdf`);
    await writeFile(path, pdf);
    const { stdout } = await run('pdfsig', [path]);
    expect(stdout).toContain('Signature Validation: Signature is Valid.');
    expect(stdout).toContain('Signature Type: ETSI.CAdES.detached');
    // The public verification page compares the SHA-256 of a copy with the recorded one.
    const verification = await bus.request(verifyDocument, { reference: document.reference, sha256: document.sha256 });
    expect(verification).toMatchObject({ reference: document.reference, valid: true, genuine: true });
    expect(await signedByColumn(system, document.reference)).toBe(SUBJECT);

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/Location (Luxembourg)') + '/Location ('.length;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    await writeFile(path, tampered);
    expect((await run('pdfsig', [path])).stdout).toContain('Signature Validation: Digest Mismatch.');
  });

  it('should not start, and say which variable to fix, when the passphrase is wrong', async () => {
    const { code, stderr } = await startDocuments({
      DATA_DIR: join(directory, 'refused'),
      DOCUMENTS_SIGNING_P12: p12,
      DOCUMENTS_SIGNING_PASSPHRASE: 'not-the-passphrase',
    });

    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration, fix these environment variables:');
    expect(stderr).toContain(`- DOCUMENTS_SIGNING_PASSPHRASE: does not open ${p12}: wrong passphrase`);
  });
});
