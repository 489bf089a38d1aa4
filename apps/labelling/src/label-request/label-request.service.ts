import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  form3DataSchema,
  isOperator,
  validationError,
  zodIssuesToFieldErrors,
  type Caller,
  type EvidenceItemInput,
  type Form3Data,
  type LabellingRequestDetail,
  type LabellingRequestSummary,
  type LabellingStatus,
  type Page,
  type ParsedRequestOf,
  type addLabellingEvidence,
  type answerComplement,
  type createLabellingRequest,
  type listLabellingRequests,
  type signAgreement,
  type submitLabellingRequest,
  type updateLabellingDraft,
} from '@sons/contracts';
import { EventRecorder, FormDefinitions, Programme, SystemClock, UnitOfWork } from '@sons/platform';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { Label } from '../label/label.entity.js';
import { LabelService } from '../label/label.service.js';
import { SoftwareService } from '../software/software.service.js';
import { VendorAccessService } from '../vendor-access/vendor-access.service.js';
import { VendorDirectory } from '../vendors/vendor-directory.js';
import { missingEvidence, type EvidenceLine, type Missing } from './evidence-completeness.js';
import { Evidence } from './evidence.entity.js';
import {
  assertCanRead,
  assertExpectedVersion,
  assertMayAct,
  authorRoleOf,
  requestNotFound,
  requireCaller,
  requireVendor,
} from './label-request-access.js';
import { LabelRequestDocument } from './label-request-document.entity.js';
import { LabelRequestMessage, type LabellingMessageKind } from './label-request-message.entity.js';
import { LABELLING_EVENT_FOR_STATUS } from './label-request-status.js';
import { toDetail, toSummary } from './label-request-view.js';
import { validatePinnedForm } from '@sons/forms';
import { LabelRequest, type DraftEvidence, type ProofFile } from './label-request.entity.js';

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

