import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import { cloudEventSchema, eventBySubject, type CloudEvent, type EventDefinition } from '@sons/contracts';
import type { Logger } from './logger.js';
import { ProcessedEvent } from './processed-event.entity.js';
import { retryStartupStep } from './startup.js';

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
  // Most events handled in one transaction (default 500).
  batchSize?: number;
  // How long the server waits for an acknowledgement before delivering again (default 30 s); also how long events
  // that were on their way to a consumer when it stopped wait before they are delivered again.
  ackWaitMs?: number;
};

const decoder = new TextDecoder();

type Item = { msg: JsMsg; event: CloudEvent; definition: EventDefinition };

// A durable pull consumer whose effects are idempotent on the CloudEvent id: the id is stored in processed_event
// in the same transaction as the handler's writes, so a redelivery after a crash does nothing twice.
//
// Events are handled in batches of whatever has arrived (up to batchSize, in stream order): one transaction per batch
// looks up the ids already processed (one IN query), runs the handler for each new event (flushing after each, so a
// handler sees what the previous one wrote), inserts the processed rows in one statement and commits; the messages
// are acknowledged only after the commit. If anything in a batch fails, the batch is rolled back and retried one
// event per transaction, so one failing event is redelivered with backoff without holding back the others.
export class DurableConsumer {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  processed = 0;

  constructor(private readonly options: DurableConsumerOptions) {}

  async start(): Promise<void> {
    const { nc, stream, durable, subjectPrefix, deliverFrom, log } = this.options;
    this.messages = await retryStartupStep(log, `durable consumer ${durable}`, async () => {
      const jsm = await jetstreamManager(nc);
      try {
        await jsm.consumers.info(stream, durable);
      } catch {
        await jsm.consumers.add(stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
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
      return consumer.consume({ max_messages: 1000 });
    });
    this.loop = this.run(this.messages);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const buffer: JsMsg[] = [];
    const signal: { wake: (() => void) | null; ended: boolean } = { wake: null, ended: false };
    const reader = (async () => {
      try {
        for await (const msg of messages) {
          buffer.push(msg);
          signal.wake?.();
        }
      } finally {
        signal.ended = true;
        signal.wake?.();
      }
    })();
    const batchSize = this.options.batchSize ?? 500;
    for (;;) {
      if (this.stopping) break;
      if (!buffer.length) {
        if (signal.ended) break;
        await new Promise<void>((resolve) => (signal.wake = resolve));
        signal.wake = null;
        continue;
      }
      // Let the socket deliver what is already on its way while the batch is still growing: one commit then covers
      // a burst (replay) without delaying a lone event by more than a turn of the event loop.
      for (let before = -1; buffer.length < batchSize && buffer.length !== before && !signal.ended;) {
        before = buffer.length;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await this.handleBatch(buffer.splice(0, batchSize));
    }
    await reader;
    // Pulled but not handled at shutdown: handed back at once (to another replica, or to this one after restart).
    for (const msg of buffer.splice(0)) msg.nak();
  }

  private async handleBatch(batch: JsMsg[]): Promise<void> {
    const { subjects, subjectPrefix } = this.options;
    const items: Item[] = [];
    for (const msg of batch) {
      const subject = msg.subject.slice(subjectPrefix.length);
      if (!subjects.includes(subject)) {
        msg.ack();
        continue;
      }
      try {
        const definition = eventBySubject(subject);
        if (!definition) throw new Error(`no contract for ${subject}`);
        const envelope = cloudEventSchema.parse(JSON.parse(decoder.decode(msg.data)));
        items.push({
          msg,
          definition,
          event: { ...envelope, data: definition.data.parse(envelope.data) as Record<string, unknown> },
        });
      } catch (error) {
        this.failed(msg, subject, error);
      }
    }
    if (!items.length) return;
    try {
      await this.commit(items);
    } catch (error) {
      if (items.length === 1) return this.failed(items[0].msg, items[0].definition.subject, error);
      for (const item of items) {
        try {
          await this.commit([item]);
        } catch (one) {
          this.failed(item.msg, item.definition.subject, one);
        }
      }
    }
  }

  // One transaction: skip the ids already processed, run the handler for the others, record them, then acknowledge.
  private async commit(items: Item[]): Promise<void> {
    const { durable, handler, orm } = this.options;
    await orm.em.fork().transactional(async (em) => {
      const ids = [...new Set(items.map((item) => item.event.id))];
      const seen = new Set(
        (await em.find(ProcessedEvent, { consumer: durable, eventId: { $in: ids } }, { disableIdentityMap: true })).map(
          (row) => row.eventId,
        ),
      );
      const rows: { consumer: string; eventId: string; processedAt: Date }[] = [];
      for (const { event, definition } of items) {
        if (seen.has(event.id)) continue;
        seen.add(event.id);
        await handler(event, em, definition);
        await em.flush();
        rows.push({ consumer: durable, eventId: event.id, processedAt: new Date() });
      }
      if (rows.length) await em.insertMany(ProcessedEvent, rows);
    });
    for (const { msg } of items) msg.ack();
    this.processed += items.length;
  }

  // Never swallow: the event comes back after a delay until the handler succeeds.
  private failed(msg: JsMsg, subject: string, error: unknown): void {
    this.options.log.error(
      { err: error, subject, seq: msg.seq, redelivery: msg.info.deliveryCount },
      'event handling failed; will be redelivered',
    );
    msg.nak(Math.min(60_000, 1000 * 2 ** Math.min(msg.info.deliveryCount, 6)));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.loop;
  }
}
