import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  isOperator,
  validationError,
  type Caller,
  type ChangeRequestDto,
  type ChangeRequestStatus,
  type IdentityChanges,
  type Page,
  type ParsedRequestOf,
  type approveChangeRequest,
  type listChangeRequests,
  type refuseChangeRequest,
  type submitChangeRequest,
} from '@sons/contracts';
import { EventRecorder, Programme, SystemClock, UnitOfWork } from '@sons/platform';
import { evaluateIdentity, hardFailures } from '../eligibility/evaluate.js';
import { assertMayAct, requireCaller } from '../enrolment/enrolment-access.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { EnrolmentService } from '../enrolment/enrolment.service.js';
import { VendorIdentityVersion } from '../vendor/vendor-identity-version.entity.js';
import { applyChanges, diffIdentity, nameOf, type IdentityData } from '../vendor/vendor-identity.js';
import { Vendor } from '../vendor/vendor.entity.js';
import { vendorNotFound } from '../vendor/vendor.service.js';
import { ACTION_TARGET, allowedChangeRequestActions, requireDecider } from './change-request-access.js';
import { CHANGE_REQUEST_EVENT_FOR_STATUS } from './change-request-status.js';
import { ChangeRequest } from './change-request.entity.js';
import { vendorNamesOf } from '../vendor/vendor-names.js';

const LEGAL_ONLY = ['companyName', 'ceoFirstName', 'ceoLastName', 'rcsNumber'];
const NATURAL_ONLY = ['firstName', 'lastName'];

const notFound = () =>
  new DomainError('CHANGE_REQUEST_NOT_FOUND', 404, {
    fr: 'Demande de modification introuvable.',
    en: 'Change request not found.',
  });

export const toChangeRequestDto = (c: ChangeRequest, caller: Caller | null, vendorName: string | null): ChangeRequestDto => ({
  changeRequestId: c.id,
  vendorId: c.vendorId,
  vendorName,
  enrolmentId: c.enrolmentId,
  status: c.status,
  fields: c.fields,
  changes: c.changes,
  previous: c.previous,
  reason: c.reason,
  requestedBy: c.requestedBy,
  requestedAt: c.requestedAt.toISOString(),
  decidedBy: c.decidedBy ?? null,
  decidedAt: c.decidedAt?.toISOString() ?? null,
  decisionReason: c.decisionReason ?? null,
  identityVersion: c.identityVersion ?? null,
  version: c.version,
  allowedActions: allowedChangeRequestActions(caller, c),
});

