import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  labelExtended,
  reclPublished,
  type Caller,
  type Page,
  type ParsedRequestOf,
  type ReclDto,
  type RegistryEntry as RegistryEntryDto,
  type listRegistry,
  type publishRecl,
  type withdrawLabel,
} from '@sons/contracts';
import { EventRecorder, SystemClock, UnitOfWork } from '@sons/platform';
import { requireRoles } from '../label-request/label-request-access.js';
import type { LabelRequest } from '../label-request/label-request.entity.js';
import { SoftwareVersion } from '../software/software-version.entity.js';
import { LABEL_EVENT_FOR_STATUS } from './label-status.js';
import { Label } from './label.entity.js';
import { Recl } from './recl.entity.js';
import { RegistryEntry } from './registry-entry.entity.js';

export const labelNotFound = () =>
  new DomainError('LABEL_NOT_FOUND', 404, { fr: 'Ce label est introuvable.', en: 'This label was not found.' });

// Printed on the attestation before the label row exists, so derived from the request (a retry prints the same).
export const labelNumberFor = (request: { id: string }): string =>
  `SONS-V2-LBL-${request.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

export const toReclDto = (r: Recl): ReclDto => ({
  reclId: r.id,
  version: r.version,
  title: r.title,
  notes: r.notes ?? null,
  requirements: r.requirements,
  technicalDocumentationVersion: r.technicalDocumentationVersion ?? null,
  publishedAt: r.publishedAt.toISOString(),
  publishedBy: r.publishedBy,
  flaggedLabels: r.flaggedLabels,
});

const toEntryDto = (e: RegistryEntry): RegistryEntryDto => ({
  entryId: e.id,
  labelId: e.labelId,
  vendorName: e.vendorName,
  softwareName: e.softwareName,
  version: e.version,
  labelDate: e.labelDate.toISOString(),
  extendedFrom: e.extendedFrom ?? null,
  labelNumber: e.labelNumber,
  attestationReference: e.attestationReference ?? null,
  reclVersion: e.reclVersion ?? null,
  status: e.status,
  statusChangedAt: e.statusChangedAt.toISOString(),
});

export type IssuedAttestation = { documentId: string; reference: string; attachmentId: string; sha256: string };

// Labels, the public registry and the RECL (PROCESS.md Phase 2.6–2.7).
@Injectable()
export class LabelService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
  ) {}

  async currentRecl(em?: EntityManager): Promise<Recl | null> {
    const [latest] = await (em ?? this.uow.fork()).find(Recl, {}, { orderBy: { publishedAt: 'desc', id: 'desc' }, limit: 1 });
    return latest ?? null;
  }

  labelOfVersion(em: EntityManager, versionId: string): Promise<Label | null> {
    return em.findOne(Label, { versionId });
  }

  private recordLabelEvent(
    em: EntityManager,
    label: Label,
    previous: Label['status'] | null,
    correlationId: string,
    extra: Record<string, unknown>,
  ): void {
    this.events.record(
      em,
      LABEL_EVENT_FOR_STATUS[label.status],
      {
        labelId: label.id,
        vendorId: label.vendorId,
        softwareId: label.softwareId,
        softwareName: label.softwareName,
        version: label.version,
        labelNumber: label.labelNumber,
        status: label.status,
        previousStatus: previous,
        reclVersion: label.reclVersion ?? null,
        ...extra,
      },
      { caseId: label.id, sequence: label.nextSequence(), correlationId },
    );
  }

  private async syncEntries(em: EntityManager, label: Label): Promise<void> {
    for (const entry of await em.find(RegistryEntry, { labelId: label.id })) {
      entry.status = label.status;
      entry.statusChangedAt = label.statusChangedAt;
      entry.vendorName = label.vendorName;
      entry.labelDate = label.labelledAt;
      entry.attestationReference = label.attestationReference;
      entry.reclVersion = label.reclVersion ?? null;
    }
  }

  // In the transaction that labels the request: publishes the label (a first label, or the same label again after
  // a passed retest), its registry entries and its event.
  async issue(em: EntityManager, request: LabelRequest, attestation: IssuedAttestation, correlationId: string): Promise<Label> {
    const now = this.clock.now();
    const existing = await this.labelOfVersion(em, request.versionId);
    if (existing) {
      const previous = existing.renew(now);
      Object.assign(existing, {
        requestId: request.id,
        reclVersion: request.reclVersion ?? null,
        vendorName: request.vendorName,
        labelledAt: now,
        attestationDocumentId: attestation.documentId,
        attestationReference: attestation.reference,
        attestationAttachmentId: attestation.attachmentId,
        attestationSha256: attestation.sha256,
      });
      await this.syncEntries(em, existing);
      this.recordLabelEvent(em, existing, previous, correlationId, { labelledAt: now.toISOString(), labelRequestId: request.id });
      return existing;
    }
    const label = Object.assign(new Label(), {
      labelNumber: labelNumberFor(request),
      vendorId: request.vendorId,
      vendorName: request.vendorName,
      softwareId: request.softwareId,
      softwareName: request.softwareName,
      versionId: request.versionId,
      version: request.version,
      requestId: request.id,
      reclVersion: request.reclVersion ?? null,
      labelledAt: now,
      statusChangedAt: now,
      attestationDocumentId: attestation.documentId,
      attestationReference: attestation.reference,
      attestationAttachmentId: attestation.attachmentId,
      attestationSha256: attestation.sha256,
    });
    em.persist(label);
    const version = await em.findOneOrFail(SoftwareVersion, { id: request.versionId });
    version.labelId = label.id;
    em.persist(
      Object.assign(new RegistryEntry(), {
        labelId: label.id,
        vendorId: label.vendorId,
        vendorName: label.vendorName,
        softwareId: label.softwareId,
        softwareName: label.softwareName,
        versionId: label.versionId,
        version: label.version,
        extendedFrom: null,
        labelNumber: label.labelNumber,
        labelDate: now,
        attestationReference: label.attestationReference,
        reclVersion: label.reclVersion ?? null,
        status: label.status,
        statusChangedAt: now,
      }),
    );
    this.recordLabelEvent(em, label, null, correlationId, { labelledAt: now.toISOString(), labelRequestId: request.id });
    return label;
  }

  // A declared minor version: the label extends to it (registry entry), no new incentive (PROCESS.md 2.7).
  extend(em: EntityManager, label: Label, version: SoftwareVersion, correlationId: string): void {
    const now = this.clock.now();
    version.labelId = label.id;
    version.incentiveEligible = false;
    em.persist(
      Object.assign(new RegistryEntry(), {
        labelId: label.id,
        vendorId: label.vendorId,
        vendorName: label.vendorName,
        softwareId: label.softwareId,
        softwareName: label.softwareName,
        versionId: version.id,
        version: version.version,
        extendedFrom: label.version,
        labelNumber: label.labelNumber,
        labelDate: label.labelledAt,
        attestationReference: label.attestationReference,
        reclVersion: label.reclVersion ?? null,
        status: label.status,
        statusChangedAt: now,
      }),
    );
    this.events.record(
      em,
      labelExtended,
      {
        labelId: label.id,
        vendorId: label.vendorId,
        softwareId: label.softwareId,
        softwareName: label.softwareName,
        version: version.version,
        extendedFrom: label.version,
        versionId: version.id,
        incentiveEligible: false,
      },
      { caseId: label.id, sequence: label.nextSequence(), correlationId },
    );
  }

  // A new RECL / technical documentation version: every label in force is flagged « retest required », one event
  // per label so each vendor is told (PROCESS.md 2.7).
  async publishRecl(
    request: ParsedRequestOf<typeof publishRecl>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ReclDto> {
    const who = requireRoles(caller, ['incert', 'aes']);
    const ids = request.requirements.map((r) => r.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) {
      throw new DomainError('DUPLICATE_REQUIREMENT', 400, {
        fr: `L’exigence ${duplicate} figure deux fois dans le RECL.`,
        en: `Requirement ${duplicate} appears twice in the RECL.`,
      });
    }
    return this.uow.run(async (em) => {
      if (await em.findOne(Recl, { version: request.version })) {
        throw new DomainError(
          'RECL_VERSION_EXISTS',
          409,
          {
            fr: `La version ${request.version} du RECL est déjà publiée : publiez une nouvelle version.`,
            en: `RECL version ${request.version} is already published: publish a new version.`,
          },
          { meta: { version: request.version } },
        );
      }
      const now = this.clock.now();
      const recl = Object.assign(new Recl(), {
        version: request.version,
        title: request.title,
        notes: request.notes ?? null,
        requirements: request.requirements,
        technicalDocumentationVersion: request.technicalDocumentationVersion ?? null,
        publishedAt: now,
        publishedBy: who.userId,
      });
      const labels = await em.find(Label, { status: 'labelled' }, { orderBy: { labelledAt: 'asc', id: 'asc' } });
      for (const label of labels) {
        const previous = label.requireRetest(now);
        await this.syncEntries(em, label);
        this.recordLabelEvent(em, label, previous, correlationId, { newReclVersion: recl.version });
      }
      recl.flaggedLabels = labels.length;
      em.persist(recl);
      this.events.record(
        em,
        reclPublished,
        { reclId: recl.id, version: recl.version, requirementCount: recl.requirements.length, flaggedLabels: labels.length },
        { caseId: recl.id, sequence: 1, correlationId },
      );
      return toReclDto(recl);
    });
  }

  async withdraw(request: ParsedRequestOf<typeof withdrawLabel>, caller: Caller | null, correlationId: string) {
    requireRoles(caller, ['aes']);
    return this.uow.run(async (em) => {
      const label = await em.findOne(Label, { id: request.labelId });
      if (!label) throw labelNotFound();
      if (request.expectedVersion !== undefined && label.rowVersion !== request.expectedVersion) {
        throw new DomainError('CONCURRENT_UPDATE', 409, {
          fr: 'Ce label vient d’être modifié par quelqu’un d’autre. Rechargez-le et recommencez.',
          en: 'This label was just changed by someone else. Reload it and try again.',
        });
      }
      const previous = label.withdraw(request.reason, this.clock.now());
      await this.syncEntries(em, label);
      this.recordLabelEvent(em, label, previous, correlationId, {});
      await em.flush();
      return {
        labelId: label.id,
        status: label.status,
        withdrawnAt: label.statusChangedAt.toISOString(),
        rowVersion: label.rowVersion,
      };
    });
  }

  // The public registry: newest label first, keyset on (labelDate, id), both indexed.
  async registry(query: ParsedRequestOf<typeof listRegistry>): Promise<Page<RegistryEntryDto>> {
    const em = this.uow.fork();
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (query.vendorId) where.vendorId = query.vendorId;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ labelDate: { $lt: new Date(at) } }, { labelDate: new Date(at), id: { $lt: id } }];
    }
    const rows = await em.find(RegistryEntry, where, { orderBy: { labelDate: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toEntryDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.labelDate.toISOString(), last.id]) : null,
    };
  }
}
