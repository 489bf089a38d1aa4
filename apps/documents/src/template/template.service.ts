import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  TEMPLATE_KEYS,
  hasRole,
  isOperator,
  templatePublished,
  templateRetired,
  type Caller,
  type ParsedRequestOf,
  type TemplateKey,
  type TemplateVersionDto,
  type TemplateVersionSummary,
  type updateTemplateDraft,
} from '@sons/contracts';
import {
  ATTACHMENTS,
  CONFIG,
  EventRecorder,
  LOGGER,
  SystemClock,
  UnitOfWork,
  translateOrmError,
  type AttachmentStore,
  type Logger,
} from '@sons/platform';
import { TemplateSourceError, buildVerifyUrl, loadSeedTemplates, type Locale } from '../render/index.js';
import { PdfRendererHost } from '../pdf/pdf-renderer.host.js';
import { toDomainError } from '../pdf/render-errors.js';
import { DocumentTemplateVersion } from './template-version.entity.js';
import type { DocumentsConfig } from '../config.js';

const notFound = (key: string, version?: number) =>
  new DomainError(
    'TEMPLATE_NOT_FOUND',
    404,
    version === undefined
      ? { fr: `Le modèle « ${key} » n’a pas de version publiée.`, en: `Template "${key}" has no published version.` }
      : { fr: `Le modèle « ${key} » n’a pas de version ${version}.`, en: `Template "${key}" has no version ${version}.` },
    { meta: { key, version } },
  );

const adminOnly = () =>
  new DomainError('FORBIDDEN', 403, {
    fr: 'Seul un administrateur peut modifier, prévisualiser ou publier un modèle de document.',
    en: 'Only an administrator can edit, preview or publish a document template.',
  });

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const toSummary = (t: DocumentTemplateVersion): TemplateVersionSummary => ({
  key: t.key,
  version: t.version,
  status: t.status,
  title: t.title,
  author: t.author,
  changeNote: t.changeNote,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
  publishedAt: iso(t.publishedAt),
  retiredAt: iso(t.retiredAt),
});

export const toDto = (t: DocumentTemplateVersion): TemplateVersionDto => ({
  ...toSummary(t),
  locales: t.locales,
  layout: t.layout,
  css: t.css,
  partials: t.partials,
  messages: t.messages,
  schema: t.schema,
  sample: t.sample,
});

// Templates are versioned data, like form schemas: operators edit a draft, preview it on its sample data, publish
// it without a deploy. A published version never changes; every rendered document records the version it used.
@Injectable()
export class TemplateService implements OnModuleInit {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(PdfRendererHost) private readonly pdf: PdfRendererHost,
    @Inject(ATTACHMENTS) private readonly attachments: AttachmentStore,
    @Inject(CONFIG) private readonly config: DocumentsConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  // The seed templates become version 1 (published) of each key at first start; later starts change nothing.
  async onModuleInit(): Promise<void> {
    const seeds = await loadSeedTemplates();
    for (const seed of seeds) {
      const key = seed.key as TemplateKey;
      try {
        await this.uow.run(async (em) => {
          if (await em.count(DocumentTemplateVersion, { key })) return;
          const now = this.clock.now();
          em.persist(
            Object.assign(new DocumentTemplateVersion(), {
              key,
              version: seed.version,
              status: 'published',
              publishedKey: key,
              title: seed.title,
              locales: seed.locales,
              layout: seed.layout,
              css: seed.css,
              partials: seed.partials,
              messages: seed.messages,
              schema: seed.schema,
              sample: seed.sample,
              author: 'seed',
              changeNote: 'Seed template shipped with the platform',
              createdAt: now,
              updatedAt: now,
              publishedAt: now,
            }),
          );
          this.log.info({ key, version: seed.version }, 'seed template stored');
        });
      } catch (error) {
        // Another replica seeded it at the same moment.
        if (!(error instanceof DomainError && error.code === 'DUPLICATE')) throw error;
      }
    }
  }

  // The version a render uses: the given one (re-render identically), else the published one.
  async forRender(em: EntityManager, key: TemplateKey, version?: number): Promise<DocumentTemplateVersion> {
    const found =
      version === undefined
        ? await em.findOne(DocumentTemplateVersion, { key, status: 'published' })
        : await em.findOne(DocumentTemplateVersion, { key, version });
    if (!found) throw notFound(key, version);
    if (version !== undefined && found.status === 'draft') {
      throw new DomainError('TEMPLATE_NOT_PUBLISHED', 409, {
        fr: `La version ${version} du modèle « ${key} » est un brouillon : elle ne sert qu’à la prévisualisation.`,
        en: `Version ${version} of template "${key}" is a draft: it can only be previewed.`,
      });
    }
    return found;
  }

