// Types shared by the template engine, the PDF renderer and the seed templates.

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type LocalizedText = Record<Locale, string>;

export type JsonSchema = Record<string, unknown>;

// One message catalogue per locale, read by the `t` helper (mostly from the shared layout/partials,
// since each locale has its own body source).
export type TemplateMessages = Partial<Record<Locale, Record<string, string>>>;

// A document template as it will be stored (versioned) in the database: everything is data.
export type DocumentTemplate = {
  key: string;
  version: number;
  locales: Record<Locale, string>;
  // Body-level skeleton; it includes the locale source with `{{> content}}`.
  layout: string;
  css: string;
  // JSON Schema (draft 2020-12) of the `data` the template needs.
  schema: JsonSchema;
  partials?: Record<string, string>;
  messages?: TemplateMessages;
};

export type SeedTemplate = DocumentTemplate & {
  title: LocalizedText;
  partials: Record<string, string>;
  messages: TemplateMessages;
  sample: Record<string, unknown>;
};

export type PdfMetadata = {
  title: string;
  author: string;
  subject: string;
  // BCP 47 tag written to the catalog's /Lang and to <html lang>, e.g. 'fr-LU'.
  language: string;
  keywords?: string[];
  creationDate?: Date;
};

export type RenderInput = {
  template: DocumentTemplate;
  locale: Locale;
  data: unknown;
  reference: string;
  // Public verification page, `<baseUrl>/verify/<reference>` (see buildVerifyUrl).
  verifyUrl: string;
  metadata: PdfMetadata;
};

export type RenderResult = {
  pdf: Buffer;
  sha256: string;
  pages: number;
  size: number;
  templateKey: string;
  templateVersion: number;
  locale: Locale;
  // Subject of the certificate that signed the PDF (PAdES), null when unsigned.
  signedBy: string | null;
};

export type TemplateDataIssue = {
  // JSON Pointer into `data` ('' is the root).
  path: string;
  // The JSON Schema keyword that failed, or 'template' when the template itself needed the value.
  rule: string;
  message: string;
};
