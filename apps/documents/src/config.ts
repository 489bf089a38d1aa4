import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';
import { SigningKeyError, loadSigningKey, type SigningKey } from './render/signing-key.js';

const SIGNING_FILE = 'DOCUMENTS_SIGNING_P12';
const SIGNING_PASSPHRASE = 'DOCUMENTS_SIGNING_PASSPHRASE';

// Optional PAdES signature of every rendered PDF (docs/documents-signing.md): a PKCS#12 file (.p12/.pfx) holding the key
// and its certificate, and the passphrase that opens it; both or neither. The key is read here, once, so a missing
// file, a wrong passphrase or an expired certificate stops the start; the passphrase is not kept in the parsed config.
const signingSchema = z
  .object({
    [SIGNING_FILE]: z.string().optional(),
    [SIGNING_PASSPHRASE]: z.string().optional(),
  })
  .transform(({ [SIGNING_FILE]: file, [SIGNING_PASSPHRASE]: passphrase }, ctx) => {
    let signingKey: SigningKey | null = null;
    if (file === undefined && passphrase !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [SIGNING_FILE],
        message: `must be set when ${SIGNING_PASSPHRASE} is (both or neither)`,
      });
    } else if (file !== undefined && passphrase === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [SIGNING_PASSPHRASE],
        message: `must be set when ${SIGNING_FILE} is (both or neither)`,
      });
    } else if (file !== undefined && passphrase !== undefined) {
      try {
        signingKey = loadSigningKey(readFileSync(file), passphrase);
      } catch (error) {
        if (error instanceof SigningKeyError) {
          ctx.addIssue(
            error.field === 'passphrase'
              ? { code: 'custom', path: [SIGNING_PASSPHRASE], message: `does not open ${file}: ${error.message}` }
              : { code: 'custom', path: [SIGNING_FILE], message: `${file} ${error.message}` },
          );
        } else {
          ctx.addIssue({ code: 'custom', path: [SIGNING_FILE], message: `cannot read ${file}: ${(error as Error).message}` });
        }
      }
    }
    return { [SIGNING_FILE]: file, signingKey };
  });

// An intersection, so the signing variables are checked and listed even when another variable is wrong.
export const configSchema = z.intersection(
  baseConfigSchema.extend({
    // Debian's Chromium (STACK.md, "PDF"); one browser per worker process.
    CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
    // Pages (tabs) rendering at the same time in that browser.
    DOCUMENTS_PAGES: z.coerce.number().int().min(1).max(16).default(2),
    // Renders allowed to wait for a page; beyond it the request is answered "busy, retry" at once.
    DOCUMENTS_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(16),
    DOCUMENTS_RENDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    // The browser is replaced after this many renders (bounds Chromium's memory growth).
    DOCUMENTS_RESTART_AFTER: z.coerce.number().int().min(1).default(1_000),
    // Author written into every PDF's metadata.
    DOCUMENTS_PDF_AUTHOR: z.string().min(1).default('Agence eSanté Luxembourg — SONS « Vague 2 »'),
  }),
  signingSchema,
);
export type DocumentsConfig = z.infer<typeof configSchema>;
