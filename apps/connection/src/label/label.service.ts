import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  decodeCursor,
  encodeCursor,
  isOperator,
  labelExtended,
  labelPublished,
  labelWithdrawn,
  labellingRequestLabelled,
  type Caller,
  type CloudEvent,
  type LabelDto,
  type Page,
  type ParsedRequestOf,
  type listLabels,
} from '@sons/contracts';
import { DurableConsumer, ServiceRuntime, SystemClock, UnitOfWork } from '@sons/platform';
import { Label, normalizeSoftwareName } from './label.entity.js';

export const toLabelDto = (l: Label): LabelDto => ({
  labelId: l.labelId,
  vendorId: l.vendorId,
  softwareKey: l.softwareKey,
  softwareName: l.softwareName,
  version: l.version,
  labelledAt: l.labelledAt.toISOString(),
  status: l.status,
});

const SUBJECTS = [labellingRequestLabelled.subject, labelExtended.subject, labelWithdrawn.subject, labelPublished.subject];

// Keeps the local table of labelled versions from the labelling service's events (durable consumer, idempotent on the
// event id, same transaction as the change): a version labelled, a minor version the label extends to, a label
// withdrawn, a label published again after a passed retest.
@Injectable()
export class LabelService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: DurableConsumer | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { nc, orm, config, log } = this.runtime;
    this.consumer = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'connection-labels',
      subjects: SUBJECTS,
      handler: (event, em, definition) => this.apply(event, em, definition.subject),
      log,
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async apply(event: CloudEvent, em: EntityManager, subject: string): Promise<void> {
    const now = this.clock.now();
    switch (subject) {
      case labellingRequestLabelled.subject: {
        const data = labellingRequestLabelled.data.parse(event.data);
        await this.upsert(em, event.id, {
          id: data.versionId,
          labelId: data.labelId,
          vendorId: data.vendorId,
          softwareKey: data.softwareId,
          softwareName: data.softwareName,
          version: data.version,
          labelledAt: new Date(data.labelledAt),
          extendedFrom: null,
        });
        return;
      }
      case labelExtended.subject: {
        const data = labelExtended.data.parse(event.data);
        // A minor version is labelled since the date of the label it extends.
        const base = await em.findOne(Label, { labelId: data.labelId, extendedFrom: null });
        if (!base) throw new Error(`label ${data.labelId} extended before it was seen labelled; retried`);
        await this.upsert(em, event.id, {
          id: data.versionId,
          labelId: data.labelId,
          vendorId: data.vendorId,
          softwareKey: data.softwareId,
          softwareName: data.softwareName,
          version: data.version,
          labelledAt: base.labelledAt,
          extendedFrom: data.extendedFrom,
        });
        return;
      }
      case labelWithdrawn.subject:
      case labelPublished.subject: {
        const { labelId } = (subject === labelWithdrawn.subject ? labelWithdrawn : labelPublished).data.parse(event.data) as {
          labelId: string;
        };
        await em.nativeUpdate(
          Label,
          { labelId },
          { status: subject === labelWithdrawn.subject ? 'withdrawn' : 'active', sourceEventId: event.id, updatedAt: now },
        );
        return;
      }
      default:
        return;
    }
  }

  private async upsert(
    em: EntityManager,
    eventId: string,
    v: {
      id: string;
      labelId: string;
      vendorId: string;
      softwareKey: string;
      softwareName: string;
      version: string;
      labelledAt: Date;
      extendedFrom: string | null;
    },
  ): Promise<void> {
    const normalizedName = normalizeSoftwareName(v.softwareName);
    const existing =
      (await em.findOne(Label, { id: v.id })) ??
      (await em.findOne(Label, { vendorId: v.vendorId, normalizedName, version: v.version.trim() }));
    if (existing) {
      // A retest or a repeated attestation of the same version: labelled since the first label date.
      existing.status = 'active';
      existing.labelId = v.labelId;
      if (v.labelledAt < existing.labelledAt) existing.labelledAt = v.labelledAt;
      existing.sourceEventId = eventId;
      existing.updatedAt = this.clock.now();
      return;
    }
    em.persist(
      Object.assign(new Label(), {
        ...v,
        softwareName: v.softwareName.trim(),
        version: v.version.trim(),
        normalizedName,
        sourceEventId: eventId,
        updatedAt: this.clock.now(),
      }),
    );
  }

  async find(em: EntityManager, vendorId: string, softwareName: string, version: string): Promise<Label | null> {
    return em.findOne(Label, {
      vendorId,
      normalizedName: normalizeSoftwareName(softwareName),
      version: version.trim(),
      status: 'active',
    });
  }

  async list(query: ParsedRequestOf<typeof listLabels>, caller: Caller | null): Promise<Page<LabelDto>> {
    const where: Record<string, unknown> = {};
    if (caller && !isOperator(caller)) where.vendorId = caller.vendorId ?? '00000000-0000-0000-0000-000000000000';
    else if (query.vendorId) where.vendorId = query.vendorId;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ labelledAt: { $lt: new Date(at) } }, { labelledAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await this.uow
      .fork()
      .find(Label, where, { orderBy: { labelledAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toLabelDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.labelledAt.toISOString(), last.id]) : null,
    };
  }
}
