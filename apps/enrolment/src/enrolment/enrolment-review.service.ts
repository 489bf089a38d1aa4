import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  enrolmentAssigned,
  type Caller,
  type EnrolmentDetail,
  type ParsedRequestOf,
  type answerEnrolmentInformation,
  type assignEnrolment,
  type countersignNda,
  type getNdaFile,
  type rejectEnrolment,
  type requestEnrolmentInformation,
  type shareDocumentation,
  type validateEnrolment,
} from '@sons/contracts';
import { EventRecorder, SystemClock } from '@sons/platform';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { DocumentationSet } from '../documentation/documentation-set.entity.js';
import { Vendor } from '../vendor/vendor.entity.js';
import { assertExpectedVersion, assertMayAct, authorRoleOf, isVendorOf } from './enrolment-access.js';
import { EnrolmentMessage, type EnrolmentMessageKind } from './enrolment-message.entity.js';
import type { Enrolment } from './enrolment.entity.js';
import { EnrolmentService } from './enrolment.service.js';
import { DOCUMENTATION_STATUSES } from './enrolment-status.js';

// Phase 1 steps 2–3: INCERT reviews (takes the case, asks for more, validates, rejects), AeS countersigns the NDA,
// INCERT or AeS shares the documentation.
@Injectable()
export class EnrolmentReviewService {
  constructor(
    @Inject(EnrolmentService) private readonly cases: EnrolmentService,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(AttachmentRefs) private readonly attachments: AttachmentRefs,
  ) {}

  private message(
    em: EntityManager,
    enrolment: Enrolment,
    caller: Caller,
    kind: EnrolmentMessageKind,
    body: string,
    attachmentIds: string[] = [],
  ): void {
    em.persist(
      Object.assign(new EnrolmentMessage(), {
        enrolmentId: enrolment.id,
        kind,
        authorId: caller.userId,
        authorRole: authorRoleOf(caller),
        body,
        attachmentIds,
        createdAt: this.clock.now(),
      }),
    );
  }

