import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  isOperator,
  softwareVersionDeclared,
  type Caller,
  type Page,
  type ParsedRequestOf,
  type SoftwareDto,
  type declareVersion,
  type listSoftware,
} from '@sons/contracts';
import { EventRecorder, SystemClock, UnitOfWork } from '@sons/platform';
import { requireCaller, requireVendor } from '../label-request/label-request-access.js';
import { Label } from '../label/label.entity.js';
import { LabelService } from '../label/label.service.js';
import { SoftwareVersion, normalizeVersion } from './software-version.entity.js';
import { Software, normalizeName } from './software.entity.js';

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';
export const softwareNotFound = () =>
  new DomainError('SOFTWARE_NOT_FOUND', 404, { fr: 'Ce logiciel est introuvable.', en: 'This software was not found.' });

// Software and their versions (PROCESS.md Phase 2.1, 2.7): a label is for one version; a minor version keeps it,
// a major one needs a new labelling request.
@Injectable()
export class SoftwareService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(LabelService) private readonly labels: LabelService,
  ) {}

  // The software and version a Form 3 names, created on first mention: a version first named by a Form 3 of an
  // already known software is a major version (it needs its own labelling request).
  async resolve(
    em: EntityManager,
    input: { vendorId: string; vendorName: string; softwareName: string; version: string; by: string },
  ): Promise<{ software: Software; version: SoftwareVersion }> {
    const now = this.clock.now();
    let software = await em.findOne(Software, { vendorId: input.vendorId, normalizedName: normalizeName(input.softwareName) });
    const isNew = !software;
    if (!software) {
      software = Object.assign(new Software(), {
        vendorId: input.vendorId,
        vendorName: input.vendorName,
        name: input.softwareName.trim().replace(/\s+/g, ' '),
        normalizedName: normalizeName(input.softwareName),
        createdAt: now,
      });
      em.persist(software);
    }
    let version = isNew
      ? null
      : await em.findOne(SoftwareVersion, { softwareId: software.id, normalizedVersion: normalizeVersion(input.version) });
    if (!version) {
      version = Object.assign(new SoftwareVersion(), {
        softwareId: software.id,
        vendorId: input.vendorId,
        version: input.version.trim(),
        normalizedVersion: normalizeVersion(input.version),
        kind: isNew ? 'initial' : 'major',
        declaredAt: now,
        declaredBy: input.by,
      });
      em.persist(version);
    }
    return { software, version };
  }

  async list(query: ParsedRequestOf<typeof listSoftware>, caller: Caller | null): Promise<Page<SoftwareDto>> {
    const who = requireCaller(caller);
    const em = this.uow.fork();
    const where: Record<string, unknown> = {};
    if (!isOperator(who)) where.vendorId = who.vendorId ?? NO_VENDOR;
    else if (query.vendorId) where.vendorId = query.vendorId;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ createdAt: { $gt: new Date(at) } }, { createdAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await em.find(Software, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: await this.toDtos(em, items),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  private async toDtos(em: EntityManager, software: Software[]): Promise<SoftwareDto[]> {
    if (!software.length) return [];
    const versions = await em.find(
      SoftwareVersion,
      { softwareId: { $in: software.map((s) => s.id) } },
      { orderBy: { declaredAt: 'asc', id: 'asc' } },
    );
    const labelIds = [...new Set(versions.map((v) => v.labelId).filter((id): id is string => Boolean(id)))];
    const labels = labelIds.length ? await em.find(Label, { id: { $in: labelIds } }) : [];
    const statusOf = new Map(labels.map((l) => [l.id, l.status]));
    return software.map((s) => ({
      softwareId: s.id,
      vendorId: s.vendorId,
      vendorName: s.vendorName,
      name: s.name,
      createdAt: s.createdAt.toISOString(),
      versions: versions
        .filter((v) => v.softwareId === s.id)
        .map((v) => ({
          versionId: v.id,
          version: v.version,
          kind: v.kind,
          basedOnVersion: v.basedOnVersion ?? null,
          changes: v.changes ?? null,
          declaredAt: v.declaredAt.toISOString(),
          labelId: v.labelId ?? null,
          labelStatus: v.labelId ? (statusOf.get(v.labelId) ?? null) : null,
          incentiveEligible: v.incentiveEligible,
        })),
    }));
  }

  // PROCESS.md 2.7: a minor version (no new standardised forms) keeps the label — extended to it, no new incentive;
  // a major version must be declared and needs a new labelling request (Form 3).
  async declare(
    request: ParsedRequestOf<typeof declareVersion>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<SoftwareDto> {
    const who = requireVendor(caller);
    return this.uow.run(async (em) => {
      const software = await em.findOne(Software, { id: request.softwareId });
      if (!software || software.vendorId !== who.vendorId) throw softwareNotFound();
      const normalized = normalizeVersion(request.version);
      if (await em.findOne(SoftwareVersion, { softwareId: software.id, normalizedVersion: normalized })) {
        throw new DomainError(
          'VERSION_EXISTS',
          409,
          {
            fr: `La version ${request.version} de ${software.name} est déjà connue.`,
            en: `Version ${request.version} of ${software.name} is already known.`,
          },
          { meta: { version: request.version } },
        );
      }
      const now = this.clock.now();
      const version = Object.assign(new SoftwareVersion(), {
        softwareId: software.id,
        vendorId: software.vendorId,
        version: request.version.trim(),
        normalizedVersion: normalized,
        kind: request.kind,
        changes: request.changes,
        declaredAt: now,
        declaredBy: who.userId,
      });
      let label: Label | null = null;
      if (request.kind === 'minor') {
        label = await this.baseLabel(em, software, request.basedOnVersion);
        version.basedOnVersion = label.version;
      } else if (request.basedOnVersion) {
        version.basedOnVersion = request.basedOnVersion;
      }
      em.persist(version);
      this.events.record(
        em,
        softwareVersionDeclared,
        {
          versionId: version.id,
          softwareId: software.id,
          vendorId: software.vendorId,
          softwareName: software.name,
          version: version.version,
          kind: version.kind,
          labelRequired: request.kind === 'major',
        },
        { caseId: software.id, sequence: software.nextSequence(), correlationId },
      );
      if (label) this.labels.extend(em, label, version, correlationId);
      await em.flush();
      return (await this.toDtos(em, [software]))[0];
    });
  }

  // The label a minor version extends: that of `basedOnVersion`, or the software's most recent label in force.
  private async baseLabel(em: EntityManager, software: Software, basedOnVersion: string | undefined): Promise<Label> {
    const refuse = (fr: string, en: string, code = 'MINOR_VERSION_NEEDS_LABEL') => new DomainError(code, 422, { fr, en });
    let label: Label | null;
    if (basedOnVersion) {
      const base = await em.findOne(SoftwareVersion, {
        softwareId: software.id,
        normalizedVersion: normalizeVersion(basedOnVersion),
      });
      label = base?.labelId ? await em.findOne(Label, { id: base.labelId }) : null;
      if (!label) {
        throw refuse(
          `La version ${basedOnVersion} de ${software.name} n’est pas labélisée : une version mineure ne peut étendre qu’un label existant. Déclarez une version majeure et faites une demande de labélisation.`,
          `Version ${basedOnVersion} of ${software.name} is not labelled: a minor version can only extend an existing label. Declare a major version and file a labelling request.`,
        );
      }
    } else {
      label = await em.findOne(
        Label,
        { softwareId: software.id, status: { $ne: 'withdrawn' } },
        { orderBy: { labelledAt: 'desc', id: 'desc' } },
      );
      if (!label) {
        throw refuse(
          `${software.name} n’a aucune version labélisée : une version mineure ne peut étendre qu’un label existant. Déclarez une version majeure et faites une demande de labélisation.`,
          `${software.name} has no labelled version: a minor version can only extend an existing label. Declare a major version and file a labelling request.`,
        );
      }
    }
    if (label.status !== 'labelled') {
      throw refuse(
        `Le label de la version ${label.version} n’est pas en vigueur (${label.status === 'withdrawn' ? 'retiré' : 'nouveaux tests requis'}) : il ne peut pas être étendu à une nouvelle version.`,
        `The label of version ${label.version} is not in force (${label.status === 'withdrawn' ? 'withdrawn' : 'retest required'}): it cannot be extended to a new version.`,
        'LABEL_NOT_IN_FORCE',
      );
    }
    return label;
  }
}
