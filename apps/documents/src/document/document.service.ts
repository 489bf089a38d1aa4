import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  documentRendered,
  documentSuperseded,
  documentWithdrawn,
  hasRole,
  isOperator,
  type Caller,
  type DocumentVerification,
  type ParsedRequestOf,
  type RenderedDocument as RenderedDocumentDto,
  type renderPdf,
} from '@sons/contracts';
import { ATTACHMENTS, CONFIG, EventRecorder, SystemClock, UnitOfWork, type AttachmentStore } from '@sons/platform';
import type { DocumentsConfig } from '../config.js';
import { PdfRendererHost } from '../pdf/pdf-renderer.host.js';
import { toDomainError } from '../pdf/render-errors.js';
import { buildVerifyUrl, type RenderResult } from '../render/index.js';
import { TemplateService } from '../template/template.service.js';
import { documentReference } from './document-reference.js';
import { RenderedDocument } from './rendered-document.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const documentNotFound = (what: string) =>
  new DomainError('DOCUMENT_NOT_FOUND', 404, {
    fr: `Document introuvable (${what}). Vérifiez la référence imprimée sur le document.`,
    en: `Document not found (${what}). Check the reference printed on the document.`,
  });

@Injectable()
export class DocumentService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(PdfRendererHost) private readonly pdf: PdfRendererHost,
    @Inject(TemplateService) private readonly templates: TemplateService,
    @Inject(ATTACHMENTS) private readonly attachments: AttachmentStore,
    @Inject(CONFIG) private readonly config: DocumentsConfig,
  ) {}

  render(request: ParsedRequestOf<typeof renderPdf>, caller: Caller | null, correlationId: string): Promise<RenderedDocumentDto> {
    return this.pdf.track(() => this.renderNow(request, caller, correlationId));
  }

  private async renderNow(
    request: ParsedRequestOf<typeof renderPdf>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<RenderedDocumentDto> {
    const em = this.uow.fork();
    // The same idempotency key returns the same document (a caller's retry after a timeout renders nothing twice).
    if (request.idempotencyKey) {
      const existing = await em.findOne(RenderedDocument, { idempotencyKey: request.idempotencyKey });
      if (existing) return this.toDto(existing);
    }
    if (request.supersedes) await this.findByIdOrReference(em, request.supersedes);
    const template = await this.templates.forRender(em, request.templateKey, request.templateVersion);
    const issuedAt = this.clock.now();
    const reference = documentReference(request.templateKey, issuedAt);
    const locale = request.locale;
    let result: RenderResult;
    try {
      result = await this.pdf.render({
        template: template.toTemplate(),
        locale,
        data: request.data,
        reference,
        verifyUrl: buildVerifyUrl(this.config.PUBLIC_BASE_URL, reference),
        metadata: {
          title: request.title,
          author: this.config.DOCUMENTS_PDF_AUTHOR,
          subject: template.title[locale],
          language: locale === 'fr' ? 'fr-LU' : 'en',
          keywords: [reference, request.templateKey],
          creationDate: issuedAt,
        },
      });
    } catch (error) {
      throw toDomainError(error);
    }
    const stored = await this.attachments.put({
      data: result.pdf,
      fileName: `${reference}.pdf`,
      vendorId: request.vendorId,
      uploadedBy: 'documents',
      purpose: request.templateKey,
      contentType: 'application/pdf',
    });
    try {
      return await this.uow.run(async (tx) => {
        const document = Object.assign(new RenderedDocument(), {
          reference,
          caseId: request.caseId,
          vendorId: request.vendorId,
          title: request.title,
          templateKey: request.templateKey,
          templateVersion: template.version,
          locale,
          attachmentId: stored.id,
          sha256: result.sha256,
          pages: result.pages,
          size: result.size,
          signedBy: result.signedBy,
          status: 'valid',
          data: request.data,
          idempotencyKey: request.idempotencyKey ?? null,
          createdAt: issuedAt,
        });
        tx.persist(document);
        this.events.record(
          tx,
          documentRendered,
          {
            documentId: document.id,
            reference,
            caseId: request.caseId,
            vendorId: request.vendorId,
            templateKey: request.templateKey,
            templateVersion: template.version,
          },
          { caseId: document.id, sequence: document.nextSequence(), correlationId },
        );
        if (request.supersedes) {
          const old = await this.findByIdOrReference(tx, request.supersedes);
          // Only a valid document is replaced; a withdrawn one stays withdrawn.
          if (old.status === 'valid') {
            old.supersede(document.id, issuedAt);
            this.events.record(
              tx,
              documentSuperseded,
              {
                documentId: old.id,
                reference: old.reference,
                caseId: old.caseId,
                vendorId: old.vendorId,
                templateKey: old.templateKey,
                supersededBy: document.id,
              },
              { caseId: old.id, sequence: old.nextSequence(), correlationId },
            );
          }
        }
        return this.toDto(document);
      });
    } catch (error) {
      // Two identical requests raced: the first one stored wins, the second answers with it.
      if (request.idempotencyKey && error instanceof DomainError && error.code === 'DUPLICATE') {
        const winner = await this.uow.fork().findOne(RenderedDocument, { idempotencyKey: request.idempotencyKey });
        if (winner) return this.toDto(winner);
      }
      throw error;
    }
  }

  async get(request: { documentId?: string; reference?: string }, caller: Caller | null) {
    const key = request.documentId ?? request.reference;
    if (!key) {
      throw new DomainError('VALIDATION_FAILED', 400, {
        fr: 'Indiquez documentId ou reference.',
        en: 'Give documentId or reference.',
      });
    }
    const document = await this.findByIdOrReference(this.uow.fork(), key);
    // A vendor only ever sees its own documents (404, not 403, for another vendor's).
    if (caller && !isOperator(caller) && (!caller.vendorId || document.vendorId !== caller.vendorId)) throw documentNotFound(key);
    return {
      ...this.toDto(document),
      caseId: document.caseId,
      vendorId: document.vendorId,
      title: document.title,
      createdAt: document.createdAt.toISOString(),
    };
  }

  async withdraw(documentId: string, reason: string, caller: Caller | null, correlationId: string): Promise<RenderedDocumentDto> {
    if (caller && !hasRole(caller, 'aes', 'admin')) {
      throw new DomainError('FORBIDDEN', 403, {
        fr: 'Seuls AeS et un administrateur peuvent retirer un document.',
        en: 'Only AeS and an administrator can withdraw a document.',
      });
    }
    return this.uow.run(async (em) => {
      const document = await em.findOne(RenderedDocument, { id: documentId });
      if (!document) throw documentNotFound(documentId);
      document.withdraw(reason, caller?.userId ?? 'system', this.clock.now());
      this.events.record(
        em,
        documentWithdrawn,
        {
          documentId: document.id,
          reference: document.reference,
          caseId: document.caseId,
          vendorId: document.vendorId,
          templateKey: document.templateKey,
        },
        { caseId: document.id, sequence: document.nextSequence(), correlationId },
      );
      return this.toDto(document);
    });
  }

  // Public: status and fingerprint only (the title is printed on the document anyway), never the data.
  async verify(reference: string, sha256: string | undefined): Promise<DocumentVerification> {
    const document = await this.uow.fork().findOne(RenderedDocument, { reference });
    if (!document) throw documentNotFound(reference);
    return {
      reference: document.reference,
      status: document.status,
      valid: document.status === 'valid',
      withdrawn: document.status === 'withdrawn',
      title: document.title,
      issuedAt: document.createdAt.toISOString(),
      templateKey: document.templateKey,
      sha256: document.sha256,
      ...(sha256 ? { genuine: sha256.toLowerCase() === document.sha256 } : {}),
    };
  }

  private async findByIdOrReference(em: EntityManager, key: string): Promise<RenderedDocument> {
    const document = await em.findOne(RenderedDocument, UUID.test(key) ? { id: key } : { reference: key });
    if (!document) throw documentNotFound(key);
    return document;
  }

  private toDto(document: RenderedDocument): RenderedDocumentDto {
    return {
      documentId: document.id,
      reference: document.reference,
      attachmentId: document.attachmentId,
      sha256: document.sha256,
      pages: document.pages,
      size: document.size,
      templateKey: document.templateKey,
      templateVersion: document.templateVersion,
      locale: document.locale,
      verifyUrl: buildVerifyUrl(this.config.PUBLIC_BASE_URL, document.reference),
      status: document.status,
    };
  }
}
