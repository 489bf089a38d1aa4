import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { DomainError, connectionPaymentRequested, type CloudEvent } from '@sons/contracts';
import { CONFIG, DurableConsumer, ServiceRuntime, SystemClock, UnitOfWork } from '@sons/platform';
import type { BillingConfig } from '../config.js';
import { InvoiceRequest } from './invoice.entity.js';
import { InvoiceRenderer } from './invoice-renderer.js';
import { InvoiceService } from './invoice.service.js';
import { Poller } from './poller.js';

const CONCURRENCY = 8;

// Automatic issuing: a connection whose payment was requested becomes an invoice. The durable consumer only records
// the request (same transaction as the event id); this worker issues it, retrying while a dependency (connection,
// enrolment) does not answer. A crash at any point resumes here: issuing is idempotent per connection.
@Injectable()
export class InvoiceIssuer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: DurableConsumer | null = null;
  private poller: Poller | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(InvoiceService) private readonly invoices: InvoiceService,
    @Inject(InvoiceRenderer) private readonly renderer: InvoiceRenderer,
    @Inject(CONFIG) private readonly config: BillingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.BILLING_AUTO_ISSUE !== 'on') return;
    const { nc, orm, config, log } = this.runtime;
    this.poller = new Poller('invoice-issuer', this.config.BILLING_WORKER_POLL_MS, () => this.tick(), log);
    this.consumer = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'billing-invoice-requests',
      subjects: [connectionPaymentRequested.subject],
      handler: (event, em) => this.onPaymentRequested(event, em),
      log,
    });
    await this.consumer.start();
    this.poller.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.poller?.stop();
  }

  private async onPaymentRequested(event: CloudEvent, em: EntityManager): Promise<void> {
    const { connectionId } = connectionPaymentRequested.data.parse(event.data);
    if (await em.findOne(InvoiceRequest, { connectionId })) return;
    const now = this.clock.now();
    em.persist(Object.assign(new InvoiceRequest(), { connectionId, requestedAt: now, nextAttemptAt: now }));
    setTimeout(() => this.poller?.wake(), 20);
  }

  private async tick(): Promise<boolean> {
    const due = await this.uow
      .fork()
      .find(
        InvoiceRequest,
        { status: 'pending', nextAttemptAt: { $lte: this.clock.now() } },
        { orderBy: { nextAttemptAt: 'asc' }, limit: CONCURRENCY },
      );
    await Promise.all(due.map((request) => this.issueOne(request.connectionId)));
    return due.length === CONCURRENCY;
  }

  private async issueOne(connectionId: string): Promise<void> {
    try {
      const invoice = await this.invoices.issue(connectionId, null, `invoice-request-${connectionId}`);
      await this.uow.run(async (em) => {
        const request = await em.findOneOrFail(InvoiceRequest, { connectionId });
        request.status = 'issued';
        request.invoiceId = invoice.invoiceId;
        request.lastError = null;
      });
      this.renderer.wake();
    } catch (error) {
      // A programme rule (4xx) blocks the request until AeS acts (it can issue by command); anything else retries.
      const blocked = error instanceof DomainError && error.status >= 400 && error.status < 500 && error.status !== 409;
      const message = error instanceof DomainError ? `${error.code}: ${error.body.detail.en}` : (error as Error).message;
      this.runtime.log.warn({ connectionId, err: message, blocked }, 'invoice not issued yet');
      await this.uow.run(async (em) => {
        const request = await em.findOneOrFail(InvoiceRequest, { connectionId });
        request.attempts += 1;
        request.lastError = message.slice(0, 500);
        if (blocked) request.status = 'blocked';
        request.nextAttemptAt = new Date(
          this.clock.now().getTime() + Math.min(300_000, 1000 * 2 ** Math.min(request.attempts, 8)),
        );
      });
    }
  }
}
