import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  isOperator,
  type Caller,
  type LabellingRequestDetail,
  type ParsedRequestOf,
  type failLabellingTests,
  type flagEvidenceIncomplete,
  type listLabellingQueue,
  type listQueueDecisions,
  type passLabellingTests,
  type requestComplement,
  type resumeLabellingReview,
  type takeLabellingRequest,
} from '@sons/contracts';
import { CONFIG, LOGGER, UnitOfWork, luxDate, type Logger } from '@sons/platform';
import type { LabellingConfig } from '../config.js';
import { DEFAULT_SIGNATORIES, testSuccessAttestationData } from '../documents/attestation-data.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { VendorDirectory } from '../vendors/vendor-directory.js';
import { assertExpectedVersion, assertMayAct, requireCaller, requireRoles } from './label-request-access.js';
import { LabelRequestDocument } from './label-request-document.entity.js';
import { LabelRequest } from './label-request.entity.js';
import { LabelRequestService } from './label-request.service.js';
import { QueueDecision } from './queue-decision.entity.js';

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';
const MAX_ATTEMPTS = 8;

// INCERT's side (PROCESS.md Phase 2.2–2.5): the FIFO review queue, complements, the test verdict.
@Injectable()
export class ReviewService {
  constructor(
    @Inject(LabelRequestService) private readonly requests: LabelRequestService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(DocumentRenderer) private readonly renderer: DocumentRenderer,
    @Inject(VendorDirectory) private readonly vendors: VendorDirectory,
    @Inject(CONFIG) private readonly config: LabellingConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  // Requests are taken only once the calendar's start of labelling request processing has come, when it is set.
  private requireProcessingStarted(): void {
    if (this.requests.programme.date('labellingProcessingStarts')) {
      this.requests.programme.requireReached('labellingProcessingStarts', {
        fr: 'Le traitement des demandes de labélisation',
        en: 'Processing labelling requests',
      });
    }
  }

  // Optimistic lock + retry: a concurrent taker changed the row first (its version moved), so we look again.
  private async retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const lostRace =
          error instanceof DomainError && error.code === 'CONCURRENT_UPDATE' && error.body.meta?.expectedVersion === undefined;
        if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
        this.log.info({ attempt }, 'another operator took the same request first; looking again');
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private head(em: EntityManager): Promise<LabelRequest | null> {
    return em.findOne(LabelRequest, { status: 'queued' }, { orderBy: { queuedAt: 'asc', id: 'asc' } });
  }

  private countAhead(em: EntityManager, queuedAt: Date, id: string, inclusive = false): Promise<number> {
    return em.count(LabelRequest, {
      status: 'queued',
      $or: [{ queuedAt: { $lt: queuedAt } }, { queuedAt, id: inclusive ? { $lte: id } : { $lt: id } }],
    });
  }

  // « Next »: the head of the queue, atomically — the move is a versioned update that must touch the row it read;
  // two operators at once get two different requests.
  next(caller: Caller | null, correlationId: string): Promise<LabellingRequestDetail> {
    const who = requireRoles(caller, ['incert']);
    this.requireProcessingStarted();
    return this.retryOnConflict(() =>
      this.uow.run(async (em) => {
        const head = await this.head(em);
        if (!head) {
          throw new DomainError('QUEUE_EMPTY', 404, {
            fr: 'La file d’attente est vide : aucune demande complète n’attend d’examen.',
            en: 'The queue is empty: no complete request is waiting for review.',
          });
        }
        const previous = head.startReview(who.userId, this.requests.now());
        this.requests.record(em, head, previous, correlationId, { assigneeId: who.userId, outOfOrder: false });
        await em.flush();
        return this.requests.detail(em, head, caller);
      }),
    );
  }

  // Taking a given request: if it is not the head of the queue, the operator's reason is required and recorded.
  take(
    request: ParsedRequestOf<typeof takeLabellingRequest>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    this.requireProcessingStarted();
    return this.retryOnConflict(() =>
      this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
        const who = assertMayAct(caller, labelRequest, 'take');
        assertExpectedVersion(labelRequest, request.expectedVersion);
        const head = await this.head(em);
        const outOfOrder = Boolean(head && head.id !== labelRequest.id);
        if (outOfOrder && head) {
          const position = (await this.countAhead(em, labelRequest.queuedAt!, labelRequest.id)) + 1;
          if (!request.reason) {
            throw new DomainError(
              'OUT_OF_ORDER_REASON_REQUIRED',
              422,
              {
                fr: `Cette demande est en position ${position} de la file (la première est ${head.reference}) : les demandes sont examinées dans l’ordre où leurs preuves sont devenues complètes. Pour la prendre avant, indiquez la raison (elle est enregistrée).`,
                en: `This request is at position ${position} in the queue (the first is ${head.reference}): requests are reviewed in the order their evidence became complete. To take it first, give the reason (it is recorded).`,
              },
              {
                meta: { position, headRequestId: head.id, headReference: head.reference },
                // Said at the reason field, where the operator types it.
                errors: [
                  {
                    path: 'reason',
                    rule: 'required_out_of_order',
                    message: {
                      fr: `Obligatoire pour prendre une demande en position ${position} avant ${head.reference} (tête de file).`,
                      en: `Required to take a request at position ${position} before ${head.reference} (head of the queue).`,
                    },
                  },
                ],
              },
            );
          }
          em.persist(
            Object.assign(new QueueDecision(), {
              requestId: labelRequest.id,
              headRequestId: head.id,
              position,
              operatorId: who.userId,
              reason: request.reason,
              decidedAt: this.requests.now(),
            }),
          );
        }
        const previous = labelRequest.startReview(who.userId, this.requests.now());
        this.requests.record(em, labelRequest, previous, correlationId, { assigneeId: who.userId, outOfOrder });
      }),
    );
  }

  async queue(query: ParsedRequestOf<typeof listLabellingQueue>, caller: Caller | null) {
    const who = requireCaller(caller);
    const em = this.uow.fork();
    const queued = await em.count(LabelRequest, { status: 'queued' });
    const where: Record<string, unknown> = { status: 'queued' };
    if (!isOperator(who)) where.vendorId = who.vendorId ?? NO_VENDOR;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ queuedAt: { $gt: new Date(at) } }, { queuedAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await em.find(LabelRequest, where, { orderBy: { queuedAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const items = [];
    for (const [i, r] of page.entries()) {
      // Operators page through the whole queue (positions follow); a vendor's own requests each get their position.
      const position: number =
        isOperator(who) && i > 0 ? items[i - 1].position + 1 : (await this.countAhead(em, r.queuedAt!, r.id)) + 1;
      items.push({
        position,
        labelRequestId: r.id,
        reference: r.reference,
        vendorId: r.vendorId,
        vendorName: r.vendorName,
        softwareName: r.softwareName,
        version: r.version,
        kind: r.kind,
        iteration: r.iteration,
        queuedAt: r.queuedAt!.toISOString(),
      });
    }
    const last = page.at(-1);
    return {
      items,
      queued,
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.queuedAt!.toISOString(), last.id]) : null,
    };
  }

  async decisions(query: ParsedRequestOf<typeof listQueueDecisions>, caller: Caller | null) {
    requireRoles(caller, ['incert', 'aes', 'readonly', 'admin']);
    const em = this.uow.fork();
    const where: Record<string, unknown> = {};
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ decidedAt: { $lt: new Date(at) } }, { decidedAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await em.find(QueueDecision, where, { orderBy: { decidedAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((d) => ({
        decisionId: d.id,
        labelRequestId: d.requestId,
        headRequestId: d.headRequestId,
        position: d.position,
        operatorId: d.operatorId,
        reason: d.reason,
        decidedAt: d.decidedAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.decidedAt.toISOString(), last.id]) : null,
    };
  }

  flagIncomplete(
    request: ParsedRequestOf<typeof flagEvidenceIncomplete>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      const who = assertMayAct(caller, labelRequest, 'flag_incomplete');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      this.requests.message(em, labelRequest, who, 'incomplete_notice', request.message, { checklist: request.checklist });
      const previous = labelRequest.markIncomplete(this.requests.now());
      this.requests.record(em, labelRequest, previous, correlationId, { missingRequirementIds: request.checklist });
    });
  }

  // After the calendar's complementDeadline, a new complement request cannot be opened (PROCESS.md Phase 2.3).
  requestComplement(
    request: ParsedRequestOf<typeof requestComplement>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      const who = assertMayAct(caller, labelRequest, 'request_complement');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      this.requests.programme.requireBefore('complementDeadline', {
        fr: 'Une nouvelle demande de compléments',
        en: 'A new complement request',
      });
      this.requests.message(em, labelRequest, who, 'complement_request', request.message, { checklist: request.checklist });
      const previous = labelRequest.requestComplement(this.requests.now());
      this.requests.record(em, labelRequest, previous, correlationId, {
        dueBefore: this.requests.programme.date('complementDeadline')?.toISOString() ?? null,
      });
    });
  }

  resume(
    request: ParsedRequestOf<typeof resumeLabellingReview>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      const who = assertMayAct(caller, labelRequest, 'resume_review');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      const previous = labelRequest.resumeReview(who.userId, this.requests.now());
      this.requests.record(em, labelRequest, previous, correlationId, { assigneeId: who.userId, outOfOrder: false });
    });
  }

  async fail(
    request: ParsedRequestOf<typeof failLabellingTests>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const who = requireRoles(caller, ['incert']);
    const files = await this.requests.attachments.requireAll(request.attachmentIds, who, 'attachmentIds');
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'fail_tests');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      this.requests.message(em, labelRequest, who, 'test_results', request.results, { checklist: request.checklist, files });
      const previous = labelRequest.failTests(this.requests.now());
      this.requests.record(em, labelRequest, previous, correlationId);
    });
  }

  // Success (PROCESS.md Phase 2.5): the « attestation de réussite des tests » is rendered first (idempotent per
  // request, iteration and template), then the transition commits with the document linked — or nothing changes.
  async pass(
    request: ParsedRequestOf<typeof passLabellingTests>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const em0 = this.uow.fork();
    const current = await this.requests.load(em0, request.labelRequestId, caller);
    const who = assertMayAct(caller, current, 'pass_tests');
    assertExpectedVersion(current, request.expectedVersion);
    const vendor = await this.vendors.get(current.vendorId, correlationId);
    const today = luxDate(this.requests.now());
    const templateKey = 'test-success-attestation';
    const rendered = await this.renderer.render(
      {
        templateKey,
        locale: request.locale,
        caseId: current.id,
        vendorId: current.vendorId,
        title: `${request.locale === 'en' ? 'Test success attestation' : 'Attestation de réussite des tests'} — ${current.softwareName} ${current.version}`,
        idempotencyKey: `${current.id}:${current.iteration}:${templateKey}`,
        data: testSuccessAttestationData({
          vendor,
          softwareName: current.softwareName,
          version: current.version,
          reclVersion: current.reclVersion ?? '—',
          caseReference: current.reference,
          locale: request.locale,
          integrationMode: current.integrationMode,
          testsPassedOn: today,
          issuedOn: today,
          signatories: this.config.LABELLING_SIGNATORIES ?? DEFAULT_SIGNATORIES,
        }),
      },
      correlationId,
    );
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'pass_tests');
      // Nothing may have changed while the document was rendered.
      assertExpectedVersion(labelRequest, current.rowVersion);
      const now = this.requests.now();
      em.persist(
        Object.assign(new LabelRequestDocument(), {
          requestId: labelRequest.id,
          iteration: labelRequest.iteration,
          kind: 'test_success_attestation',
          documentId: rendered.documentId,
          reference: rendered.reference,
          attachmentId: rendered.attachmentId,
          sha256: rendered.sha256,
          verifyUrl: rendered.verifyUrl,
          createdBy: who.userId,
          createdAt: now,
        }),
      );
      if (request.note) this.requests.message(em, labelRequest, who, 'note', request.note);
      const previous = labelRequest.passTests(now);
      this.requests.record(em, labelRequest, previous, correlationId, {
        attestationDocumentId: rendered.documentId,
        attestationReference: rendered.reference,
      });
    });
  }
}
