import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  decodeCursor,
  documentationPublished,
  encodeCursor,
  hasRole,
  isOperator,
  type Caller,
  type DocumentationSetDto,
  type Page,
  type ParsedRequestOf,
  type downloadDocumentation,
  type listDocumentation,
  type listDocumentationDownloads,
  type publishDocumentation,
} from '@sons/contracts';
import { EventRecorder, SystemClock, UnitOfWork } from '@sons/platform';
import type { EntityManager } from '@mikro-orm/sql';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { requireCaller } from '../enrolment/enrolment-access.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { DOCUMENTATION_STATUSES } from '../enrolment/enrolment-status.js';
import { DocumentationDownload } from './documentation-download.entity.js';
import { DocumentationSet, type DocumentationFile } from './documentation-set.entity.js';
import { vendorNamesOf } from '../vendor/vendor-names.js';

const toDto = (s: DocumentationSet): DocumentationSetDto => ({
  documentationSetId: s.id,
  versionLabel: s.versionLabel,
  title: s.title,
  notes: s.notes ?? null,
  files: s.files,
  publishedAt: s.publishedAt.toISOString(),
  publishedBy: s.publishedBy,
});

const operatorsOnly = (what: { fr: string; en: string }) => new DomainError('ROLE_NOT_ALLOWED', 403, what);