  // "Assign to me": a submitted case moves to under review; a case already in review changes hands.
  assign(
    request: ParsedRequestOf<typeof assignEnrolment>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      const who = assertMayAct(caller, enrolment, 'assign');
      assertExpectedVersion(enrolment, request.expectedVersion);
      if (enrolment.assigneeId === who.userId && enrolment.status !== 'submitted') return;
      enrolment.assigneeId = who.userId;
      enrolment.assigneeEmail = who.email ?? null;
      enrolment.assignedAt = this.clock.now();
      if (enrolment.status === 'submitted') {
        this.cases.transition(em, enrolment, 'under_review', correlationId);
        return;
      }
      enrolment.touch(this.clock.now());
      this.events.record(
        em,
        enrolmentAssigned,
        { enrolmentId: enrolment.id, vendorId: enrolment.vendorId, status: enrolment.status, assigneeId: who.userId },
        { caseId: enrolment.id, sequence: enrolment.nextSequence(), correlationId },
      );
    });
  }

  requestInformation(
    request: ParsedRequestOf<typeof requestEnrolmentInformation>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      const who = assertMayAct(caller, enrolment, 'request_information');
      assertExpectedVersion(enrolment, request.expectedVersion);
      this.message(em, enrolment, who, 'information_request', request.message);
      this.cases.transition(em, enrolment, 'information_requested', correlationId);
    });
  }

  // The vendor answers: a message, files, and what it can fix itself without a change request (a new signed NDA,
  // the name on it, the integration mode). The checklist is evaluated again; the case goes back to review.
  async answerInformation(
    request: ParsedRequestOf<typeof answerEnrolmentInformation>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    const current = await this.cases.get(request.enrolmentId, caller);
    const who = assertMayAct(caller, current, 'answer_information');
    for (const [i, id] of request.attachmentIds.entries())
      await this.attachments.require(id, who, { field: `attachmentIds[${i}]` });
    if (request.ndaAttachmentId)
      await this.attachments.require(request.ndaAttachmentId, who, { field: 'ndaAttachmentId', purpose: 'nda' });
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      assertMayAct(caller, enrolment, 'answer_information');
      assertExpectedVersion(enrolment, request.expectedVersion);
      const files = [...request.attachmentIds, ...(request.ndaAttachmentId ? [request.ndaAttachmentId] : [])];
      this.message(em, enrolment, who, 'information_answer', request.message, files);
      if (request.ndaAttachmentId) enrolment.ndaAttachmentId = request.ndaAttachmentId;
      if (request.ndaSignatoryCompany !== undefined) enrolment.ndaSignatoryCompany = request.ndaSignatoryCompany || null;
      if (request.integrationMode) {
        const vendor = await em.findOneOrFail(Vendor, { id: enrolment.vendorId });
        vendor.integrationMode = request.integrationMode;
        vendor.updatedAt = this.clock.now();
      }
      await this.cases.reevaluateForm1(em, enrolment);
      this.cases.transition(em, enrolment, 'under_review', correlationId);
    });
  }

  // INCERT validates only when no eligibility check fails; checks that need judgement are the operator's call.
  validate(
    request: ParsedRequestOf<typeof validateEnrolment>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      const who = assertMayAct(caller, enrolment, 'validate');
      assertExpectedVersion(enrolment, request.expectedVersion);
      // A case submitted before the checklist existed is evaluated now, never validated unchecked.
      if (!enrolment.eligibility) await this.cases.reevaluateForm1(em, enrolment);
      const failing = (enrolment.eligibility ?? []).filter((c) => c.outcome === 'fail');
      if (failing.length) {
        throw new DomainError(
          'ELIGIBILITY_NOT_MET',
          422,
          {
            fr: `Validation impossible : ${failing.length} critère(s) d’éligibilité non rempli(s). Demandez des informations à l’industriel ou rejetez la demande.`,
            en: `Cannot validate: ${failing.length} eligibility check(s) fail. Ask the vendor for information or reject the application.`,
          },
          { errors: failing.map((c) => ({ path: c.field ?? '$', rule: c.rule, message: c.reason })) },
        );
      }
      enrolment.validatedAt = this.clock.now();
      enrolment.validatedBy = who.userId;
      if (request.note) this.message(em, enrolment, who, 'validation_note', request.note);
      this.cases.transition(em, enrolment, 'validated_incert', correlationId);
    });
  }

  reject(
    request: ParsedRequestOf<typeof rejectEnrolment>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      const who = assertMayAct(caller, enrolment, 'reject');
      assertExpectedVersion(enrolment, request.expectedVersion);
      enrolment.rejectionReason = request.reason;
      enrolment.rejectedAt = this.clock.now();
      enrolment.rejectedBy = who.userId;
      this.message(em, enrolment, who, 'rejection', request.reason);
      this.cases.transition(em, enrolment, 'rejected', correlationId);
    });
  }

  // AeS countersigns: uploads the countersigned file, or marks the NDA countersigned (signed on paper).
  async countersignNda(
    request: ParsedRequestOf<typeof countersignNda>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    const current = await this.cases.get(request.enrolmentId, caller);
    const who = assertMayAct(caller, current, 'countersign_nda');
    if (request.countersignedAttachmentId) {
      await this.attachments.require(request.countersignedAttachmentId, who, {
        field: 'countersignedAttachmentId',
        purpose: 'nda',
      });
    }
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      assertMayAct(caller, enrolment, 'countersign_nda');
      assertExpectedVersion(enrolment, request.expectedVersion);
      if (!enrolment.ndaAttachmentId) {
        throw new DomainError('NDA_MISSING', 422, {
          fr: 'Le NDA signé par l’industriel manque : il ne peut pas être contresigné.',
          en: 'The NDA signed by the vendor is missing: it cannot be countersigned.',
        });
      }
      enrolment.ndaCountersignedAt = this.clock.now();
      enrolment.ndaCountersignedBy = who.userId;
      enrolment.ndaCountersignMode = request.countersignedAttachmentId ? 'uploaded' : 'marked';
      enrolment.ndaCountersignedAttachmentId = request.countersignedAttachmentId ?? null;
      this.cases.transition(em, enrolment, 'nda_countersigned', correlationId);
    });
  }

  // Phase 1 step 3: the vendor receives the countersigned NDA, Form 2 and the technical documentation.
  shareDocumentation(
    request: ParsedRequestOf<typeof shareDocumentation>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      assertMayAct(caller, enrolment, 'share_documentation');
      assertExpectedVersion(enrolment, request.expectedVersion);
      if ((await em.count(DocumentationSet, {})) === 0) {
        throw new DomainError('DOCUMENTATION_NOT_PUBLISHED', 422, {
          fr: 'Aucune documentation technique n’est publiée : publiez-en une version avant de la partager.',
          en: 'No technical documentation is published: publish a version before sharing it.',
        });
      }
      enrolment.documentationSharedAt = this.clock.now();
      this.cases.transition(em, enrolment, 'documentation_shared', correlationId);
    });
  }

  // The signed NDA (its vendor, operators) and the countersigned one (its vendor once countersigned, operators).
  async ndaFile(request: ParsedRequestOf<typeof getNdaFile>, caller: Caller | null) {
    const enrolment = await this.cases.get(request.enrolmentId, caller);
    const attachmentId = request.which === 'signed' ? enrolment.ndaAttachmentId : enrolment.ndaCountersignedAttachmentId;
    if (!attachmentId) {
      const marked = request.which === 'countersigned' && enrolment.ndaCountersignMode === 'marked';
      throw new DomainError(
        'NDA_FILE_NOT_AVAILABLE',
        404,
        marked
          ? {
              fr: 'Le NDA a été contresigné sur papier : AeS vous le remet directement.',
              en: 'The NDA was countersigned on paper: AeS hands it over directly.',
            }
          : request.which === 'countersigned'
            ? { fr: 'Le NDA n’est pas encore contresigné par AeS.', en: 'The NDA is not countersigned by AeS yet.' }
            : { fr: 'Aucun NDA signé n’a été déposé.', en: 'No signed NDA was uploaded.' },
      );
    }
    // The vendor reads its NDA only while it is its own case (checked by get) — and the countersigned one once shared.
    if (
      caller &&
      isVendorOf(caller, enrolment.vendorId) &&
      request.which === 'countersigned' &&
      !['nda_countersigned', ...DOCUMENTATION_STATUSES].includes(enrolment.status)
    ) {
      throw new DomainError('NDA_FILE_NOT_AVAILABLE', 404, {
        fr: 'Le NDA n’est pas encore contresigné par AeS.',
        en: 'The NDA is not countersigned by AeS yet.',
      });
    }
    return { enrolmentId: enrolment.id, which: request.which, attachmentId };
  }
}
