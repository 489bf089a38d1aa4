import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isValidIBAN, electronicFormatIBAN } from 'ibantools';
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
  type EnrolmentSummary,
  type Form1Data,
  type Page,
  type ParsedRequestOf,
  type listEnrolments,
  type submitEnrolment,
} from '@sons/contracts';
import { EventRecorder, SystemClock, UnitOfWork } from '@sons/platform';
import { Enrolment } from './enrolment.entity.js';

const vendorNameOf = (data: Form1Data): string =>
  data.personType === 'legal' ? data.companyName : `${data.firstName} ${data.lastName}`;

export const toSummary = (e: Enrolment): EnrolmentSummary => ({
  enrolmentId: e.id,
  vendorId: e.vendorId,
  vendorName: e.vendorName,
  status: e.status,
  submittedAt: e.submittedAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

@Injectable()
export class EnrolmentService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
  ) {}

  parseForm1(raw: Record<string, unknown>): Form1Data {
    const parsed = form1DataSchema.safeParse(raw);
    if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
    const data = parsed.data;
    const iban = electronicFormatIBAN(data.iban) ?? '';
    if (!isValidIBAN(iban)) {
      throw validationError([
        {
          path: 'iban',
          rule: 'iban',
          message: {
            fr: 'IBAN : la clé de contrôle ne correspond pas. Recopiez l’IBAN depuis un relevé bancaire (ex. LU28 0019 4006 4475 0000).',
            en: 'IBAN: the check digits do not match. Copy the IBAN from a bank statement (e.g. LU28 0019 4006 4475 0000).',
          },
        },
      ]);
    }
    return { ...data, iban };
  }

  async submit(request: ParsedRequestOf<typeof submitEnrolment>, caller: Caller | null, correlationId: string): Promise<EnrolmentSummary> {
    const data = this.parseForm1(request.data);
    return this.uow.run(async (em) => {
      if (request.idempotencyKey) {
        const earlier = await em.findOne(Enrolment, { idempotencyKey: request.idempotencyKey });
        if (earlier) return toSummary(earlier);
      }
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
      await this.refuseDuplicate(em, data);
      const now = this.clock.now();
      const enrolment = Object.assign(new Enrolment(), {
        vendorId: randomUUID(),
        vendorName: vendorNameOf(data),
        personType: data.personType,
        matricule: data.matricule,
        vatNumber: data.vatNumber ? data.vatNumber.replace(/\s/g, '').toUpperCase() : null,
        idempotencyKey: request.idempotencyKey ?? null,
        data,
        submittedAt: now,
        updatedAt: now,
      });
      em.persist(enrolment);
      this.events.record(
        em,
        enrolmentSubmitted,
        { enrolmentId: enrolment.id, vendorId: enrolment.vendorId, status: enrolment.status, personType: enrolment.personType },
        { caseId: enrolment.id, sequence: enrolment.nextSequence(), correlationId },
      );
      return toSummary(enrolment);
    });
  }

  private async refuseDuplicate(em: EntityManager, data: Form1Data): Promise<void> {
    const vat = data.vatNumber?.replace(/\s/g, '').toUpperCase();
    const existing = await em.findOne(Enrolment, vat ? { $or: [{ matricule: data.matricule }, { vatNumber: vat }] } : { matricule: data.matricule });
    if (!existing) return;
    const field = existing.matricule === data.matricule ? 'matricule' : 'vatNumber';
    throw new DomainError(
      'DUPLICATE_ENROLMENT',
      409,
      {
        fr: `Un industriel est déjà enrôlé avec ce ${field === 'matricule' ? 'matricule' : 'numéro de TVA'}. Connectez-vous au dossier existant ou demandez une modification des données.`,
        en: `A vendor is already enrolled with this ${field === 'matricule' ? 'matricule' : 'VAT number'}. Sign in to the existing case or request a data change.`,
      },
      { meta: { field, existingVendorId: existing.vendorId, existingEnrolmentId: existing.id } },
    );
  }

  async get(enrolmentId: string, caller: Caller | null): Promise<Enrolment> {
    const enrolment = await this.uow.fork().findOne(Enrolment, { id: enrolmentId });
    // A vendor's user only ever loads its own vendor's case; anything else looks like "not found".
    if (!enrolment || (caller && !isOperator(caller) && caller.vendorId !== enrolment.vendorId)) {
      throw new DomainError('ENROLMENT_NOT_FOUND', 404, {
        fr: 'Ce dossier d’enrôlement est introuvable.',
        en: 'This enrolment case was not found.',
      });
    }
    return enrolment;
  }

  async list(query: ParsedRequestOf<typeof listEnrolments>, caller: Caller | null): Promise<Page<EnrolmentSummary>> {
    const em = this.uow.fork();
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (caller && !isOperator(caller)) where.vendorId = caller.vendorId ?? '00000000-0000-0000-0000-000000000000';
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ submittedAt: { $gt: new Date(at) } }, { submittedAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await em.find(Enrolment, where, { orderBy: { submittedAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.submittedAt.toISOString(), last.id]) : null,
    };
  }
}
