import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Constructor } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/sql';
import { healthCommand, type ServiceName } from '@sons/contracts';
import { Bus, connectNats } from './bus.js';
import { SystemClock } from './clock.js';
import type { BaseConfig } from './config.js';
import { createOrm, migrate, type MigrationSet } from './database.js';
import { checkHealth } from './health.js';
import { createLogger, type Logger } from './logger.js';
import { EventRecorder, OutboxRelay } from './outbox.js';
import { NatsObjectAttachmentStore, bucketName, type AttachmentStore } from './attachments.js';
import { OutboxEvent } from './outbox.entity.js';
import { ProcessedEvent } from './processed-event.entity.js';
import { ensureStream } from './jetstream.js';
import { UnitOfWork } from './unit-of-work.js';
import { exitWithParent, retryStartupStep } from './startup.js';
import { Programme } from './programme.js';
import { FormDefinitions } from './form-definitions.js';

export type RuntimeOptions = {
  service: ServiceName;
  config: BaseConfig;
  entities?: Constructor<object>[];
  migrations?: MigrationSet;
  runMigrations?: boolean;
  clock?: SystemClock;
  log?: Logger;
};

// Everything a service process shares: config, logger, clock, NATS, JetStream, the database, the outbox relay.
export class ServiceRuntime {
  private constructor(
    readonly service: ServiceName,
    readonly config: BaseConfig,
    readonly log: Logger,
    readonly clock: SystemClock,
    readonly nc: NatsConnection,
    readonly bus: Bus,
    readonly js: JetStreamClient,
    readonly orm: MikroORM | null,
    readonly relay: OutboxRelay | null,
    readonly recorder: EventRecorder,
    readonly programme: Programme,
    readonly forms: FormDefinitions,
  ) {}

  static async create(options: RuntimeOptions): Promise<ServiceRuntime> {
    const { service, config } = options;
    const log = options.log ?? createLogger(service, config.LOG_LEVEL);
    if (config.SONS_EXIT_WITH_PARENT === 'on') exitWithParent(log);
    const clock = options.clock ?? new SystemClock(config.SONS_NOW);
    const nc = await connectNats(config.NATS_URL, `sons-${service}`, log);
    // JetStream set-up may time out while the server is busy (a cluster electing a leader, a loaded machine): each
    // step is retried for a while, with a warning, instead of the process dying at start-up.
    const step = <T>(what: string, run: () => Promise<T>): Promise<T> => retryStartupStep(log, what, run);
    await step('event stream', () =>
      ensureStream(nc, {
        name: config.SONS_STREAM,
        subjectPrefix: config.SONS_SUBJECT_PREFIX,
        retentionDays: config.SONS_EVENT_RETENTION_DAYS,
        replicas: config.SONS_STREAM_REPLICAS,
      }),
    );
    const js = jetstream(nc);
    let orm: MikroORM | null = null;
    let relay: OutboxRelay | null = null;
    if (options.entities && options.migrations) {
      orm = await createOrm({
        service,
        entities: [...options.entities, OutboxEvent, ProcessedEvent],
        migrations: options.migrations,
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
      });
      const migrateOnStart =
        config.SONS_MIGRATE_ON_START === 'auto' ? !config.DATABASE_URL : config.SONS_MIGRATE_ON_START === 'on';
      if (options.runMigrations ?? migrateOnStart) {
        const applied = await migrate(orm);
        if (applied.length) log.info({ applied }, 'migrations applied');
      }
      relay = new OutboxRelay(orm, js, config.SONS_SUBJECT_PREFIX, log);
    }
    const bus = new Bus(nc, config.SONS_SUBJECT_PREFIX, log);
    const recorder = new EventRecorder(`/sons/${service}`, config.PUBLIC_BASE_URL, clock);
    const programme = new Programme(clock, log);
    await step('programme data', () =>
      programme.connect(nc, Programme.bucketName(config.SONS_SUBJECT_PREFIX), config.SONS_STREAM_REPLICAS),
    );
    // Published form definitions (issue 3): watched like the programme data, written by the gateway.
    const forms = new FormDefinitions(log);
    await step('form definitions', () =>
      forms.connect(nc, FormDefinitions.bucketName(config.SONS_SUBJECT_PREFIX), config.SONS_STREAM_REPLICAS),
    );
    const runtime = new ServiceRuntime(service, config, log, clock, nc, bus, js, orm, relay, recorder, programme, forms);
    bus.handle(healthCommand(service), () => checkHealth(service, nc, orm), `sons-${service}`);
    return runtime;
  }

  private attachmentStore: AttachmentStore | null = null;

  get attachments(): AttachmentStore {
    this.attachmentStore ??= new NatsObjectAttachmentStore(this.nc, bucketName(this.config.SONS_SUBJECT_PREFIX), {
      maxBytes: this.config.SONS_UPLOAD_MAX_MB * 1024 * 1024,
      replicas: this.config.SONS_STREAM_REPLICAS,
    });
    return this.attachmentStore;
  }

  get queue(): string {
    return `sons-${this.service}`;
  }

  unitOfWork(): UnitOfWork {
    if (!this.orm) throw new Error(`${this.service} has no database`);
    return new UnitOfWork(this.orm, this.relay);
  }

  start(): void {
    if (this.config.SONS_OUTBOX_RELAY === 'on') this.relay?.start();
  }

  async close(): Promise<void> {
    await this.bus.drain();
    await this.relay?.stop();
    await this.orm?.close(true);
    await this.nc.drain().catch(() => this.nc.close());
  }
}
