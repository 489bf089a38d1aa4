import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { raw, type EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  EVENT_CATALOGUE,
  WEBHOOK_PING_TYPE,
  decodeCursor,
  encodeCursor,
  hasRole,
  validationError,
  type Caller,
  type CloudEvent,
  type Page,
  type ParsedRequestOf,
  type WebhookDeliveryDto,
  type WebhookSubscriptionDto,
  type listWebhookDeliveries,
  type registerWebhook,
} from '@sons/contracts';
import { CONFIG, DurableConsumer, ServiceRuntime, SystemClock, UnitOfWork } from '@sons/platform';
import type { NotificationsConfig } from '../config.js';
import { SecretBox } from '../shared/secret-box.js';
import { postOnce } from './http-post.js';
import { generateSecret, secretHint, sign } from './signature.js';
import { checkCallbackUrl, UrlRefused } from './url-guard.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { matchesAny, unknownFilters } from './webhook-filter.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

const MANAGERS = ['admin', 'aes'] as const;
const READERS = ['admin', 'aes', 'readonly'] as const;

const forbidden = () =>
  new DomainError('FORBIDDEN', 403, {
    fr: 'Seuls les opérateurs admin et AeS gèrent les webhooks (lecture seule : readonly).',
    en: 'Only admin and AeS operators manage webhooks (readonly operators may list them).',
  });

const notFound = (id: string) =>
  new DomainError(
    'WEBHOOK_NOT_FOUND',
    404,
    { fr: `Aucun abonné webhook ${id}.`, en: `No webhook subscriber ${id}.` },
    { meta: { subscriptionId: id } },
  );

