import { z } from 'zod';
import { uuid } from './common.js';
import { defineCommand, defineEvent } from './registry.js';

export const TEMPLATE_KEYS = [
  'test-success-attestation',
  'label-attestation',
  'invoice',
  'service-agreement',
  'submission-receipt',
] as const;
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
  z.object({
    documentId: uuid,
    reference: z.string(),
    caseId: z.string(),
    vendorId: uuid.nullable(),
    templateKey: z.enum(TEMPLATE_KEYS),
    templateVersion: z.number().int(),
  }),
);

// A document's status changed after it was issued (withdrawn by AeS/admin, or superseded by a newer one).
export const documentWithdrawn = defineEvent(
  'sons.documents.document.withdrawn',
  'A document was withdrawn: its public verification page now says so',
  z.object({
    documentId: uuid,
    reference: z.string(),
    caseId: z.string(),
    vendorId: uuid.nullable(),
    templateKey: z.enum(TEMPLATE_KEYS),
  }),
);

export const documentSuperseded = defineEvent(
  'sons.documents.document.superseded',
  'A document was replaced by a newer one (its verification page says superseded)',
  z.object({
    documentId: uuid,
    reference: z.string(),
    caseId: z.string(),
    vendorId: uuid.nullable(),
    templateKey: z.enum(TEMPLATE_KEYS),
    supersededBy: uuid,
  }),
);

export const DOCUMENT_EVENTS = [documentRendered, documentWithdrawn, documentSuperseded] as const;

// ---- Public verification (/verify/<reference>): status and fingerprint only, never the vendor's data beyond the title.
export const documentVerificationSchema = z.object({
  reference: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  // Convenience flags for the verification page.
  valid: z.boolean(),
  withdrawn: z.boolean(),
  title: z.string(),
  issuedAt: z.string(),
  templateKey: z.enum(TEMPLATE_KEYS),
  sha256: z.string().length(64),
  // Only when a SHA-256 was submitted (the gateway hashes the uploaded PDF; the file never travels on the bus).
  genuine: z.boolean().optional(),
});
export type DocumentVerification = z.infer<typeof documentVerificationSchema>;

export const verifyDocument = defineCommand(
  'sons.documents.document.verify',
  'Public verification of a document by reference, optionally comparing the SHA-256 of a copy',
  z.object({
    reference: z.string().min(1).max(100),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
  documentVerificationSchema,
);

// ---- Templates as versioned data (draft → published → retired; a published version is immutable).
export const TEMPLATE_STATUSES = ['draft', 'published', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

const localizedText = z.object({ fr: z.string(), en: z.string() });
const templateKey = z.enum(TEMPLATE_KEYS);
const templateVersionNumber = z.coerce.number().int().positive();

export const templateVersionSummarySchema = z.object({
  key: templateKey,
  version: z.number().int().positive(),
  status: z.enum(TEMPLATE_STATUSES),
  title: localizedText,
  author: z.string(),
  changeNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type TemplateVersionSummary = z.infer<typeof templateVersionSummarySchema>;

const templateSources = {
  locales: localizedText,
  layout: z.string(),
  css: z.string(),
  partials: z.record(z.string(), z.string()),
  messages: z.record(z.string(), z.record(z.string(), z.string())),
  schema: z.record(z.string(), z.unknown()),
  sample: z.record(z.string(), z.unknown()),
};

export const templateVersionSchema = templateVersionSummarySchema.extend(templateSources);
export type TemplateVersionDto = z.infer<typeof templateVersionSchema>;

export const listDocumentTemplates = defineCommand(
  'sons.documents.template.list',
  'Every document template with its versions (published, drafts, retired)',
  z.object({}),
  z.object({
    items: z.array(
      z.object({
        key: templateKey,
        title: localizedText,
        publishedVersion: z.number().int().nullable(),
        draftVersion: z.number().int().nullable(),
        versions: z.array(templateVersionSummarySchema),
      }),
    ),
  }),
);

export const getDocumentTemplate = defineCommand(
  'sons.documents.template.get',
  'One template version with its sources (the published one when no version is given)',
  z.object({ key: templateKey, version: templateVersionNumber.optional() }),
  templateVersionSchema,
);

export const createTemplateDraft = defineCommand(
  'sons.documents.template.create-draft',
  'Start a new draft version of a template from its published version (one draft per template)',
  z.object({ key: templateKey, changeNote: z.string().max(500).optional() }),
  templateVersionSchema,
);

export const updateTemplateDraft = defineCommand(
  'sons.documents.template.update-draft',
  'Change a draft version; refused when a source does not compile or breaks the safety rules',
  z.object({
    key: templateKey,
    version: templateVersionNumber,
    title: localizedText.optional(),
    changeNote: z.string().max(500).optional(),
    locales: localizedText.partial().optional(),
    layout: z.string().max(200_000).optional(),
    css: z.string().max(200_000).optional(),
    partials: z.record(z.string(), z.string().max(100_000)).optional(),
    messages: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
    sample: z.record(z.string(), z.unknown()).optional(),
  }),
  templateVersionSchema,
);

export const previewTemplate = defineCommand(
  'sons.documents.template.preview',
  'Render a template version (usually a draft) with its sample data, or the given data; the PDF is stored as an operators-only attachment',
  z.object({
    key: templateKey,
    version: templateVersionNumber,
    locale: z.enum(['fr', 'en']).default('fr'),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({
    attachmentId: uuid,
    sha256: z.string().length(64),
    pages: z.number().int().positive(),
    size: z.number().int().positive(),
  }),
);

export const publishTemplate = defineCommand(
  'sons.documents.template.publish',
  'Publish a draft version: it becomes the one every new render uses; the previously published one is retired',
  z.object({ key: templateKey, version: templateVersionNumber }),
  templateVersionSchema,
);

export const retireTemplate = defineCommand(
  'sons.documents.template.retire',
  'Retire a version (a draft is abandoned; a published one stops being used for new renders)',
  z.object({ key: templateKey, version: templateVersionNumber }),
  templateVersionSchema,
);

// Template lifecycle (operators' audit trail and downstream caches): thin, key and version only.
export const templatePublished = defineEvent(
  'sons.documents.template.published',
  'A template version was published: new renders of this template use it',
  z.object({
    templateId: uuid,
    key: templateKey,
    version: z.number().int().positive(),
    previousVersion: z.number().int().positive().nullable(),
    author: z.string(),
  }),
);

export const templateRetired = defineEvent(
  'sons.documents.template.retired',
  'A template version was retired (replaced by a newer published one, or abandoned as a draft)',
  z.object({ templateId: uuid, key: templateKey, version: z.number().int().positive() }),
);

export const DOCUMENT_TEMPLATE_EVENTS = [templatePublished, templateRetired] as const;
