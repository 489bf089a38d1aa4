import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  transferBatchExported,
  type Caller,
  type Page,
  type ParsedRequestOf,
  type TransferBatch as TransferBatchDto,
  type exportTransfers,
  type listTransferBatches,
} from '@sons/contracts';
import { ATTACHMENTS, CONFIG, EventRecorder, SystemClock, UnitOfWork, luxDate, type AttachmentStore } from '@sons/platform';
import type { BillingConfig } from '../config.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { requireAes } from '../invoice/invoice.service.js';
import { buildPain001, nextBusinessDay } from './pain001.js';
import { TransferBatch } from './transfer-batch.entity.js';

const toDto = (b: TransferBatch): TransferBatchDto => ({
  batchId: b.id,
  messageId: b.messageId,
  createdAt: b.createdAt.toISOString(),
  requestedExecutionDate: b.requestedExecutionDate,
  numberOfTransactions: b.numberOfTransactions,
  controlSumCents: b.controlSumCents,
  invoiceIds: b.invoiceIds,
  attachmentId: b.attachmentId,
  sha256: b.sha256,
});

// AeS pays by bank transfer (PROCESS.md Phase 3.3): approved invoices not yet exported become one SEPA credit
// transfer file for AeS's bank — debtor AeS, one creditor per invoice with the IBAN valid at the invoice date.
@Injectable()
export class TransferService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(ATTACHMENTS) private readonly attachments: AttachmentStore,
    @Inject(CONFIG) private readonly config: BillingConfig,
  ) {}

  async export(
    request: ParsedRequestOf<typeof exportTransfers>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<TransferBatchDto> {
    requireAes(caller, { fr: 'Exporter les virements', en: 'Exporting transfers' });
    const now = this.clock.now();
    const today = luxDate(now);
    const executionDate = request.requestedExecutionDate ?? nextBusinessDay(today);
    if (executionDate < today) {
      throw new DomainError('EXECUTION_DATE_PAST', 400, {
        fr: `La date d’exécution demandée (${executionDate}) est passée.`,
        en: `The requested execution date (${executionDate}) is in the past.`,
      });
    }
    const em = this.uow.fork();
    const where: Record<string, unknown> = { status: 'approved', exportedBatchId: null };
    if (request.invoiceIds?.length) where.id = { $in: request.invoiceIds };
    const invoices = await em.find(Invoice, where, { orderBy: { number: 'asc' }, limit: 5000 });
    if (request.invoiceIds?.length && invoices.length !== new Set(request.invoiceIds).size) {
      const missing = request.invoiceIds.filter((id) => !invoices.some((i) => i.id === id));
      throw new DomainError(
        'INVOICE_NOT_PAYABLE',
        409,
        {
          fr: 'Certaines factures demandées ne sont pas approuvées, sont déjà payées ou figurent déjà dans un fichier de virements.',
          en: 'Some requested invoices are not approved, already paid, or already in a transfer file.',
        },
        { meta: { invoiceIds: missing } },
      );
    }
    if (!invoices.length) {
      throw new DomainError('NOTHING_TO_PAY', 422, {
        fr: 'Aucune facture approuvée et impayée n’attend de virement.',
        en: 'No approved unpaid invoice is waiting for a transfer.',
      });
    }
    const messageId = `SONS-${now.toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const xml = buildPain001({
      messageId,
      createdAt: now,
      requestedExecutionDate: executionDate,
      debtor: { name: this.config.AES_NAME, iban: this.config.AES_IBAN, bic: this.config.AES_BIC },
      transfers: invoices.map((i) => ({
        endToEndId: i.number,
        amountCents: i.totalInclVatCents - i.paidCents,
        creditor: { name: i.issuer.name, iban: i.issuer.iban },
        remittance: `Facture ${i.number} - SONS Vague 2 - aide raccordements`,
      })),
    });
    const stored = await this.attachments.put({
      data: new TextEncoder().encode(xml),
      fileName: `${messageId}.xml`,
      vendorId: null,
      uploadedBy: caller?.userId ?? 'system',
      purpose: 'sepa_credit_transfer',
      contentType: 'application/xml',
    });
    const batch = await this.uow.run(async (tx) => {
      const live = await tx.find(Invoice, { id: { $in: invoices.map((i) => i.id) }, status: 'approved', exportedBatchId: null });
      if (live.length !== invoices.length) {
        throw new DomainError('CONCURRENT_UPDATE', 409, {
          fr: 'Des factures ont changé pendant l’export (autre export ou paiement) : relancez l’export.',
          en: 'Invoices changed during the export (another export or a payment): run the export again.',
        });
      }
      const created = Object.assign(new TransferBatch(), {
        messageId,
        createdAt: now,
        createdBy: caller?.userId ?? 'system',
        requestedExecutionDate: executionDate,
        numberOfTransactions: invoices.length,
        controlSumCents: invoices.reduce((sum, i) => sum + i.totalInclVatCents - i.paidCents, 0),
        invoiceIds: invoices.map((i) => i.id),
        attachmentId: stored.id,
        sha256: stored.sha256,
      });
      tx.persist(created);
      for (const invoice of live) invoice.exportedBatchId = created.id;
      this.events.record(
        tx,
        transferBatchExported,
        {
          batchId: created.id,
          messageId,
          numberOfTransactions: created.numberOfTransactions,
          controlSumCents: created.controlSumCents,
        },
        { caseId: created.id, sequence: 1, correlationId },
      );
      return created;
    });
    return toDto(batch);
  }

  async list(query: ParsedRequestOf<typeof listTransferBatches>, caller: Caller | null): Promise<Page<TransferBatchDto>> {
    requireOperator(caller);
    const where: Record<string, unknown> = {};
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ createdAt: { $lt: new Date(at) } }, { createdAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await this.uow
      .fork()
      .find(TransferBatch, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async get(batchId: string, caller: Caller | null): Promise<TransferBatchDto> {
    requireOperator(caller);
    const batch = await this.uow.fork().findOne(TransferBatch, { id: batchId });
    if (!batch)
      throw new DomainError('TRANSFER_BATCH_NOT_FOUND', 404, {
        fr: 'Ce fichier de virements est introuvable.',
        en: 'This transfer file was not found.',
      });
    return toDto(batch);
  }
}

function requireOperator(caller: Caller | null): void {
  if (caller && !caller.roles.some((r) => ['aes', 'admin', 'incert', 'readonly'].includes(r))) {
    throw new DomainError('TRANSFER_BATCH_NOT_FOUND', 404, {
      fr: 'Ce fichier de virements est introuvable.',
      en: 'This transfer file was not found.',
    });
  }
}
