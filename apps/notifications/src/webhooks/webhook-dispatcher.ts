import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, ServiceRuntime, SystemClock, type Logger } from '@sons/platform';
import type { MikroORM } from '@mikro-orm/sql';
import type { NotificationsConfig } from '../config.js';
import { SecretBox } from '../shared/secret-box.js';
import { Wakeable } from '../shared/durations.js';
import { postOnce } from './http-post.js';
import { sign } from './signature.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

type Loop = { wake: Wakeable; stopped: boolean; done: Promise<void> };

// One worker loop per active subscriber, so a slow or failing subscriber only ever delays itself. Each loop takes
// the subscriber's due deliveries from the database one at a time under a lease (safe with several replicas),
// posts with a timeout, logs the attempt, and schedules the retry (exponential schedule, then dead letter).
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loops = new Map<string, Loop>();
  private readonly supervisorWake = new Wakeable();
  private supervisor: Promise<void> | null = null;
  private running = false;
  private readonly box: SecretBox;
  private readonly instance = randomUUID().slice(0, 8);
  private readonly log: Logger;
  private readonly orm: MikroORM;

  constructor(
    @Inject(ServiceRuntime) runtime: ServiceRuntime,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.box = new SecretBox(config.SONS_SECRET_KEY);
    this.log = runtime.log.child({ component: 'webhooks' });
    this.orm = runtime.orm!;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.supervisor = this.supervise();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.supervisorWake.notify();
    await this.supervisor;
    await Promise.all([...this.loops.keys()].map((id) => this.stopLoop(id)));
  }

  // New work for one subscriber (or a change in the subscriber list when no id is given).
  wake(subscriptionId?: string): void {
    if (subscriptionId && this.loops.has(subscriptionId)) this.loops.get(subscriptionId)!.wake.notify();
    else this.supervisorWake.notify();
  }

  private async supervise(): Promise<void> {
    while (this.running) {
      try {
        const active = await this.orm.em
          .fork()
          .find(WebhookSubscription, { status: 'active', deletedAt: null }, { fields: ['id'] });
        const ids = new Set(active.map((s) => s.id));
        for (const id of ids) if (!this.loops.has(id)) this.startLoop(id);
        for (const id of [...this.loops.keys()]) if (!ids.has(id)) void this.stopLoop(id);
      } catch (error) {
        this.log.warn({ err: (error as Error).message }, 'could not list webhook subscribers; will retry');
      }
      await this.supervisorWake.sleep(Math.max(this.config.WEBHOOK_POLL_MS, 1000));
    }
  }

  private startLoop(subscriptionId: string): void {
    const loop: Loop = { wake: new Wakeable(), stopped: false, done: Promise.resolve() };
    loop.done = this.run(subscriptionId, loop);
    this.loops.set(subscriptionId, loop);
  }

  private async stopLoop(subscriptionId: string): Promise<void> {
    const loop = this.loops.get(subscriptionId);
    if (!loop) return;
    loop.stopped = true;
    loop.wake.notify();
    await loop.done;
    this.loops.delete(subscriptionId);
  }

  private async run(subscriptionId: string, loop: Loop): Promise<void> {
    let failures = 0;
    while (!loop.stopped && this.running) {
      try {
        const claimed = await this.claimNext(subscriptionId);
        failures = 0;
        if (claimed) {
          await this.attempt(claimed.delivery, claimed.lease);
          continue;
        }
        await loop.wake.sleep(await this.idleFor(subscriptionId));
      } catch (error) {
        failures++;
        this.log.warn({ err: error, subscriptionId, failures }, 'webhook worker error; will retry');
        await loop.wake.sleep(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
      }
    }
  }

  // Until the next scheduled attempt of this subscriber, at most one poll interval.
  private async idleFor(subscriptionId: string): Promise<number> {
    const next = await this.orm.em
      .fork()
      .findOne(
        WebhookDelivery,
        { subscriptionId, status: 'pending' },
        { orderBy: { nextAttemptAt: 'asc' }, fields: ['nextAttemptAt'] },
      );
    const poll = this.config.WEBHOOK_POLL_MS;
    if (!next?.nextAttemptAt) return poll;
    return Math.max(10, Math.min(poll, next.nextAttemptAt.getTime() - this.clock.now().getTime()));
  }

  private async claimNext(subscriptionId: string): Promise<{ delivery: WebhookDelivery; lease: string } | null> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const due = await em.find(
      WebhookDelivery,
      {
        subscriptionId,
        status: 'pending',
        nextAttemptAt: { $lte: now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
      },
      { orderBy: { nextAttemptAt: 'asc', createdAt: 'asc' }, limit: 5 },
    );
    for (const delivery of due) {
      const lease = `${this.instance}-${randomUUID().slice(0, 27)}`;
      const claimed = await em.nativeUpdate(
        WebhookDelivery,
        { id: delivery.id, status: 'pending', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
        { lockedUntil: new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS * 2 + 5000), leaseToken: lease },
      );
      if (claimed === 1) return { delivery, lease };
    }
    return null;
  }

  private async attempt(delivery: WebhookDelivery, lease: string): Promise<void> {
    const em = this.orm.em.fork();
    // Read-only (not managed): this unit of work must never write the subscriber row, which operators may change meanwhile.
    const subscription = await em.findOne(WebhookSubscription, { id: delivery.subscriptionId }, { disableIdentityMap: true });
    if (!subscription || subscription.deletedAt || subscription.status !== 'active') {
      await em.nativeUpdate(WebhookDelivery, { id: delivery.id, leaseToken: lease }, { lockedUntil: null, leaseToken: null });
      return;
    }
    // webhook-id is the CloudEvent id: the same on every retry, so a subscriber can drop duplicates.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/cloudevents+json',
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(this.box.open(subscription.secretSealed), delivery.eventId, timestamp, delivery.body),
    };
    const result = await postOnce(new URL(subscription.callbackUrl), delivery.body, headers, {
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      allowLoopback: this.config.WEBHOOK_ALLOW_LOOPBACK === 'on',
    });
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode <= 299;
    const now = this.clock.now();
    const schedule = this.config.WEBHOOK_RETRY_SCHEDULE;
    const step = delivery.scheduleStep;
    const error = ok ? null : (result.error ?? `HTTP ${result.statusCode}`).slice(0, 500);
    const dead = !ok && step >= schedule.length;
    await em.transactional(async (tx) => {
      tx.persist(
        Object.assign(new WebhookAttempt(), {
          deliveryId: delivery.id,
          subscriptionId: delivery.subscriptionId,
          at: now,
          statusCode: result.statusCode,
          error,
          durationMs: result.durationMs,
        }),
      );
      await tx.nativeUpdate(
        WebhookDelivery,
        { id: delivery.id, leaseToken: lease },
        {
          attempts: delivery.attempts + 1,
          lastStatusCode: result.statusCode,
          lastError: error,
          lockedUntil: null,
          leaseToken: null,
          ...(ok
            ? { status: 'delivered' as const, deliveredAt: now, nextAttemptAt: null }
            : dead
              ? { status: 'dead' as const, nextAttemptAt: null }
              : { scheduleStep: step + 1, nextAttemptAt: new Date(now.getTime() + schedule[step]) }),
        },
      );
    });
    if (dead)
      this.log.warn(
        { subscriptionId: delivery.subscriptionId, eventId: delivery.eventId, attempts: delivery.attempts + 1, error },
        'webhook delivery is now a dead letter',
      );
    else if (!ok)
      this.log.info(
        { subscriptionId: delivery.subscriptionId, eventId: delivery.eventId, error, retryInMs: schedule[step] },
        'webhook delivery failed; will retry',
      );
  }
}
