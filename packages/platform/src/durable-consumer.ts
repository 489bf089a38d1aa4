import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import { cloudEventSchema, eventBySubject, type CloudEvent, type EventDefinition } from '@sons/contracts';
import type { Logger } from './logger.js';
import { ProcessedEvent } from './processed-event.entity.js';

export type EventHandler = (event: CloudEvent, em: EntityManager, definition: EventDefinition) => Promise<void>;

export type DurableConsumerOptions = {
  nc: NatsConnection;
  orm: MikroORM;
  stream: string;
  subjectPrefix: string;
  durable: string;
  // Only these event subjects reach the handler; others are acknowledged and skipped.
  subjects: readonly string[];
  handler: EventHandler;
  log: Logger;
  deliverFrom?: { sequence: number } | { time: Date };
  maxDeliver?: number;
};

const decoder = new TextDecoder();

// A durable pull consumer whose effects are idempotent on the CloudEvent id: the id is stored in processed_event
// in the same transaction as the handler's writes, so a redelivery after a crash does nothing twice.
export class DurableConsumer {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  processed = 0;

  constructor(private readonly options: DurableConsumerOptions) {}

  async start(): Promise<void> {
    const { nc, stream, durable, subjectPrefix, deliverFrom } = this.options;
    const jsm = await jetstreamManager(nc);
    try {
      await jsm.consumers.info(stream, durable);
    } catch {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        ack_wait: 30_000_000_000,
        max_deliver: this.options.maxDeliver ?? -1,
        filter_subject: `${subjectPrefix}sons.>`,
        ...(deliverFrom && 'sequence' in deliverFrom
          ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: deliverFrom.sequence }
          : deliverFrom && 'time' in deliverFrom
            ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: deliverFrom.time.toISOString() }
            : { deliver_policy: DeliverPolicy.All }),
      });
    }
    const consumer = await jetstream(nc).consumers.get(stream, durable);
    this.messages = await consumer.consume({ max_messages: 256 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) await this.handle(msg);
    })();
  }

  private async handle(msg: JsMsg): Promise<void> {
    const { log, subjects, durable, prefixLength } = { ...this.options, prefixLength: this.options.subjectPrefix.length };
    const subject = msg.subject.slice(prefixLength);
    if (!subjects.includes(subject)) {
      msg.ack();
      return;
    }
    try {
      const definition = eventBySubject(subject);
      if (!definition) throw new Error(`no contract for ${subject}`);
      const envelope = cloudEventSchema.parse(JSON.parse(decoder.decode(msg.data)));
      const event = { ...envelope, data: definition.data.parse(envelope.data) as Record<string, unknown> };
      await this.options.orm.em.fork().transactional(async (em) => {
        const seen = await em.findOne(ProcessedEvent, { consumer: durable, eventId: event.id });
        if (seen) return;
        await this.options.handler(event, em, definition);
        em.persist(em.create(ProcessedEvent, { consumer: durable, eventId: event.id, processedAt: new Date() }));
      });
      msg.ack();
      this.processed++;
    } catch (error) {
      // Never swallow: the event comes back after a delay until the handler succeeds.
      log.error({ err: error, subject, seq: msg.seq, redelivery: msg.info.deliveryCount }, 'event handling failed; will be redelivered');
      msg.nak(Math.min(60_000, 1000 * 2 ** Math.min(msg.info.deliveryCount, 6)));
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }
}