// The use cases of a labelling request on the vendor's side (Form 3, evidence, complements, the signed agreement),
// and what every other use case shares: loading with ownership, the guarded transition with its one event, the view.
@Injectable()
export class LabelRequestService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(Programme) readonly programme: Programme,
    @Inject(AttachmentRefs) readonly attachments: AttachmentRefs,
    @Inject(VendorAccessService) private readonly access: VendorAccessService,
    @Inject(VendorDirectory) private readonly vendors: VendorDirectory,
    @Inject(SoftwareService) private readonly software: SoftwareService,
    @Inject(LabelService) private readonly labels: LabelService,
    @Inject(FormDefinitions) private readonly forms: FormDefinitions,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  // --- shared -------------------------------------------------------------------------------------------------
  async load(em: EntityManager, labelRequestId: string, caller: Caller | null): Promise<LabelRequest> {
    const request = await em.findOne(LabelRequest, { id: labelRequestId });
    assertCanRead(request, caller);
    return request;
  }

  // One transaction: load with ownership, act, answer the request view (after the flush, with the new row version).
  act(
    labelRequestId: string,
    caller: Caller | null,
    work: (em: EntityManager, request: LabelRequest) => Promise<void>,
  ): Promise<LabellingRequestDetail> {
    return this.uow.run(async (em) => {
      const request = await this.load(em, labelRequestId, caller);
      await work(em, request);
      await em.flush();
      return this.detail(em, request, caller);
    });
  }

  // The guarded move (the entity's transition method, called by `move`) plus its one event in the outbox, in the
  // same transaction (STYLE.md §6).
  record(
    em: EntityManager,
    request: LabelRequest,
    previous: LabellingStatus | null,
    correlationId: string,
    extra: Record<string, unknown> = {},
  ): void {
    this.events.record(
      em,
      LABELLING_EVENT_FOR_STATUS[request.status],
      {
        labelRequestId: request.id,
        vendorId: request.vendorId,
        softwareId: request.softwareId,
        softwareName: request.softwareName,
        versionId: request.versionId,
        version: request.version,
        kind: request.kind,
        iteration: request.iteration,
        status: request.status,
        previousStatus: previous,
        ...extra,
      },
      { caseId: request.id, sequence: request.nextSequence(), correlationId },
    );
  }

  message(
    em: EntityManager,
    request: LabelRequest,
    caller: Caller,
    kind: LabellingMessageKind,
    body: string,
    extra: { checklist?: string[]; files?: ProofFile[] } = {},
  ): void {
    em.persist(
      Object.assign(new LabelRequestMessage(), {
        requestId: request.id,
        iteration: request.iteration,
        kind,
        authorId: caller.userId,
        authorRole: authorRoleOf(caller),
        body,
        checklist: extra.checklist ?? [],
        files: extra.files ?? [],
        createdAt: this.now(),
      }),
    );
  }

  async reclRequirementIds(em: EntityManager): Promise<string[] | null> {
    const recl = await this.labels.currentRecl(em);
    return recl ? recl.requirements.map((r) => r.id) : null;
  }

  async missingFor(em: EntityManager, request: LabelRequest): Promise<Missing[]> {
    const lines =
      request.status === 'draft'
        ? (request.draftEvidence ?? [])
        : await em.find(Evidence, { requestId: request.id, iteration: request.iteration }, { orderBy: { position: 'asc' } });
    return missingEvidence(lines, await this.reclRequirementIds(em));
  }

  // FIFO position: complete requests ordered by (queuedAt, id); only a count of the others is ever shown.
  async queuePosition(em: EntityManager, request: LabelRequest): Promise<{ position: number | null; queued: number } | null> {
    if (!['draft', 'submitted', 'evidence_incomplete', 'queued'].includes(request.status)) return null;
    const queued = await em.count(LabelRequest, { status: 'queued' });
    if (request.status !== 'queued' || !request.queuedAt) return { position: null, queued };
    const ahead = await em.count(LabelRequest, {
      status: 'queued',
      $or: [{ queuedAt: { $lt: request.queuedAt } }, { queuedAt: request.queuedAt, id: { $lt: request.id } }],
    });
    return { position: ahead + 1, queued };
  }

  async detail(em: EntityManager, request: LabelRequest, caller: Caller | null): Promise<LabellingRequestDetail> {
    const [evidence, messages, documents] = await Promise.all([
      em.find(Evidence, { requestId: request.id }, { orderBy: { iteration: 'asc', position: 'asc' }, limit: 1000 }),
      em.find(LabelRequestMessage, { requestId: request.id }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 500 }),
      em.find(LabelRequestDocument, { requestId: request.id }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 100 }),
    ]);
    const missing =
      request.status === 'draft' || request.status === 'evidence_incomplete' || request.status === 'submitted'
        ? await this.missingFor(em, request)
        : [];
    return toDetail(
      request,
      {
        evidence,
        messages,
        documents,
        missing,
        queue: await this.queuePosition(em, request),
        complementDeadline: this.programme.date('complementDeadline'),
      },
      caller,
    );
  }

  async view(labelRequestId: string, caller: Caller | null): Promise<LabellingRequestDetail> {
    const em = this.uow.fork();
    return this.detail(em, await this.load(em, labelRequestId, caller), caller);
  }

  async list(
    query: ParsedRequestOf<typeof listLabellingRequests>,
    caller: Caller | null,
  ): Promise<Page<LabellingRequestSummary>> {
    const who = requireCaller(caller);
    const em = this.uow.fork();
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (!isOperator(who)) where.vendorId = who.vendorId ?? NO_VENDOR;
    else if (query.vendorId) where.vendorId = query.vendorId;
    if (query.assignee === 'me') where.assigneeId = who.userId;
    if (query.assignee === 'none') where.assigneeId = null;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ createdAt: { $gt: new Date(at) } }, { createdAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await em.find(LabelRequest, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  // --- Form 3 ------------------------------------------------------------------------------------------------
  // Form 3 as filled with the definition version it is pinned to (when given), then the labelling contract.
  async parseForm3(raw: Record<string, unknown>, formVersion?: number): Promise<Form3Data> {
    const parsed = form3DataSchema.safeParse(await validatePinnedForm(this.forms, 'form3', formVersion, raw));
    if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
    return parsed.data;
  }

  // Each proof file must be one of the vendor's uploads; its SHA-256 is recorded with the evidence.
  async resolveEvidence(items: readonly EvidenceItemInput[], caller: Caller, field = 'evidence'): Promise<DraftEvidence[]> {
    const out: DraftEvidence[] = [];
    for (const [i, item] of items.entries()) {
      const ids = [...(item.proofAttachmentIds ?? []), ...(item.proofFiles ?? []).map((f) => f.attachmentId)];
      const files = await this.attachments.requireAll([...new Set(ids)], caller, `${field}[${i}].proofAttachmentIds`);
      out.push({
        requirementId: item.requirementId.trim(),
        result: item.result,
        justification: item.justification?.trim() || null,
        files,
      });
    }
    return out;
  }

  // The RECL version tested: the current published RECL when there is one (tests against an older one do not count).
  async reclVersionFor(em: EntityManager, declared: string | undefined): Promise<string | null> {
    const current = await this.labels.currentRecl(em);
    if (!current) return declared ?? null;
    if (declared && declared !== current.version) {
      throw validationError([
        {
          path: 'reclVersion',
          rule: 'currentRecl',
          message: {
            fr: `reclVersion : les tests doivent porter sur la version en vigueur du RECL (${current.version}), pas sur ${declared}.`,
            en: `reclVersion: the tests must be run against the RECL version in force (${current.version}), not ${declared}.`,
          },
        },
      ]);
    }
    return current.version;
  }

  async create(
    request: ParsedRequestOf<typeof createLabellingRequest>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const user = requireCaller(caller);
    if (isOperator(user)) requireVendor(user);
    // A user of no enrolled vendor has no test access either: that is the reason given.
    await this.access.requireForm3(user);
    const who = requireVendor(user);
    const data = await this.parseForm3(request.data, request.formVersion);
    const earlier = async () => {
      if (!request.idempotencyKey) return null;
      const em = this.uow.fork();
      const found = await em.findOne(LabelRequest, { idempotencyKey: request.idempotencyKey, vendorId: who.vendorId });
      return found ? this.detail(em, found, caller) : null;
    };
    const retried = await earlier();
    if (retried) return retried;
    if (request.submit) this.requireDeclaration(data.declaration === true);
    const evidence = await this.resolveEvidence(data.evidence, who);
    const vendor = await this.vendors.get(who.vendorId, correlationId);
    const created = this.uow.run(async (em) => {
      const { software, version } = await this.software.resolve(em, {
        vendorId: who.vendorId,
        vendorName: vendor.name,
        softwareName: data.softwareName,
        version: data.softwareVersion,
        by: who.userId,
      });
      const kind = await this.refuseLabelledOrOpen(
        em,
        version.id,
        version.labelId ?? null,
        `${software.name} ${version.version}`,
      );
      const now = this.now();
      const labelRequest = new LabelRequest();
      Object.assign(labelRequest, {
        reference: `LAB-${now.getUTCFullYear()}-${labelRequest.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`,
        vendorId: who.vendorId,
        vendorName: vendor.name,
        softwareId: software.id,
        softwareName: software.name,
        versionId: version.id,
        version: version.version,
        kind,
        integrationMode: data.integrationMode,
        reclVersion: await this.reclVersionFor(em, data.reclVersion),
        declaration: data.declaration === true,
        draftEvidence: evidence,
        idempotencyKey: request.idempotencyKey ?? null,
        createdBy: who.userId,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(labelRequest);
      this.record(em, labelRequest, null, correlationId);
      if (request.submit) await this.submitIteration(em, labelRequest, evidence, who, correlationId);
      await em.flush();
      return this.detail(em, labelRequest, caller);
    });
    // The same request sent twice at once: the later one meets what the first one committed (its idempotency key, or
    // its open request for this version) and answers with that request.
    return created.catch(async (error: unknown) => {
      const winner = error instanceof DomainError && error.status === 409 ? await earlier() : null;
      if (winner) return winner;
      throw error;
    });
  }

  // Refuses Form 3 for an already labelled version (label in force) or when a request for it is still open; a
  // version whose label needs a retest gets a retest request (PROCESS.md 2.7).
  private async refuseLabelledOrOpen(
    em: EntityManager,
    versionId: string,
    labelId: string | null,
    name: string,
  ): Promise<'initial' | 'retest'> {
    const label = labelId ? await em.findOne(Label, { id: labelId }) : null;
    if (label && label.status === 'labelled') {
      throw new DomainError(
        'VERSION_ALREADY_LABELLED',
        409,
        {
          fr: `${name} est déjà labélisée (label ${label.labelNumber}${label.versionId !== versionId ? `, étendu depuis la version ${label.version}` : ''}) : une nouvelle demande n’est possible que pour une autre version, ou après une mise à jour du RECL.`,
          en: `${name} is already labelled (label ${label.labelNumber}${label.versionId !== versionId ? `, extended from version ${label.version}` : ''}): a new request is only possible for another version, or after a RECL update.`,
        },
        { meta: { labelId: label.id, labelNumber: label.labelNumber } },
      );
    }
    const open = await em.findOne(LabelRequest, { versionId, status: { $ne: 'labelled' } });
    if (open) {
      throw new DomainError(
        'LABELLING_REQUEST_OPEN',
        409,
        {
          fr: `Une demande de labélisation est déjà ouverte pour ${name} (${open.reference}) : complétez-la ou, après des tests échoués, soumettez-y de nouvelles preuves.`,
          en: `A labelling request is already open for ${name} (${open.reference}): complete it or, after failed tests, submit new evidence on it.`,
        },
        { meta: { labelRequestId: open.id, reference: open.reference } },
      );
    }
    return label && label.status === 'retest_required' && label.versionId === versionId ? 'retest' : 'initial';
  }

  private requireDeclaration(declared: boolean): void {
    if (!declared) {
      throw validationError([
        {
          path: 'declaration',
          rule: 'required',
          message: {
            fr: 'declaration : certifiez que les tests de la documentation technique et du RECL ont été exécutés sur cette version.',
            en: 'declaration: certify that the tests of the technical documentation and of the RECL were run on this version.',
          },
        },
      ]);
    }
  }

  async updateDraft(
    request: ParsedRequestOf<typeof updateLabellingDraft>,
    caller: Caller | null,
  ): Promise<LabellingRequestDetail> {
    const who = requireVendor(caller);
    const data = await this.parseForm3(request.data, request.formVersion);
    const evidence = await this.resolveEvidence(data.evidence, who);
    return this.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'update_draft');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      this.requireSameVersion(labelRequest, data);
      labelRequest.integrationMode = data.integrationMode;
      labelRequest.reclVersion = await this.reclVersionFor(em, data.reclVersion);
      labelRequest.declaration = data.declaration === true;
      labelRequest.draftEvidence = evidence;
      labelRequest.updatedAt = this.now();
    });
  }

  private requireSameVersion(labelRequest: LabelRequest, data: Form3Data): void {
    const same = (a: string, b: string) =>
      a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!same(labelRequest.softwareName, data.softwareName) || !same(labelRequest.version, data.softwareVersion)) {
      throw validationError([
        {
          path: 'softwareVersion',
          rule: 'sameVersion',
          message: {
            fr: `Cette demande porte sur ${labelRequest.softwareName} ${labelRequest.version} : pour un autre logiciel ou une autre version, créez une nouvelle demande.`,
            en: `This request is for ${labelRequest.softwareName} ${labelRequest.version}: for another software or version, create a new request.`,
          },
        },
      ]);
    }
  }

  // draft | tests_failed → submitted, the iteration's evidence written (write-once rows with each file's SHA-256),
  // then → queued when complete (FIFO from now) or → evidence_incomplete. One event per transition.
  async submitIteration(
    em: EntityManager,
    labelRequest: LabelRequest,
    evidence: DraftEvidence[],
    caller: Caller,
    correlationId: string,
  ): Promise<void> {
    if (!labelRequest.reclVersion) {
      throw validationError([
        {
          path: 'reclVersion',
          rule: 'required',
          message: {
            fr: 'reclVersion : indiquez la version du RECL sur laquelle les tests ont porté.',
            en: 'reclVersion: give the RECL version the tests were run against.',
          },
        },
      ]);
    }
    const now = this.now();
    const previous = labelRequest.submit(now);
    this.record(em, labelRequest, previous, correlationId);
    labelRequest.draftEvidence = null;
    for (const [position, line] of evidence.entries()) {
      em.persist(
        Object.assign(new Evidence(), {
          requestId: labelRequest.id,
          iteration: labelRequest.iteration,
          position,
          ...line,
          addedAt: now,
          addedBy: caller.userId,
        }),
      );
    }
    await this.checkCompleteness(em, labelRequest, evidence, correlationId);
  }

  private async checkCompleteness(
    em: EntityManager,
    labelRequest: LabelRequest,
    lines: readonly EvidenceLine[],
    correlationId: string,
  ): Promise<void> {
    const missing = missingEvidence(lines, await this.reclRequirementIds(em));
    const now = this.now();
    if (missing.length) {
      if (labelRequest.status === 'evidence_incomplete') return;
      const previous = labelRequest.markIncomplete(now);
      this.record(em, labelRequest, previous, correlationId, { missingRequirementIds: missing.map((m) => m.requirementId) });
    } else {
      const previous = labelRequest.enqueue(now);
      this.record(em, labelRequest, previous, correlationId, { queuedAt: now.toISOString() });
    }
  }

  async submit(
    request: ParsedRequestOf<typeof submitLabellingRequest>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const who = requireVendor(caller);
    const current = await this.load(this.uow.fork(), request.labelRequestId, caller);
    assertMayAct(caller, current, 'submit');
    await this.access.requireForm3(who);
    if (current.status === 'tests_failed') {
      // After the complement deadline no new iteration is accepted (PROCESS.md Phase 2.3).
      this.programme.requireBefore('complementDeadline', {
        fr: 'Une nouvelle itération de la demande (nouvelles preuves)',
        en: 'A new iteration of the request (new evidence)',
      });
      if (!request.data) {
        throw validationError([
          {
            path: 'data',
            rule: 'required',
            message: {
              fr: 'data : joignez le formulaire 3 avec les nouvelles preuves de test.',
              en: 'data: send Form 3 with the new test evidence.',
            },
          },
        ]);
      }
    }
    const data = request.data ? await this.parseForm3(request.data, request.formVersion) : null;
    if (data) this.requireDeclaration(data.declaration === true);
    const evidence = data ? await this.resolveEvidence(data.evidence, who) : null;
    return this.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'submit');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      if (data) {
        this.requireSameVersion(labelRequest, data);
        labelRequest.integrationMode = data.integrationMode;
        labelRequest.reclVersion = await this.reclVersionFor(em, data.reclVersion);
        labelRequest.declaration = true;
      } else {
        this.requireDeclaration(labelRequest.declaration);
        labelRequest.reclVersion = await this.reclVersionFor(em, labelRequest.reclVersion ?? undefined);
      }
      await this.submitIteration(em, labelRequest, evidence ?? labelRequest.draftEvidence ?? [], who, correlationId);
    });
  }

  async addEvidence(
    request: ParsedRequestOf<typeof addLabellingEvidence>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const who = requireVendor(caller);
    const evidence = await this.resolveEvidence(request.evidence, who);
    return this.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'add_evidence');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      const now = this.now();
      const before = await em.count(Evidence, { requestId: labelRequest.id, iteration: labelRequest.iteration });
      for (const [i, line] of evidence.entries()) {
        em.persist(
          Object.assign(new Evidence(), {
            requestId: labelRequest.id,
            iteration: labelRequest.iteration,
            position: before + i,
            ...line,
            addedAt: now,
            addedBy: who.userId,
          }),
        );
      }
      labelRequest.updatedAt = now;
      await em.flush();
      const lines = await em.find(
        Evidence,
        { requestId: labelRequest.id, iteration: labelRequest.iteration },
        { orderBy: { position: 'asc' } },
      );
      await this.checkCompleteness(em, labelRequest, lines, correlationId);
    });
  }

  // Complement answers are refused after the calendar's complementDeadline (PROCESS.md Phase 2.3).
  async answerComplement(
    request: ParsedRequestOf<typeof answerComplement>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const who = requireVendor(caller);
    const current = await this.load(this.uow.fork(), request.labelRequestId, caller);
    assertMayAct(caller, current, 'answer_complement');
    this.programme.requireBefore('complementDeadline', {
      fr: 'La réponse à une demande de compléments',
      en: 'Answering a complement request',
    });
    const files = await this.attachments.requireAll(request.attachmentIds, who, 'attachmentIds');
    return this.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'answer_complement');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      this.message(em, labelRequest, who, 'complement_answer', request.message, { files });
      const previous = labelRequest.answerComplement(this.now());
      this.record(em, labelRequest, previous, correlationId);
    });
  }

  async signAgreement(
    request: ParsedRequestOf<typeof signAgreement>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const who = requireVendor(caller);
    const file = await this.attachments.require(request.signedAttachmentId, who, 'signedAttachmentId');
    return this.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'sign_agreement');
      assertExpectedVersion(labelRequest, request.expectedVersion);
      const now = this.now();
      em.persist(
        Object.assign(new LabelRequestDocument(), {
          requestId: labelRequest.id,
          iteration: labelRequest.iteration,
          kind: 'signed_agreement',
          attachmentId: file.attachmentId,
          sha256: file.sha256,
          createdBy: who.userId,
          createdAt: now,
        }),
      );
      const previous = labelRequest.signAgreement(now);
      this.record(em, labelRequest, previous, correlationId);
    });
  }

  // A file of this request (evidence, message file, document) that the caller may download.
  async requestFile(
    labelRequestId: string,
    attachmentId: string,
    caller: Caller | null,
  ): Promise<{ labelRequestId: string; attachmentId: string; fileName: string }> {
    const em = this.uow.fork();
    const labelRequest = await this.load(em, labelRequestId, caller);
    const documents = await em.find(LabelRequestDocument, { requestId: labelRequest.id });
    const doc = documents.find((d) => d.attachmentId === attachmentId);
    if (doc) return { labelRequestId, attachmentId, fileName: `${doc.kind}-${labelRequest.reference}.pdf` };
    const files = [
      ...(await em.find(Evidence, { requestId: labelRequest.id })).flatMap((e) => e.files),
      ...(await em.find(LabelRequestMessage, { requestId: labelRequest.id })).flatMap((m) => m.files),
      ...(labelRequest.draftEvidence ?? []).flatMap((e) => e.files),
    ];
    const file = files.find((f) => f.attachmentId === attachmentId);
    if (!file) throw requestNotFound();
    return { labelRequestId, attachmentId, fileName: file.fileName };
  }
}
