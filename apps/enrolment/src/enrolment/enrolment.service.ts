import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  enrolmentSubmitted,
  form1DataSchema,
  isOperator,
  validationError,
  zodIssuesToFieldErrors,
  type Caller,
  type EnrolmentDetail,
  type EnrolmentStatus,
  type EnrolmentSummary,
  type Form1Data,
  type Page,
  type ParsedRequestOf,
  type listEnrolments,
  type submitEnrolment,
} from '@sons/contracts';
import { EventRecorder, FormDefinitions, Programme, SystemClock, UnitOfWork, luxDate } from '@sons/platform';
import { validatePinnedFormVersion } from '@sons/forms';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { evaluateForm1, hardFailures, mergeChecklist, toChecklist, type ProgrammeInput } from '../eligibility/evaluate.js';
import { VendorIdentityVersion } from '../vendor/vendor-identity-version.entity.js';
import { identityFromForm1, nameOf, type IdentityData } from '../vendor/vendor-identity.js';
import { Vendor } from '../vendor/vendor.entity.js';
import { assertCanRead } from './enrolment-access.js';
import { EnrolmentMessage } from './enrolment-message.entity.js';
import { Enrolment } from './enrolment.entity.js';
import { ENROLMENT_EVENT_FOR_STATUS } from './enrolment-status.js';
import { toDetail, toSummary } from './enrolment-view.js';