// Eligibility 2: the enrolment data is used for the whole process and changes only through a change request,
// initiated by the vendor and approved by an operator (INCERT or AeS), with every earlier value kept.
@Injectable()
export class ChangeRequestService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(Programme) private readonly programme: Programme,
    @Inject(EnrolmentService) private readonly cases: EnrolmentService,
  ) {}

  // The identity after the change, refused (400) when a field belongs to the other person type or a format rule fails.
  private nextIdentity(current: IdentityData, changes: IdentityChanges): IdentityData {
    const foreign = Object.keys(changes).filter((f) => (current.personType === 'legal' ? NATURAL_ONLY : LEGAL_ONLY).includes(f));
    if (foreign.length) {
      throw validationError(
        foreign.map((f) => ({
          path: `changes.${f}`,
          rule: 'personType',
          message: {
            fr: `changes.${f} : ce champ ne concerne pas une personne ${current.personType === 'legal' ? 'morale' : 'physique'}.`,
            en: `changes.${f}: this field does not apply to a ${current.personType} person.`,
          },
        })),
      );
    }
    const next = applyChanges(current, changes);
    const hard = hardFailures(
      evaluateIdentity(
        {
          ...next,
          matricule: next.matricule ?? '',
          iban: next.iban ?? '',
          email: next.email ?? '',
          countryOfEstablishment: next.countryOfEstablishment ?? '',
        },
        { eligibleCountries: this.programme.settings().eligibleCountries },
      ),
    );
    if (hard.length) throw validationError(hard.map((e) => ({ ...e, path: `changes.${e.path}` })));
    return next;
  }

  private record(
    em: EntityManager,
    request: ChangeRequest,
    enrolment: Enrolment,
    correlationId: string,
    status: ChangeRequestStatus,
  ): void {
    enrolment.touch(this.clock.now());
    this.events.record(
      em,
      CHANGE_REQUEST_EVENT_FOR_STATUS[status],
      {
        changeRequestId: request.id,
        enrolmentId: enrolment.id,
        vendorId: request.vendorId,
        status,
        fields: request.fields,
        ...(status === 'approved' ? { identityVersion: request.identityVersion } : {}),
      },
      { caseId: enrolment.id, sequence: enrolment.nextSequence(), correlationId },
    );
  }

  async submit(
    request: ParsedRequestOf<typeof submitChangeRequest>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ChangeRequestDto> {
    const who = requireCaller(caller);
    return this.uow.run(async (em) => {
      const vendor = await em.findOne(Vendor, { id: request.vendorId });
      if (!vendor || (!isOperator(who) && who.vendorId !== vendor.id)) throw vendorNotFound();
      const enrolment = await em.findOneOrFail(Enrolment, { vendorId: vendor.id });
      assertMayAct(who, enrolment, 'request_change');
      const pending = await em.findOne(ChangeRequest, { vendorId: vendor.id, status: 'pending' });
      if (pending) {
        throw new DomainError(
          'CHANGE_REQUEST_PENDING',
          409,
          {
            fr: 'Une demande de modification est déjà en attente de décision : attendez la décision ou ajoutez ces changements après.',
            en: 'A change request is already waiting for a decision: wait for it, or ask for these changes afterwards.',
          },
          { meta: { pendingChangeRequestId: pending.id } },
        );
      }
      const next = this.nextIdentity(vendor.identity, request.changes);
      const diff = diffIdentity(vendor.identity, next);
      if (diff.fields.length === 0) {
        throw validationError([
          {
            path: 'changes',
            rule: 'unchanged',
            message: {
              fr: 'Ces valeurs sont déjà celles enregistrées : rien à modifier.',
              en: 'These values are already the recorded ones: nothing to change.',
            },
          },
        ]);
      }
      await this.cases.refuseDuplicate(em, next.matricule ?? '', next.vatNumber, vendor.id);
      const changeRequest = Object.assign(new ChangeRequest(), {
        vendorId: vendor.id,
        enrolmentId: enrolment.id,
        fields: diff.fields,
        changes: diff.changes,
        previous: diff.previous,
        reason: request.reason,
        requestedBy: who.userId,
        requestedAt: this.clock.now(),
      });
      em.persist(changeRequest);
      this.record(em, changeRequest, enrolment, correlationId, 'pending');
      await em.flush();
      return toChangeRequestDto(changeRequest, who, vendor.name);
    });
  }

  private async decide(
    changeRequestId: string,
    expectedVersion: number | undefined,
    caller: Caller | null,
    work: (em: EntityManager, changeRequest: ChangeRequest, enrolment: Enrolment, who: Caller) => Promise<void>,
  ): Promise<ChangeRequestDto> {
    const who = requireCaller(caller);
    return this.uow.run(async (em) => {
      const changeRequest = await em.findOne(ChangeRequest, { id: changeRequestId });
      if (!changeRequest || (!isOperator(who) && who.vendorId !== changeRequest.vendorId)) throw notFound();
      requireDecider(who);
      if (expectedVersion !== undefined && changeRequest.version !== expectedVersion) {
        throw new DomainError('CONCURRENT_UPDATE', 409, {
          fr: 'Cette demande vient d’être traitée par quelqu’un d’autre. Rechargez-la.',
          en: 'This request was just handled by someone else. Reload it.',
        });
      }
      const enrolment = await em.findOneOrFail(Enrolment, { id: changeRequest.enrolmentId });
      await work(em, changeRequest, enrolment, who);
      await em.flush();
      const vendor = await em.findOne(Vendor, { id: changeRequest.vendorId });
      return toChangeRequestDto(changeRequest, who, vendor?.name ?? null);
    });
  }

  // A new identity version starts now; the previous one ends now. The case's checklist is evaluated again.
  approve(
    request: ParsedRequestOf<typeof approveChangeRequest>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ChangeRequestDto> {
    return this.decide(request.changeRequestId, request.expectedVersion, caller, async (em, changeRequest, enrolment, who) => {
      changeRequest.moveTo(ACTION_TARGET.approve);
      const vendor = await em.findOneOrFail(Vendor, { id: changeRequest.vendorId });
      const next = this.nextIdentity(vendor.identity, changeRequest.changes);
      await this.cases.refuseDuplicate(em, next.matricule ?? '', next.vatNumber, vendor.id);
      const now = this.clock.now();
      const current = await em.findOne(
        VendorIdentityVersion,
        { vendorId: vendor.id, validTo: null },
        { orderBy: { versionNo: 'desc' } },
      );
      if (current) current.validTo = now;
      const versionNo = vendor.identityVersion + 1;
      em.persist(
        Object.assign(new VendorIdentityVersion(), {
          vendorId: vendor.id,
          versionNo,
          identity: next,
          validFrom: now,
          validTo: null,
          changeRequestId: changeRequest.id,
          createdAt: now,
        }),
      );
      Object.assign(vendor, {
        identity: next,
        identityVersion: versionNo,
        identityValidFrom: now,
        name: nameOf(next),
        matricule: next.matricule ?? vendor.matricule,
        vatNumber: next.vatNumber,
        email: next.email ?? vendor.email,
        updatedAt: now,
      });
      Object.assign(enrolment, { vendorName: vendor.name, matricule: vendor.matricule, vatNumber: vendor.vatNumber ?? null });
      Object.assign(changeRequest, {
        decidedBy: who.userId,
        decidedAt: now,
        decisionReason: request.note ?? null,
        identityVersion: versionNo,
      });
      await this.cases.reevaluateForm1(em, enrolment);
      this.record(em, changeRequest, enrolment, correlationId, 'approved');
    });
  }

  refuse(
    request: ParsedRequestOf<typeof refuseChangeRequest>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ChangeRequestDto> {
    return this.decide(request.changeRequestId, request.expectedVersion, caller, async (em, changeRequest, enrolment, who) => {
      changeRequest.moveTo(ACTION_TARGET.refuse);
      Object.assign(changeRequest, { decidedBy: who.userId, decidedAt: this.clock.now(), decisionReason: request.reason });
      this.record(em, changeRequest, enrolment, correlationId, 'refused');
    });
  }

  async list(query: ParsedRequestOf<typeof listChangeRequests>, caller: Caller | null): Promise<Page<ChangeRequestDto>> {
    const who = requireCaller(caller);
    const where: Record<string, unknown> = {};
    if (!isOperator(who)) where.vendorId = who.vendorId ?? '00000000-0000-0000-0000-000000000000';
    else if (query.vendorId) where.vendorId = query.vendorId;
    if (query.status) where.status = query.status;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ requestedAt: { $gt: new Date(at) } }, { requestedAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await this.uow
      .fork()
      .find(ChangeRequest, where, { orderBy: { requestedAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const names = await vendorNamesOf(
      this.uow.fork(),
      items.map((c) => c.vendorId),
    );
    return {
      items: items.map((c) => toChangeRequestDto(c, who, names.get(c.vendorId) ?? null)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.requestedAt.toISOString(), last.id]) : null,
    };
  }
}
