import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  changeRequestApproved,
  enrolmentTestAccessGranted,
  isOperator,
  type Caller,
  type CloudEvent,
  type Localized,
} from '@sons/contracts';
import { DurableConsumer, Programme, ServiceRuntime, UnitOfWork, luxDate } from '@sons/platform';
import { LabelRequest } from '../label-request/label-request.entity.js';
import { Label } from '../label/label.entity.js';
import { RegistryEntry } from '../label/registry-entry.entity.js';
import { Software } from '../software/software.entity.js';
import { VendorDirectory } from '../vendors/vendor-directory.js';
import { VendorAccess } from './vendor-access.entity.js';

const NO_ACCESS: Localized = {
  fr: 'Le formulaire 3 n’est disponible qu’une fois l’accès à l’environnement de test accordé par INCERT (après le formulaire 2).',
  en: 'Form 3 is only available once INCERT granted access to the test environment (after Form 2).',
};

// Form 3 is available only to a vendor whose test access was granted (PROCESS.md Phase 1 step 4): the enrolment
// service's test-access-granted event is consumed into labelling_vendor_access (durable, idempotent on event id).
@Injectable()
export class VendorAccessService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: DurableConsumer | null = null;
  private names: DurableConsumer | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Programme) private readonly programme: Programme,
    @Inject(VendorDirectory) private readonly vendors: VendorDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { nc, orm, config, log } = this.runtime;
    this.consumer = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'labelling-test-access',
      subjects: [enrolmentTestAccessGranted.subject],
      handler: (event, em) => this.onTestAccessGranted(event, em),
      log,
    });
    await this.consumer.start();
    this.names = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'labelling-vendor-names',
      subjects: [changeRequestApproved.subject],
      handler: (event, em) => this.onIdentityChanged(event, em),
      log,
    });
    await this.names.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.names?.stop();
  }

  // Eligibility 5 (one vendor name throughout): an approved change of the vendor's name reaches its software, open
  // requests, labels and registry entries. Issued attestations keep the name they were issued with.
  private async onIdentityChanged(event: CloudEvent, em: EntityManager): Promise<void> {
    const data = changeRequestApproved.data.parse(event.data);
    if (!data.fields.some((f) => ['companyName', 'firstName', 'lastName'].includes(f))) return;
    if (!(await em.count(Software, { vendorId: data.vendorId }))) return;
    const { name } = await this.vendors.get(data.vendorId, event.correlationid);
    for (const software of await em.find(Software, { vendorId: data.vendorId })) software.vendorName = name;
    for (const request of await em.find(LabelRequest, { vendorId: data.vendorId, status: { $ne: 'labelled' } }))
      request.vendorName = name;
    for (const label of await em.find(Label, { vendorId: data.vendorId })) label.vendorName = name;
    for (const entry of await em.find(RegistryEntry, { vendorId: data.vendorId })) entry.vendorName = name;
  }

  private async onTestAccessGranted(event: CloudEvent, em: EntityManager): Promise<void> {
    const data = enrolmentTestAccessGranted.data.parse(event.data);
    if (data.status !== 'test_access_granted') return;
    const existing = await em.findOne(VendorAccess, { vendorId: data.vendorId });
    if (existing) return;
    em.persist(
      Object.assign(new VendorAccess(), {
        vendorId: data.vendorId,
        enrolmentId: data.enrolmentId,
        grantedAt: new Date(event.time),
        sourceEventId: event.id,
      }),
    );
  }

  async find(vendorId: string, em?: EntityManager): Promise<VendorAccess | null> {
    return (em ?? this.uow.fork()).findOne(VendorAccess, { vendorId });
  }

  // Refuses Form 3 without test access, or after the calendar's end of labelling requests, with the reason.
  async requireForm3(caller: Caller, em?: EntityManager): Promise<VendorAccess> {
    const vendorId = caller.vendorId;
    const access = vendorId ? await this.find(vendorId, em) : null;
    if (!access) throw new DomainError('TEST_ACCESS_REQUIRED', 403, NO_ACCESS);
    this.requireRequestsOpen();
    return access;
  }

  requireRequestsOpen(): void {
    this.programme.requireBefore('labellingRequestsEnd', {
      fr: 'L’envoi d’une demande de labélisation (formulaire 3)',
      en: 'Sending a labelling request (Form 3)',
    });
  }

  async status(caller: Caller | null) {
    const vendorId = caller && !isOperator(caller) ? (caller.vendorId ?? null) : null;
    const access = vendorId ? await this.find(vendorId) : null;
    const end = this.programme.date('labellingRequestsEnd');
    const closed = end !== null && this.programme.now() >= end;
    const reason: Localized | null = !access
      ? NO_ACCESS
      : closed
        ? {
            fr: `Les demandes de labélisation ne sont plus acceptées depuis le ${luxDate(end)}.`,
            en: `Labelling requests are no longer accepted since ${luxDate(end)}.`,
          }
        : null;
    return {
      vendorId,
      form3Available: Boolean(access) && !closed,
      testAccessGrantedAt: access?.grantedAt.toISOString() ?? null,
      labellingRequestsEnd: end?.toISOString() ?? null,
      reason,
    };
  }
}