export { toSummary };

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class EnrolmentService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(Programme) private readonly programme: Programme,
    @Inject(AttachmentRefs) private readonly attachments: AttachmentRefs,
    @Inject(FormDefinitions) private readonly forms: FormDefinitions,
  ) {}

  parseForm1(raw: Record<string, unknown>): Form1Data {
    const parsed = form1DataSchema.safeParse(raw);
    if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
    return parsed.data;
  }

  programmeInput(): ProgrammeInput {
    return {
      eligibleCountries: this.programme.settings().eligibleCountries,
      vague1DirectAccessEnd: this.programme.date('vague1DirectAccessEnd'),
      now: this.clock.now(),
      formatDate: luxDate,
    };
  }

  // Eligibility 1–6 on Form 1: format rules refuse the submission (400 with the fields); the other verdicts are
  // recorded on the case as the operators' checklist.
  evaluateForm1(
    identity: IdentityData,
    extra: {
      ndaAttachmentId: string | null;
      ndaSignatoryCompany?: string | null;
      vague1Participant: boolean;
      existingProviderCode?: string | null;
      integrationMode: 'econnector_ng' | 'direct_access';
    },
  ) {
    return evaluateForm1(
      {
        identity: {
          ...identity,
          matricule: identity.matricule ?? '',
          iban: identity.iban ?? '',
          email: identity.email ?? '',
          countryOfEstablishment: identity.countryOfEstablishment ?? '',
        },
        enrolledName: nameOf(identity),
        ...extra,
      },
      this.programmeInput(),
    );
  }

  async submit(
    request: ParsedRequestOf<typeof submitEnrolment>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentSummary> {
    const pinned = await validatePinnedFormVersion(this.forms, 'form1', request.formVersion, request.data);
    const data = this.parseForm1(pinned.data);
    const identity = identityFromForm1(data);
    const ndaAttachmentId = data.ndaAttachmentId ?? data.ndaFile?.[0]?.attachmentId ?? null;
    const verdicts = this.evaluateForm1(identity, {
      ndaAttachmentId,
      ndaSignatoryCompany: data.ndaSignatoryCompany ?? null,
      vague1Participant: data.vague1Participant,
      existingProviderCode: data.existingProviderCode ?? null,
      integrationMode: data.integrationMode,
    });
    const hard = hardFailures(verdicts);
    if (hard.length) throw validationError(hard);
    if (ndaAttachmentId && caller)
      await this.attachments.require(ndaAttachmentId, caller, { field: 'ndaAttachmentId', purpose: 'nda' });
    const earlier = async (em: EntityManager) => {
      const found = request.idempotencyKey ? await em.findOne(Enrolment, { idempotencyKey: request.idempotencyKey }) : null;
      return found ? toSummary(found) : null;
    };
    const created = this.uow.run(async (em) => {
      const retried = await earlier(em);
      if (retried) return retried;
      if (caller?.vendorId) {
        throw new DomainError(
          'ALREADY_ENROLLED',
          409,
          {
            fr: 'Votre compte est déjà rattaché à un industriel enrôlé : une seule demande d’enrôlement par industriel. Pour modifier vos données, faites une demande de modification.',
            en: 'Your account already belongs to an enrolled vendor: one enrolment per vendor. To change your data, file a change request.',
          },
          { meta: { existingVendorId: caller.vendorId } },
        );
      }
      await this.refuseDuplicate(em, identity.matricule ?? '', identity.vatNumber);
      const now = this.clock.now();
      const vendor = Object.assign(new Vendor(), {
        personType: identity.personType,
        name: nameOf(identity),
        matricule: identity.matricule ?? '',
        vatNumber: identity.vatNumber,
        email: identity.email ?? '',
        locale: request.locale ?? 'fr',
        identity,
        identityVersion: 1,
        identityValidFrom: now,
        vague1Participant: data.vague1Participant,
        existingProviderCode: data.existingProviderCode?.replace(/[\s-]/g, '') || null,
        // A « Vague 1 » vendor keeps its existing provider code (Eligibility 4).
        providerCode: data.vague1Participant ? data.existingProviderCode?.replace(/[\s-]/g, '') || null : null,
        integrationMode: data.integrationMode,
        createdAt: now,
        updatedAt: now,
      });
      const enrolment = Object.assign(new Enrolment(), {
        vendorId: vendor.id,
        vendorName: vendor.name,
        personType: identity.personType,
        matricule: vendor.matricule,
        vatNumber: vendor.vatNumber ?? null,
        idempotencyKey: request.idempotencyKey ?? null,
        // Every field of the pinned form version (checked by Form.io against it), with the fields this service reads
        // normalised; without a version, only the fields the contract knows.
        data: { ...(pinned.version ? pinned.data : {}), ...data, iban: identity.iban },
        formVersion: pinned.version,
        ndaAttachmentId,
        ndaSignatoryCompany: data.ndaSignatoryCompany ?? null,
        eligibility: toChecklist(verdicts, 'form1', now),
        submittedAt: now,
        updatedAt: now,
      });
      vendor.enrolmentId = enrolment.id;
      em.persist([vendor, enrolment]);
      em.persist(
        Object.assign(new VendorIdentityVersion(), {
          vendorId: vendor.id,
          versionNo: 1,
          identity,
          validFrom: now,
          validTo: null,
          createdAt: now,
        }),
      );
      this.events.record(
        em,
        enrolmentSubmitted,
        { enrolmentId: enrolment.id, vendorId: enrolment.vendorId, status: enrolment.status, personType: enrolment.personType },
        { caseId: enrolment.id, sequence: enrolment.nextSequence(), correlationId },
      );
      return toSummary(enrolment);
    });
    // The same submission sent twice at once: the later one meets what the first one committed (its idempotency key,
    // or the vendor's matricule: DUPLICATE or DUPLICATE_ENROLMENT) and answers with that enrolment.
    return created.catch(async (error: unknown) => {
      const winner = error instanceof DomainError && error.status === 409 ? await earlier(this.uow.fork()) : null;
      if (winner) return winner;
      throw error;
    });
  }

  // Duplicate enrolment (same matricule or VAT number) → 409 pointing at the existing vendor.
  async refuseDuplicate(
    em: EntityManager,
    matricule: string,
    vatNumber: string | null | undefined,
    exceptVendorId?: string,
  ): Promise<void> {
    const or: Record<string, unknown>[] = [{ matricule }];
    if (vatNumber) or.push({ vatNumber });
    const existing = (await em.find(Vendor, { $or: or }, { limit: 2 })).find((v) => v.id !== exceptVendorId);
    const legacy = existing
      ? null
      : (await em.find(Enrolment, { $or: or }, { limit: 2 })).find((e) => e.vendorId !== exceptVendorId);
    const found = existing ?? legacy;
    if (!found) return;
    const field = found.matricule === matricule ? 'matricule' : 'vatNumber';
    const vendorId = found instanceof Vendor ? found.id : found.vendorId;
    const enrolmentId = found instanceof Vendor ? found.enrolmentId : found.id;
    throw new DomainError(
      'DUPLICATE_ENROLMENT',
      409,
      {
        fr: `Un industriel est déjà enrôlé avec ce ${field === 'matricule' ? 'matricule' : 'numéro de TVA'}. Connectez-vous au dossier existant ou demandez une modification des données.`,
        en: `A vendor is already enrolled with this ${field === 'matricule' ? 'matricule' : 'VAT number'}. Sign in to the existing case or request a data change.`,
      },
      { meta: { field, existingVendorId: vendorId, ...(enrolmentId ? { existingEnrolmentId: enrolmentId } : {}) } },
    );
  }

  async get(enrolmentId: string, caller: Caller | null): Promise<Enrolment> {
    const enrolment = await this.uow.fork().findOne(Enrolment, { id: enrolmentId });
    assertCanRead(enrolment, caller);
    return enrolment;
  }

  async vendorById(vendorId: string): Promise<Vendor> {
    return this.uow.fork().findOneOrFail(Vendor, { id: vendorId });
  }

  async view(enrolmentId: string, caller: Caller | null): Promise<EnrolmentDetail> {
    const em = this.uow.fork();
    const enrolment = await em.findOne(Enrolment, { id: enrolmentId });
    assertCanRead(enrolment, caller);
    return this.detail(em, enrolment, caller);
  }

  async detail(em: EntityManager, enrolment: Enrolment, caller: Caller | null): Promise<EnrolmentDetail> {
    const vendor = await em.findOne(Vendor, { id: enrolment.vendorId });
    const messages = await em.find(
      EnrolmentMessage,
      { enrolmentId: enrolment.id },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 200 },
    );
    return toDetail(enrolment, vendor, messages, caller);
  }

  // One transaction: load with ownership, act, answer the case view (after the flush, with the new version).
  async act(
    enrolmentId: string,
    caller: Caller | null,
    work: (em: EntityManager, enrolment: Enrolment) => Promise<void>,
  ): Promise<EnrolmentDetail> {
    return this.uow.run(async (em) => {
      const enrolment = await em.findOne(Enrolment, { id: enrolmentId });
      assertCanRead(enrolment, caller);
      await work(em, enrolment);
      await em.flush();
      return this.detail(em, enrolment, caller);
    });
  }

  // The guarded move plus its one event, staged in the outbox in the same transaction (STYLE.md §6).
  transition(em: EntityManager, enrolment: Enrolment, next: EnrolmentStatus, correlationId: string): void {
    const previous = enrolment.moveTo(next, this.clock.now());
    this.events.record(
      em,
      ENROLMENT_EVENT_FOR_STATUS[next],
      { enrolmentId: enrolment.id, vendorId: enrolment.vendorId, status: next, previousStatus: previous },
      { caseId: enrolment.id, sequence: enrolment.nextSequence(), correlationId },
    );
  }

  // Re-evaluates the Form 1 checklist on the vendor's current identity (after an answer or a change request).
  async reevaluateForm1(em: EntityManager, enrolment: Enrolment): Promise<void> {
    const vendor = await em.findOneOrFail(Vendor, { id: enrolment.vendorId });
    const verdicts = this.evaluateForm1(vendor.identity, {
      ndaAttachmentId: enrolment.ndaAttachmentId ?? null,
      ndaSignatoryCompany: enrolment.ndaSignatoryCompany ?? null,
      vague1Participant: vendor.vague1Participant,
      existingProviderCode: vendor.existingProviderCode ?? null,
      integrationMode: vendor.integrationMode,
    });
    enrolment.eligibility = mergeChecklist(
      enrolment.eligibility ?? [],
      'form1',
      toChecklist(verdicts, 'form1', this.clock.now()),
    );
  }

  async list(query: ParsedRequestOf<typeof listEnrolments>, caller: Caller | null): Promise<Page<EnrolmentSummary>> {
    const em = this.uow.fork();
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (caller && !isOperator(caller)) where.vendorId = caller.vendorId ?? NO_VENDOR;
    if (query.assignee === 'me') where.assigneeId = caller?.userId ?? NO_VENDOR;
    if (query.assignee === 'none') where.assigneeId = null;
    const submitted: Record<string, Date> = {};
    if (query.submittedFrom) submitted.$gte = new Date(query.submittedFrom);
    if (query.submittedTo) submitted.$lt = new Date(query.submittedTo);
    if (query.olderThanDays !== undefined) {
      const limit = new Date(this.clock.now().getTime() - query.olderThanDays * 86_400_000);
      submitted.$lte = submitted.$lte && submitted.$lte < limit ? submitted.$lte : limit;
    }
    const and: Record<string, unknown>[] = [];
    if (Object.keys(submitted).length) and.push({ submittedAt: submitted });
    if (cursor) {
      const [at, id] = cursor as [string, string];
      and.push({ $or: [{ submittedAt: { $gt: new Date(at) } }, { submittedAt: new Date(at), id: { $gt: id } }] });
    }
    if (and.length) where.$and = and;
    const rows = await em.find(Enrolment, where, { orderBy: { submittedAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.submittedAt.toISOString(), last.id]) : null,
    };
  }
}