@Injectable()
export class WebhooksService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: DurableConsumer | null = null;
  private readonly box: SecretBox;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher,
  ) {
    this.box = new SecretBox(config.SONS_SECRET_KEY);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { nc, orm, config, log } = this.runtime;
    // Its own durable: a slow or failing webhook fan-out never holds back the inbox or the e-mails.
    this.consumer = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'notifications-webhooks',
      subjects: EVENT_CATALOGUE.map((e) => e.subject),
      handler: (event, em) => this.fanOut(event, em),
      log,
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  // Same transaction as the processed-event row: an event is queued for every matching subscriber exactly once.
  private async fanOut(event: CloudEvent, em: EntityManager): Promise<void> {
    // Read-only (not managed): the consumer's transaction must never write subscriber rows.
    const subscriptions = await em.find(WebhookSubscription, { status: 'active', deletedAt: null }, { disableIdentityMap: true });
    const vendorId = typeof event.data.vendorId === 'string' ? event.data.vendorId : null;
    const now = this.clock.now();
    const body = JSON.stringify(event);
    const targets = subscriptions.filter((s) => matchesAny(s.eventTypes, event.type) && (!s.vendorId || s.vendorId === vendorId));
    for (const s of targets) {
      em.persist(
        Object.assign(new WebhookDelivery(), {
          subscriptionId: s.id,
          eventId: event.id,
          eventType: event.type,
          caseId: event.subject,
          body,
          nextAttemptAt: now,
          createdAt: now,
        }),
      );
    }
    // The rows commit with the consumer's transaction, just after this returns.
    if (targets.length) setTimeout(() => targets.forEach((s) => this.dispatcher.wake(s.id)), 30);
  }

  async register(
    request: ParsedRequestOf<typeof registerWebhook>,
    caller: Caller | null,
  ): Promise<{ subscription: WebhookSubscriptionDto; secret: string }> {
    if (!caller || !hasRole(caller, ...MANAGERS)) throw forbidden();
    const url = await this.checkUrl(request.callbackUrl);
    const unknown = unknownFilters(request.eventTypes);
    if (unknown.length) {
      throw validationError(
        unknown.map((f) => ({
          path: `eventTypes[${request.eventTypes.indexOf(f)}]`,
          rule: 'known_event_type',
          message: {
            fr: `« ${f} » ne correspond à aucun événement du catalogue (GET /api/events).`,
            en: `"${f}" matches no event of the catalogue (GET /api/events).`,
          },
        })),
      );
    }
    const subscription = Object.assign(new WebhookSubscription(), {
      callbackUrl: url.toString(),
      description: request.description ?? null,
      eventTypes: [...new Set(request.eventTypes)],
      vendorId: request.vendorId ?? null,
      createdAt: this.clock.now(),
      createdBy: caller.email ?? caller.userId,
    });
    const secret = request.secret ?? generateSecret();
    subscription.secretSealed = this.box.seal(secret);
    subscription.secretHint = secretHint(secret);
    if (request.secret) {
      // The subscriber already holds its secret: check it now, store it only if it passes.
      await this.checkCallback(url, secret, subscription.id);
      subscription.status = 'active';
      subscription.verifiedAt = this.clock.now();
    }
    await this.uow.run(async (em) => {
      em.persist(subscription);
    });
    if (subscription.status === 'active') this.dispatcher.wake();
    this.runtime.log.info(
      { subscriptionId: subscription.id, status: subscription.status, by: subscription.createdBy },
      'webhook subscriber registered',
    );
    return { subscription: this.toDto(subscription), secret };
  }

  async verify(subscriptionId: string, caller: Caller | null): Promise<WebhookSubscriptionDto> {
    if (!caller || !hasRole(caller, ...MANAGERS)) throw forbidden();
    const subscription = await this.load(this.uow.fork(), subscriptionId);
    if (subscription.status === 'active') return this.toDto(subscription);
    const url = await this.checkUrl(subscription.callbackUrl);
    await this.checkCallback(url, this.box.open(subscription.secretSealed), subscription.id);
    const updated = await this.uow.run(async (em) => {
      const s = await this.load(em, subscriptionId);
      s.status = 'active';
      s.verifiedAt = this.clock.now();
      return s;
    });
    this.dispatcher.wake();
    return this.toDto(updated);
  }

  async list(query: { limit: number; cursor?: string }, caller: Caller | null): Promise<Page<WebhookSubscriptionDto>> {
    if (!caller || !hasRole(caller, ...READERS)) throw forbidden();
    const em = this.uow.fork();
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = { deletedAt: null };
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ createdAt: { $gt: new Date(at) } }, { createdAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await em.find(WebhookSubscription, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const counts = await this.countsOf(
      em,
      items.map((s) => s.id),
    );
    const last = items.at(-1);
    return {
      items: items.map((s) => ({ ...this.toDto(s), counts: counts.get(s.id) ?? { pending: 0, delivered: 0, dead: 0 } })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async delete(subscriptionId: string, caller: Caller | null): Promise<{ subscriptionId: string; deleted: true }> {
    if (!caller || !hasRole(caller, ...MANAGERS)) throw forbidden();
    await this.uow.run(async (em) => {
      const s = await this.load(em, subscriptionId);
      s.deletedAt = this.clock.now();
      await em.nativeUpdate(
        WebhookDelivery,
        { subscriptionId, status: 'pending' },
        { status: 'dead', nextAttemptAt: null, lastError: 'subscriber deleted before delivery' },
      );
    });
    this.dispatcher.wake();
    this.runtime.log.info({ subscriptionId, by: caller.email ?? caller.userId }, 'webhook subscriber deleted');
    return { subscriptionId, deleted: true };
  }

  async deliveries(
    query: ParsedRequestOf<typeof listWebhookDeliveries>,
    caller: Caller | null,
  ): Promise<Page<WebhookDeliveryDto>> {
    if (!caller || !hasRole(caller, ...READERS)) throw forbidden();
    const em = this.uow.fork();
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = {};
    if (query.subscriptionId) where.subscriptionId = query.subscriptionId;
    if (query.status) where.status = query.status;
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ createdAt: { $lt: new Date(at) } }, { createdAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await em.find(WebhookDelivery, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const attempts = items.length
      ? await em.find(WebhookAttempt, { deliveryId: { $in: items.map((d) => d.id) } }, { orderBy: { id: 'asc' } })
      : [];
    const last = items.at(-1);
    return {
      items: items.map((d) => ({
        id: d.id,
        subscriptionId: d.subscriptionId,
        eventId: d.eventId,
        eventType: d.eventType,
        caseId: d.caseId,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        lastStatusCode: d.lastStatusCode ?? null,
        lastError: d.lastError ?? null,
        createdAt: d.createdAt.toISOString(),
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        log: attempts
          .filter((a) => a.deliveryId === d.id)
          .slice(-50)
          .map((a) => ({
            at: a.at.toISOString(),
            statusCode: a.statusCode ?? null,
            error: a.error ?? null,
            durationMs: a.durationMs,
          })),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  // Dead letters (or one chosen delivery) go back to the queue with a fresh retry schedule.
  async resend(request: { subscriptionId: string; deliveryId?: string }, caller: Caller | null): Promise<{ resent: number }> {
    if (!caller || !hasRole(caller, ...MANAGERS)) throw forbidden();
    const resent = await this.uow.run(async (em) => {
      const s = await this.load(em, request.subscriptionId);
      if (s.status !== 'active') {
        throw new DomainError('WEBHOOK_NOT_ACTIVE', 409, {
          fr: 'Cet abonné n’a pas encore passé la vérification : lancez-la (verify) avant de renvoyer.',
          en: 'This subscriber has not passed verification yet: run verify before resending.',
        });
      }
      const where = request.deliveryId
        ? { id: request.deliveryId, subscriptionId: s.id }
        : { subscriptionId: s.id, status: 'dead' as const };
      const count = await em.nativeUpdate(WebhookDelivery, where, {
        status: 'pending',
        scheduleStep: 0,
        nextAttemptAt: this.clock.now(),
        lockedUntil: null,
        leaseToken: null,
      });
      if (request.deliveryId && count === 0) {
        throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', 404, {
          fr: `Aucune livraison ${request.deliveryId} pour cet abonné.`,
          en: `No delivery ${request.deliveryId} for this subscriber.`,
        });
      }
      return count;
    });
    this.dispatcher.wake(request.subscriptionId);
    this.runtime.log.info(
      { subscriptionId: request.subscriptionId, deliveryId: request.deliveryId, resent, by: caller.email ?? caller.userId },
      'webhook deliveries resent',
    );
    return { resent };
  }

  private async load(em: EntityManager, id: string): Promise<WebhookSubscription> {
    const s = await em.findOne(WebhookSubscription, { id, deletedAt: null });
    if (!s) throw notFound(id);
    return s;
  }

  private async checkUrl(raw: string): Promise<URL> {
    try {
      return await checkCallbackUrl(raw, this.config.WEBHOOK_ALLOW_LOOPBACK === 'on');
    } catch (error) {
      if (!(error instanceof UrlRefused)) throw error;
      throw validationError([{ path: 'callbackUrl', rule: error.rule, message: error.reason }], {
        fr: `URL de rappel refusée : ${error.reason.fr}`,
        en: `Callback URL refused: ${error.reason.en}`,
      });
    }
  }

  // Registration check (issue 8): a signed call must be accepted (2xx) and an unsigned one refused (401/403), so the
  // platform knows the subscriber is reachable and actually checks signatures.
  private async checkCallback(url: URL, secret: string, subscriptionId: string): Promise<void> {
    const timeoutMs = Math.min(this.config.WEBHOOK_TIMEOUT_MS, 10_000);
    const allowLoopback = this.config.WEBHOOK_ALLOW_LOOPBACK === 'on';
    const ping = (check: 'signed' | 'unsigned') => {
      const id = randomUUID();
      const body = JSON.stringify({
        specversion: '1.0',
        id,
        source: '/sons/notifications',
        type: WEBHOOK_PING_TYPE,
        subject: subscriptionId,
        time: this.clock.now().toISOString(),
        datacontenttype: 'application/json',
        data: { subscriptionId, check },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {
        'content-type': 'application/cloudevents+json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
      };
      if (check === 'signed') headers['webhook-signature'] = sign(secret, id, timestamp, body);
      return postOnce(url, body, headers, { timeoutMs, allowLoopback });
    };
    const signed = await ping('signed');
    if (signed.statusCode === null || signed.statusCode < 200 || signed.statusCode > 299) {
      const got =
        signed.statusCode === null
          ? { fr: `aucune réponse (${signed.error})`, en: `no answer (${signed.error})` }
          : { fr: `HTTP ${signed.statusCode}`, en: `HTTP ${signed.statusCode}` };
      throw new DomainError(
        'WEBHOOK_CHECK_FAILED',
        422,
        {
          fr: `Abonnement refusé : l’appel signé de vérification a reçu ${got.fr} ; l’URL de rappel doit répondre 2xx à un appel correctement signé avec ce secret.`,
          en: `Subscription refused: the signed check call got ${got.en}; the callback must answer 2xx to a call correctly signed with this secret.`,
        },
        { meta: { check: 'signed', statusCode: signed.statusCode ?? 0 } },
      );
    }
    const unsigned = await ping('unsigned');
    if (unsigned.statusCode !== 401 && unsigned.statusCode !== 403) {
      const got =
        unsigned.statusCode === null
          ? { fr: `aucune réponse (${unsigned.error})`, en: `no answer (${unsigned.error})` }
          : { fr: `HTTP ${unsigned.statusCode}`, en: `HTTP ${unsigned.statusCode}` };
      throw new DomainError(
        'WEBHOOK_CHECK_FAILED',
        422,
        {
          fr: `Abonnement refusé : l’appel de vérification sans signature a reçu ${got.fr} ; l’URL de rappel doit refuser (401 ou 403) tout appel sans signature valide.`,
          en: `Subscription refused: the unsigned check call got ${got.en}; the callback must refuse (401 or 403) any call without a valid signature.`,
        },
        { meta: { check: 'unsigned', statusCode: unsigned.statusCode ?? 0 } },
      );
    }
  }

  private async countsOf(
    em: EntityManager,
    ids: string[],
  ): Promise<Map<string, { pending: number; delivered: number; dead: number }>> {
    const out = new Map<string, { pending: number; delivered: number; dead: number }>();
    if (!ids.length) return out;
    const rows = await em
      .createQueryBuilder(WebhookDelivery, 'd')
      .select(['d.subscriptionId', 'd.status', raw('count(*) as n')])
      .where({ subscriptionId: { $in: ids } })
      .groupBy(['d.subscriptionId', 'd.status'])
      .execute<Record<string, unknown>[]>('all', false);
    for (const row of rows) {
      const id = String(row.subscription_id ?? row.subscriptionId);
      const status = String(row.status) as 'pending' | 'delivered' | 'dead';
      const entry = out.get(id) ?? { pending: 0, delivered: 0, dead: 0 };
      entry[status] = Number(row.n);
      out.set(id, entry);
    }
    return out;
  }

  private toDto(s: WebhookSubscription): WebhookSubscriptionDto {
    return {
      id: s.id,
      callbackUrl: s.callbackUrl,
      description: s.description ?? null,
      eventTypes: s.eventTypes,
      vendorId: s.vendorId ?? null,
      status: s.status,
      secretHint: s.secretHint,
      createdAt: s.createdAt.toISOString(),
      createdBy: s.createdBy,
      verifiedAt: s.verifiedAt?.toISOString() ?? null,
    };
  }
}
