import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, SYSTEM_CALLER, invoiceRendered, renderPdf } from '@sons/contracts';
import { Bus, CONFIG, EventRecorder, ServiceRuntime, SystemClock, UnitOfWork } from '@sons/platform';
import type { BillingConfig } from '../config.js';
import { Invoice, InvoiceDocument } from './invoice.entity.js';
import { Poller } from './poller.js';

const BATCH = 4;
const VAT_NUMBER = /^[A-Z]{2}[0-9A-Z]{2,13}$/;
const RCS = /^[A-Z][0-9]{1,7}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const groupIban = (iban: string) => iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');

// The data of the documents worker's `invoice` template (apps/documents/templates/invoice/schema.json): amounts are
// integer cents computed here; the template only formats them.
export function invoiceTemplateData(invoice: Invoice, paymentTermDays: number): Record<string, unknown> {
  const issuer = invoice.issuer;
  const rcs = issuer.rcs?.replace(/\s/g, '').toUpperCase();
  return {
    issuer: {
      name: issuer.name,
      address: issuer.address,
      vatNumber: issuer.vatNumber,
      iban: groupIban(issuer.iban),
      ...(rcs && RCS.test(rcs) ? { rcs } : {}),
      ...(issuer.email && EMAIL.test(issuer.email) ? { email: issuer.email } : {}),
    },
    addressee: {
      name: invoice.addressee.name,
      ...(invoice.addressee.department ? { department: invoice.addressee.department } : {}),
      address: invoice.addressee.address,
    },
    invoice: { number: invoice.number, issuedOn: invoice.issuedOn, dueOn: invoice.dueOn, caseReference: invoice.connectionId },
    software: invoice.software,
    lines: invoice.lines.map((l) => ({
      providerName: l.providerName,
      providerCode: l.providerCode,
      ...(l.site ? { site: l.site } : {}),
      connectedOn: l.connectedOn,
      amountInclVatCents: l.amountInclVatCents,
    })),
    vat: { ratePercent: invoice.vatRatePercent },
    totals: { exclVatCents: invoice.exclVatCents, vatCents: invoice.vatCents, inclVatCents: invoice.totalInclVatCents },
    paymentTerms: `${paymentTermDays} jours à compter de la date de facture`,
  };
}

export const invoiceDataProblems = (invoice: Invoice): string[] =>
  VAT_NUMBER.test(invoice.issuer.vatNumber)
    ? []
    : [`issuer VAT number ${invoice.issuer.vatNumber} does not match ${VAT_NUMBER.source}`];

// Renders each invoice's PDF once its number has committed: the documents worker is asked with an idempotency key per
// invoice (a retry after a crash gets the same document), and a failure is retried with backoff until it succeeds.
@Injectable()
export class InvoiceRenderer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private poller: Poller | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(CONFIG) private readonly config: BillingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.poller = new Poller('invoice-renderer', this.config.BILLING_WORKER_POLL_MS, () => this.tick(), this.runtime.log);
    this.poller.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.poller?.stop();
  }

  wake(): void {
    this.poller?.wake();
  }

  private async tick(): Promise<boolean> {
    const due = await this.uow
      .fork()
      .find(
        InvoiceDocument,
        { status: 'pending', nextAttemptAt: { $lte: this.clock.now() } },
        { orderBy: { nextAttemptAt: 'asc' }, limit: BATCH },
      );
    await Promise.all(due.map((d) => this.render(d.invoiceId)));
    return due.length === BATCH;
  }

  private async render(invoiceId: string): Promise<void> {
    const invoice = await this.uow.fork().findOneOrFail(Invoice, { id: invoiceId });
    try {
      const problems = invoiceDataProblems(invoice);
      if (problems.length) throw new Error(problems.join('; '));
      const document = await this.bus.request(
        renderPdf,
        {
          templateKey: 'invoice',
          locale: 'fr',
          data: invoiceTemplateData(invoice, this.config.BILLING_PAYMENT_TERM_DAYS),
          caseId: invoice.id,
          vendorId: invoice.vendorId,
          title: `Facture ${invoice.number}`,
          idempotencyKey: `invoice-${invoice.id}`,
        },
        { caller: SYSTEM_CALLER, correlationId: `invoice-pdf-${invoice.id}`, timeoutMs: this.config.BILLING_RENDER_TIMEOUT_MS },
      );
      await this.uow.run(async (em) => {
        const row = await em.findOneOrFail(InvoiceDocument, { invoiceId });
        if (row.status === 'rendered') return;
        Object.assign(row, {
          status: 'rendered',
          documentId: document.documentId,
          reference: document.reference,
          attachmentId: document.attachmentId,
          sha256: document.sha256,
          renderedAt: this.clock.now(),
          lastError: null,
        });
        const live = await em.findOneOrFail(Invoice, { id: invoiceId });
        this.events.record(
          em,
          invoiceRendered,
          {
            invoiceId,
            number: live.number,
            vendorId: live.vendorId,
            documentId: document.documentId,
            documentReference: document.reference,
          },
          { caseId: invoiceId, sequence: live.nextSequence(), correlationId: `invoice-pdf-${invoiceId}` },
        );
      });
    } catch (error) {
      const message = error instanceof DomainError ? `${error.code}: ${error.body.detail.en}` : (error as Error).message;
      this.runtime.log.warn({ invoiceId, err: message }, 'invoice PDF not rendered yet; will retry');
      await this.uow
        .run(async (em) => {
          const row = await em.findOneOrFail(InvoiceDocument, { invoiceId });
          row.attempts += 1;
          row.lastError = message.slice(0, 500);
          row.nextAttemptAt = new Date(this.clock.now().getTime() + Math.min(300_000, 1000 * 2 ** Math.min(row.attempts, 8)));
        })
        .catch((e: unknown) => this.runtime.log.error({ err: e, invoiceId }, 'could not record the render failure'));
    }
  }
}