  async list(caller: Caller | null) {
    this.assertReader(caller);
    const rows = await this.uow.fork().find(DocumentTemplateVersion, {}, { orderBy: { key: 'asc', version: 'asc' } });
    return {
      items: TEMPLATE_KEYS.filter((key) => rows.some((r) => r.key === key)).map((key) => {
        const versions = rows.filter((r) => r.key === key);
        const published = versions.find((v) => v.status === 'published') ?? null;
        const draft = versions.find((v) => v.status === 'draft') ?? null;
        return {
          key,
          title: (published ?? versions.at(-1)!).title,
          publishedVersion: published?.version ?? null,
          draftVersion: draft?.version ?? null,
          versions: versions.map(toSummary),
        };
      }),
    };
  }

  async get(key: TemplateKey, version: number | undefined, caller: Caller | null): Promise<TemplateVersionDto> {
    this.assertReader(caller);
    const em = this.uow.fork();
    const found =
      version === undefined
        ? await em.findOne(DocumentTemplateVersion, { key, status: 'published' })
        : await em.findOne(DocumentTemplateVersion, { key, version });
    if (!found) throw notFound(key, version);
    return toDto(found);
  }

  async createDraft(key: TemplateKey, changeNote: string | undefined, caller: Caller | null): Promise<TemplateVersionDto> {
    const author = this.assertAdmin(caller);
    return this.uow.run(async (em) => {
      const existing = await em.findOne(DocumentTemplateVersion, { key, status: 'draft' });
      if (existing) {
        throw new DomainError(
          'TEMPLATE_DRAFT_EXISTS',
          409,
          {
            fr: `Le modèle « ${key} » a déjà un brouillon (version ${existing.version}) : modifiez-le, publiez-le ou retirez-le.`,
            en: `Template "${key}" already has a draft (version ${existing.version}): edit, publish or retire it.`,
          },
          { meta: { version: existing.version } },
        );
      }
      const base = await em.findOne(DocumentTemplateVersion, { key, status: 'published' });
      const latest = await em.findOne(DocumentTemplateVersion, { key }, { orderBy: { version: 'desc' } });
      const source = base ?? latest;
      if (!source) throw notFound(key);
      const now = this.clock.now();
      const draft = Object.assign(new DocumentTemplateVersion(), {
        key,
        version: (latest?.version ?? 0) + 1,
        status: 'draft',
        draftKey: key,
        title: source.title,
        locales: { ...source.locales },
        layout: source.layout,
        css: source.css,
        partials: { ...source.partials },
        messages: structuredClone(source.messages),
        schema: structuredClone(source.schema),
        sample: structuredClone(source.sample),
        author,
        changeNote: changeNote ?? null,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(draft);
      await em.flush();
      return toDto(draft);
    });
  }

  async updateDraft(request: ParsedRequestOf<typeof updateTemplateDraft>, caller: Caller | null): Promise<TemplateVersionDto> {
    const author = this.assertAdmin(caller);
    return this.uow.run(async (em) => {
      const draft = await em.findOne(DocumentTemplateVersion, { key: request.key, version: request.version });
      if (!draft) throw notFound(request.key, request.version);
      if (draft.status !== 'draft') {
        throw new DomainError('TEMPLATE_IMMUTABLE', 409, {
          fr: `La version ${draft.version} du modèle « ${draft.key} » est « ${draft.status} » : une version publiée ne change plus. Créez un nouveau brouillon.`,
          en: `Version ${draft.version} of template "${draft.key}" is "${draft.status}": a published version never changes. Create a new draft.`,
        });
      }
      if (request.title) draft.title = request.title;
      if (request.changeNote !== undefined) draft.changeNote = request.changeNote;
      if (request.locales) draft.locales = { ...draft.locales, ...request.locales };
      if (request.layout !== undefined) draft.layout = request.layout;
      if (request.css !== undefined) draft.css = request.css;
      if (request.partials) draft.partials = request.partials;
      if (request.messages) draft.messages = request.messages;
      if (request.schema) draft.schema = request.schema;
      if (request.sample) draft.sample = request.sample;
      this.check(draft);
      draft.author = author;
      draft.updatedAt = this.clock.now();
      return toDto(draft);
    });
  }

  // Renders a version (usually a draft) on its sample data; the PDF goes to the attachment store (operators only:
  // no vendor id), never inline on the bus.
  async preview(
    key: TemplateKey,
    version: number,
    locale: Locale,
    data: Record<string, unknown> | undefined,
    caller: Caller | null,
  ) {
    const author = this.assertAdmin(caller);
    const template = await this.uow.fork().findOne(DocumentTemplateVersion, { key, version });
    if (!template) throw notFound(key, version);
    this.check(template);
    const reference = `PREVIEW-${key}-v${version}`;
    let result;
    try {
      result = await this.pdf.render({
        template: template.toTemplate(),
        locale,
        data: data ?? template.sample,
        reference,
        verifyUrl: buildVerifyUrl(this.config.PUBLIC_BASE_URL, reference),
        metadata: {
          title: `${template.title[locale]} — ${locale === 'fr' ? 'aperçu' : 'preview'}`,
          author: this.config.DOCUMENTS_PDF_AUTHOR,
          subject: template.title[locale],
          language: locale === 'fr' ? 'fr-LU' : 'en',
          keywords: [reference, key],
          creationDate: this.clock.now(),
        },
      });
    } catch (error) {
      throw toDomainError(error);
    }
    const stored = await this.attachments.put({
      data: result.pdf,
      fileName: `${key}-v${version}-${locale}-preview.pdf`,
      vendorId: null,
      uploadedBy: author,
      purpose: 'template-preview',
      contentType: 'application/pdf',
    });
    return { attachmentId: stored.id, sha256: result.sha256, pages: result.pages, size: result.size };
  }

  async publish(key: TemplateKey, version: number, caller: Caller | null, correlationId: string): Promise<TemplateVersionDto> {
    const author = this.assertAdmin(caller);
    try {
      return await this.uow.run(async (em) => {
        const draft = await em.findOne(DocumentTemplateVersion, { key, version });
        if (!draft) throw notFound(key, version);
        this.check(draft);
        const now = this.clock.now();
        const previous = await em.findOne(DocumentTemplateVersion, { key, status: 'published' });
        if (draft.status !== 'draft') draft.publish(now); // throws INVALID_TRANSITION with the current status
        if (previous) {
          previous.retire(now);
          this.events.record(
            em,
            templateRetired,
            { templateId: previous.id, key, version: previous.version },
            { caseId: previous.id, sequence: previous.nextSequence(), correlationId },
          );
          // Free the "one published per key" slot before the new version takes it.
          await em.flush();
        }
        draft.publish(now);
        draft.author = author;
        this.events.record(
          em,
          templatePublished,
          { templateId: draft.id, key, version, previousVersion: previous?.version ?? null, author },
          { caseId: draft.id, sequence: draft.nextSequence(), correlationId },
        );
        return toDto(draft);
      });
    } catch (error) {
      throw translateOrmError(error);
    }
  }

  async retire(key: TemplateKey, version: number, caller: Caller | null, correlationId: string): Promise<TemplateVersionDto> {
    this.assertAdmin(caller);
    return this.uow.run(async (em) => {
      const found = await em.findOne(DocumentTemplateVersion, { key, version });
      if (!found) throw notFound(key, version);
      found.retire(this.clock.now());
      this.events.record(
        em,
        templateRetired,
        { templateId: found.id, key, version },
        { caseId: found.id, sequence: found.nextSequence(), correlationId },
      );
      return toDto(found);
    });
  }

  // The engine's own checks: compiles, only whitelisted helpers, no triple-stash, a valid JSON Schema.
  private check(template: DocumentTemplateVersion): void {
    try {
      this.pdf.engine.check(template.toTemplate());
    } catch (error) {
      if (error instanceof TemplateSourceError) {
        throw new DomainError(
          'TEMPLATE_INVALID',
          400,
          {
            fr: `Le modèle est refusé : ${error.message}. Corrigez la source (pas de « {{{ }}} », seulement les helpers autorisés, syntaxe Handlebars valide).`,
            en: `The template is refused: ${error.message}. Fix the source (no "{{{ }}}", only the allowed helpers, valid Handlebars syntax).`,
          },
          { errors: [{ path: '/source', rule: 'template', message: { fr: error.message, en: error.message } }] },
        );
      }
      throw error;
    }
  }

  private assertReader(caller: Caller | null): void {
    if (caller && !isOperator(caller)) {
      throw new DomainError('FORBIDDEN', 403, {
        fr: 'Les modèles de documents sont réservés aux opérateurs.',
        en: 'Document templates are for operators only.',
      });
    }
  }

  private assertAdmin(caller: Caller | null): string {
    if (!caller) return 'system';
    if (!hasRole(caller, 'admin')) throw adminOnly();
    return caller.userId;
  }
}