// Technical documentation (PROCESS.md Phase 1 step 3): confidential to each vendor under its NDA. Operators publish
// versioned sets; a vendor downloads once AeS countersigned its NDA and the documentation was shared with it; every
// download is logged (user, vendor, time) before the file is served.
@Injectable()
export class DocumentationService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(AttachmentRefs) private readonly attachments: AttachmentRefs,
  ) {}

  async publish(
    request: ParsedRequestOf<typeof publishDocumentation>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<DocumentationSetDto> {
    const who = requireCaller(caller);
    if (!hasRole(who, 'incert', 'aes')) {
      throw operatorsOnly({
        fr: 'La documentation technique est publiée par INCERT ou AeS.',
        en: 'The technical documentation is published by INCERT or AeS.',
      });
    }
    const files: DocumentationFile[] = [];
    for (const [i, id] of [...new Set(request.attachmentIds)].entries()) {
      const meta = await this.attachments.require(id, who, { field: `attachmentIds[${i}]`, purpose: 'documentation' });
      files.push({
        attachmentId: meta.id,
        fileName: meta.fileName,
        contentType: meta.contentType,
        size: meta.size,
        sha256: meta.sha256,
      });
    }
    return this.uow.run(async (em) => {
      const existing = await em.findOne(DocumentationSet, { versionLabel: request.versionLabel });
      if (existing) {
        throw new DomainError(
          'DOCUMENTATION_VERSION_EXISTS',
          409,
          {
            fr: `La version « ${request.versionLabel} » de la documentation est déjà publiée : une version publiée ne change plus, publiez-en une nouvelle.`,
            en: `Version "${request.versionLabel}" of the documentation is already published: a published version never changes, publish a new one.`,
          },
          { meta: { existingDocumentationSetId: existing.id } },
        );
      }
      const set = Object.assign(new DocumentationSet(), {
        versionLabel: request.versionLabel,
        title: request.title,
        notes: request.notes ?? null,
        files,
        publishedAt: this.clock.now(),
        publishedBy: who.userId,
      });
      em.persist(set);
      this.events.record(
        em,
        documentationPublished,
        { documentationSetId: set.id, versionLabel: set.versionLabel, attachmentCount: files.length },
        { caseId: set.id, sequence: 1, correlationId },
      );
      return toDto(set);
    });
  }

  // Operators always; a vendor only once its NDA is countersigned and the documentation was shared with it.
  private async entitlement(em: EntityManager, caller: Caller): Promise<Enrolment | null> {
    if (isOperator(caller)) return null;
    const enrolment = caller.vendorId ? await em.findOne(Enrolment, { vendorId: caller.vendorId }) : null;
    if (!enrolment) {
      throw new DomainError('DOCUMENTATION_NOT_AVAILABLE', 403, {
        fr: 'La documentation technique est réservée aux industriels enrôlés dont le NDA est contresigné.',
        en: 'The technical documentation is reserved for enrolled vendors whose NDA is countersigned.',
      });
    }
    if (!enrolment.ndaCountersignedAt) {
      throw new DomainError(
        'DOCUMENTATION_NOT_AVAILABLE',
        403,
        {
          fr: 'La documentation technique est confidentielle : elle n’est accessible qu’une fois votre NDA contresigné par AeS.',
          en: 'The technical documentation is confidential: it is available only once AeS has countersigned your NDA.',
        },
        { meta: { rule: 'nda_countersigned', status: enrolment.status } },
      );
    }
    if (!DOCUMENTATION_STATUSES.includes(enrolment.status)) {
      throw new DomainError(
        'DOCUMENTATION_NOT_AVAILABLE',
        403,
        {
          fr: 'Votre NDA est contresigné ; la documentation technique vous sera partagée par INCERT ou AeS.',
          en: 'Your NDA is countersigned; INCERT or AeS will share the technical documentation with you.',
        },
        { meta: { rule: 'documentation_shared', status: enrolment.status } },
      );
    }
    return enrolment;
  }

  async list(query: ParsedRequestOf<typeof listDocumentation>, caller: Caller | null): Promise<Page<DocumentationSetDto>> {
    const who = requireCaller(caller);
    const em = this.uow.fork();
    await this.entitlement(em, who);
    const cursor = decodeCursor(query.cursor);
    const where = cursor
      ? {
          $or: [
            { publishedAt: { $lt: new Date(String(cursor[0])) } },
            { publishedAt: new Date(String(cursor[0])), id: { $lt: String(cursor[1]) } },
          ],
        }
      : {};
    const rows = await em.find(DocumentationSet, where, { orderBy: { publishedAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.publishedAt.toISOString(), last.id]) : null,
    };
  }

  // Checks the right and writes the log row in one transaction; the gateway streams the file only after this answers.
  async download(request: ParsedRequestOf<typeof downloadDocumentation>, caller: Caller | null) {
    const who = requireCaller(caller);
    return this.uow.run(async (em) => {
      const enrolment = await this.entitlement(em, who);
      const set = await em.findOne(DocumentationSet, { id: request.documentationSetId });
      const file = set?.files.find((f) => f.attachmentId === request.attachmentId);
      if (!set || !file) {
        throw new DomainError('DOCUMENTATION_NOT_FOUND', 404, {
          fr: 'Ce document de la documentation technique est introuvable.',
          en: 'This technical documentation file was not found.',
        });
      }
      const download = Object.assign(new DocumentationDownload(), {
        documentationSetId: set.id,
        versionLabel: set.versionLabel,
        attachmentId: file.attachmentId,
        fileName: file.fileName,
        vendorId: enrolment?.vendorId ?? null,
        enrolmentId: enrolment?.id ?? null,
        userId: who.userId,
        userEmail: who.email ?? null,
        downloadedAt: this.clock.now(),
      });
      em.persist(download);
      return { downloadId: download.id, documentationSetId: set.id, attachmentId: file.attachmentId, fileName: file.fileName };
    });
  }

  async downloads(query: ParsedRequestOf<typeof listDocumentationDownloads>, caller: Caller | null) {
    const who = requireCaller(caller);
    if (!isOperator(who))
      throw operatorsOnly({
        fr: 'Le journal des téléchargements est réservé aux opérateurs.',
        en: 'The download log is for operators only.',
      });
    const where: Record<string, unknown> = {};
    if (query.vendorId) where.vendorId = query.vendorId;
    if (query.documentationSetId) where.documentationSetId = query.documentationSetId;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ downloadedAt: { $lt: new Date(at) } }, { downloadedAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await this.uow
      .fork()
      .find(DocumentationDownload, where, { orderBy: { downloadedAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const names = await vendorNamesOf(
      this.uow.fork(),
      items.flatMap((d) => (d.vendorId ? [d.vendorId] : [])),
    );
    return {
      items: items.map((d) => ({
        downloadId: d.id,
        documentationSetId: d.documentationSetId,
        versionLabel: d.versionLabel,
        attachmentId: d.attachmentId,
        fileName: d.fileName,
        vendorId: d.vendorId ?? null,
        vendorName: (d.vendorId && names.get(d.vendorId)) || null,
        enrolmentId: d.enrolmentId ?? null,
        userId: d.userId,
        userEmail: d.userEmail ?? null,
        downloadedAt: d.downloadedAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.downloadedAt.toISOString(), last.id]) : null,
    };
  }
}
