import { z } from 'zod';
import { uuid } from './common.js';
import { defineCommand, defineEvent } from './registry.js';

export const TEMPLATE_KEYS = ['test-success-attestation', 'label-attestation', 'invoice', 'service-agreement', 'submission-receipt'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const DOCUMENT_STATUSES = ['valid', 'withdrawn', 'superseded'] as const;

export const renderedDocumentSchema = z.object({
  documentId: uuid,
  // Human-readable reference printed on the PDF and used by the public verification page /verify/<reference>.
  reference: z.string(),
  attachmentId: uuid,
  sha256: z.string().length(64),
  pages: z.number().int().positive(),
  size: z.number().int().positive(),
  templateKey: z.enum(TEMPLATE_KEYS),
  templateVersion: z.number().int().positive(),
  locale: z.enum(['fr', 'en']),
  verifyUrl: z.string().url(),
  status: z.enum(DOCUMENT_STATUSES),
});
export type RenderedDocument = z.infer<typeof renderedDocumentSchema>;

// The PDF itself never travels on the bus: it is stored in the attachment store and referenced by id.
export const renderPdf = defineCommand(
  'sons.documents.pdf.render',
  'Render a template with data to an A4 PDF, store it, and return its reference, SHA-256 and page count',
  z.object({
    templateKey: z.enum(TEMPLATE_KEYS),
    // Omitted: the currently published version. Given: re-render identically with that version.
    templateVersion: z.number().int().positive().optional(),
    locale: z.enum(['fr', 'en']).default('fr'),
    data: z.record(z.string(), z.unknown()),
    caseId: z.string().min(1),
    vendorId: uuid.nullable(),
    title: z.string().min(1).max(300),
    // Idempotency: the same key returns the same document instead of rendering twice.
    idempotencyKey: z.string().min(8).max(200).optional(),
    // The document this one replaces (it becomes "superseded").
    supersedes: z.string().optional(),
  }),
  renderedDocumentSchema,
);

export const getDocument = defineCommand(
  'sons.documents.document.get',
  'Metadata of a rendered document by id or reference',
  z.object({ documentId: uuid.optional(), reference: z.string().optional() }),
  renderedDocumentSchema.extend({ caseId: z.string(), vendorId: uuid.nullable(), title: z.string(), createdAt: z.string() }),
);

export const withdrawDocument = defineCommand(
  'sons.documents.document.withdraw',
  'Withdraw a document (its verification page then says so)',
  z.object({ documentId: uuid, reason: z.string().min(3).max(500) }),
  renderedDocumentSchema,
);

export const documentRendered = defineEvent(
  'sons.documents.document.rendered',
  'A PDF document was rendered and stored',
  z.object({ documentId: uuid, reference: z.string(), caseId: z.string(), vendorId: uuid.nullable(), templateKey: z.enum(TEMPLATE_KEYS), templateVersion: z.number().int() }),
);
