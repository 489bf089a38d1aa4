import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

export const configSchema = baseConfigSchema.extend({
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
});
export type DocumentsConfig = z.infer<typeof configSchema>;
