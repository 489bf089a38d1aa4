import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { electronicFormatIBAN } from 'ibantools';
import {
  DomainError,
  SYSTEM_CALLER,
  decodeCursor,
  encodeCursor,
  getConnection,
  getVendor,
  invoiceApproved,
  invoiceCancelled,
  invoiceIssued,
  invoiceOverpaid,
  invoicePaid,
  invoicePartiallyPaid,
  isOperator,
  paymentRecorded,
  type Caller,
  type EventDefinition,
  type InvoiceDetail,
  type InvoiceStatus,
  type InvoiceSummary,
  type Page,
  type ParsedRequestOf,
  type PaymentFlag,
  type VendorDto,
  type listInvoices,
  type recordPayment,
} from '@sons/contracts';
import { Bus, CONFIG, EventRecorder, Programme, SystemClock, UnitOfWork, luxDate } from '@sons/platform';
import type { BillingConfig } from '../config.js';
import { allowedInvoiceActions, assertInvoiceAction, mayActOnInvoices } from './invoice-access.js';
import {
  CreditNote,
  IncentiveClaim,
  Invoice,
  InvoiceDocument,
  Payment,
  type InvoiceLine,
  type IssuerSnapshot,
} from './invoice.entity.js';
import { vatBreakdown, formatInvoiceNumber } from './money.js';
import { allocateNumber } from './numbering.js';

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';
const DAY_MS = 24 * 3600 * 1000;
const countryNames = new Intl.DisplayNames(['fr'], { type: 'region' });
export const countryName = (code: string): string => {
  try {
    return countryNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
};

export const invoiceNotFound = () =>
  new DomainError('INVOICE_NOT_FOUND', 404, { fr: 'Cette facture est introuvable.', en: 'This invoice was not found.' });

// Invoicing and payment → AeS (PROCESS.md, contact points).
export function requireAes(caller: Caller | null, action: { fr: string; en: string }): void {
  if (!mayActOnInvoices(caller)) {
    throw new DomainError('FORBIDDEN', 403, {
      fr: `${action.fr} : réservé à l’Agence eSanté.`,
      en: `${action.en}: Agence eSanté only.`,
    });
  }
}

const normalizeReference = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

@Injectable()
export class InvoiceService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(Programme) private readonly programme: Programme,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(CONFIG) private readonly config: BillingConfig,
  ) {}

  // ---------------------------------------------------------------------------------------------------------------
  // Issue (PROCESS.md Phase 3.3): one invoice per verified connection, in the vendor's name, to AeS.

  async issue(connectionId: string, caller: Caller | null, correlationId: string): Promise<InvoiceDetail> {
    if (caller && isOperator(caller)) requireAes(caller, { fr: 'Émettre une facture', en: 'Issuing an invoice' });
    const existing = await this.liveInvoiceOf(connectionId, caller);
    if (existing) return existing;

    const connection = await this.bus.request(getConnection, { connectionId }, { caller: SYSTEM_CALLER, correlationId });
    if (caller && !isOperator(caller) && caller.vendorId !== connection.vendorId) throw invoiceNotFound();
    if (connection.status !== 'invoiceable') {
      throw new DomainError(
        'CONNECTION_NOT_INVOICEABLE',
        409,
        {
          fr: `La demande de raccordement est au statut « ${connection.status} » : elle ne peut être facturée qu’une fois vérifiée par INCERT et son paiement demandé.`,
          en: `The connection request is "${connection.status}": it can be invoiced only once INCERT verified it and its payment was requested.`,
        },
        { meta: { connectionStatus: connection.status } },
      );
    }
    const now = this.clock.now();
    const issuedOn = luxDate(now);
    // The vendor's identity, VAT number and IBAN valid at the invoice date (changes only by approved change request).
    const vendor = await this.bus.request(
      getVendor,
      { vendorId: connection.vendorId, at: now.toISOString() },
      { caller: SYSTEM_CALLER, correlationId },
    );
    const issuer = this.issuerOf(vendor);
    const settings = this.programme.settings();
    const candidates: InvoiceLine[] = connection.providers
      .filter((p) => p.outcome === 'passed')
      .map((p) => ({
        providerCode: p.providerCode,
        providerName: p.doctorName,
        site: p.siteName,
        connectedOn: luxDate(new Date(p.transaction?.timestamp ?? connection.updatedAt)),
        amountInclVatCents: settings.tariffPerConnectionCents,
      }));

    try {
      const invoice = await this.uow.run(async (em) => {
        // Re-checked inside the transaction; the unique constraint on the live connection settles any race.
        const live = await em.findOne(Invoice, { activeConnectionId: connectionId });
        if (live) return live;
        // A provider already invoiced with this software (any version) gets no second incentive.
        const claimed = await em.find(IncentiveClaim, {
          activeKey: { $in: candidates.map((l) => `${connection.softwareKey}|${l.providerCode}`) },
        });
        if (claimed.length) {
          // Claimed meanwhile by a concurrent issue of this very connection (committed after our first read)?
          const raced = await em.findOne(Invoice, { activeConnectionId: connectionId });
          if (raced) return raced;
        }
        const lines = candidates.filter((l) => !claimed.some((c) => c.providerCode === l.providerCode));
        if (!lines.length) {
          throw new DomainError(
            'NOTHING_TO_INVOICE',
            422,
            {
              fr: 'Aucun médecin de ce raccordement ne donne droit à l’aide : chacun est déjà facturé avec ce logiciel (une mise à jour ne donne jamais droit à une nouvelle aide).',
              en: 'No doctor of this connection gives a right to the incentive: each one is already invoiced with this software (an update never gives a right to a new incentive).',
            },
            { meta: { connectionId } },
          );
        }
        const totals = vatBreakdown(
          lines.reduce((sum, l) => sum + l.amountInclVatCents, 0),
          settings.vatRatePercent,
        );
        const year = Number(issuedOn.slice(0, 4));
        const sequence = await allocateNumber(em, 'invoice', year);
        const created = Object.assign(new Invoice(), {
          number: formatInvoiceNumber(this.config.INVOICE_NUMBER_PREFIX, year, sequence),
          year,
          sequence,
          connectionId,
          activeConnectionId: connectionId,
          vendorId: connection.vendorId,
          issuedOn,
          dueOn: luxDate(new Date(now.getTime() + this.config.BILLING_PAYMENT_TERM_DAYS * DAY_MS)),
          issuedAt: now,
          issuer,
          addressee: {
            name: this.config.AES_NAME,
            department: this.config.AES_DEPARTMENT || null,
            address: {
              street: this.config.AES_STREET,
              postalCode: this.config.AES_POSTAL_CODE,
              city: this.config.AES_CITY,
              country: countryName(this.config.AES_COUNTRY),
            },
          },
          softwareKey: connection.softwareKey,
          software: { name: connection.softwareName, version: connection.softwareVersion },
          lines,
          vatRatePercent: settings.vatRatePercent,
          exclVatCents: totals.exclVatCents,
          vatCents: totals.vatCents,
          totalInclVatCents: totals.inclVatCents,
          updatedAt: now,
        });
        em.persist(created);
        for (const line of lines) {
          em.persist(
            Object.assign(new IncentiveClaim(), {
              activeKey: `${connection.softwareKey}|${line.providerCode}`,
              softwareKey: connection.softwareKey,
              providerCode: line.providerCode,
              invoiceId: created.id,
              claimedAt: now,
            }),
          );
        }
        // The PDF is rendered after this commits (the number exists first), by the render worker.
        em.persist(Object.assign(new InvoiceDocument(), { invoiceId: created.id, nextAttemptAt: now }));
        this.recordStatus(em, created, invoiceIssued, null, correlationId);
        return created;
      });
      return this.get(invoice.id, caller);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'DUPLICATE') {
        const winner = await this.liveInvoiceOf(connectionId, caller);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private issuerOf(vendor: VendorDto): IssuerSnapshot {
    if (!vendor.vatNumber) {
      throw new DomainError(
        'VENDOR_VAT_NUMBER_MISSING',
        422,
        {
          fr: 'La facture à l’Agence eSanté doit porter le numéro de TVA de l’industriel, absent de ses données d’enrôlement : l’industriel le fait ajouter par une demande de modification.',
          en: 'The invoice to Agence eSanté must carry the vendor’s VAT number, which its enrolment data lacks: the vendor adds it through a change request.',
        },
        { meta: { vendorId: vendor.vendorId } },
      );
    }
    const street = vendor.addressStreet ?? vendor.address ?? '—';
    return {
      name: vendor.name,
      address: {
        street: street.trim() || '—',
        postalCode: vendor.addressPostalCode?.trim() || '—',
        city: vendor.addressCity?.trim() || '—',
        country: countryName(vendor.countryOfEstablishment),
      },
      vatNumber: vendor.vatNumber.replace(/\s/g, '').toUpperCase(),
      iban: electronicFormatIBAN(vendor.iban) ?? vendor.iban,
      rcs: vendor.rcsNumber ?? null,
      email: vendor.email ?? null,
      identityVersion: vendor.identityVersion,
    };
  }

  private async liveInvoiceOf(connectionId: string, caller: Caller | null): Promise<InvoiceDetail | null> {
    const live = await this.uow.fork().findOne(Invoice, { activeConnectionId: connectionId });
    return live ? this.get(live.id, caller) : null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // AeS: approve, cancel by credit note, record payments.

  async approve(
    invoiceId: string,
    expectedVersion: number | undefined,
    caller: Caller | null,
    correlationId: string,
  ): Promise<InvoiceDetail> {
    requireAes(caller, { fr: 'Approuver une facture', en: 'Approving an invoice' });
    await this.afterSystemUpdates(expectedVersion, () =>
      this.uow.run(async (em) => {
        const invoice = await this.load(em, invoiceId, caller, expectedVersion);
        assertInvoiceAction(invoice, 'approve');
        const previous = invoice.moveTo('approved', this.clock.now());
        invoice.approvedAt = invoice.updatedAt;
        invoice.approvedBy = caller?.userId ?? 'system';
        this.recordStatus(em, invoice, invoiceApproved, previous, correlationId);
      }),
    );
    return this.get(invoiceId, caller);
  }

  async cancel(
    invoiceId: string,
    expectedVersion: number | undefined,
    reason: string,
    caller: Caller | null,
    correlationId: string,
  ): Promise<InvoiceDetail> {
    requireAes(caller, { fr: 'Annuler une facture', en: 'Cancelling an invoice' });
    await this.afterSystemUpdates(expectedVersion, () =>
      this.uow.run(async (em) => {
        const invoice = await this.load(em, invoiceId, caller, expectedVersion);
        assertInvoiceAction(invoice, 'cancel');
        const now = this.clock.now();
        const previous = invoice.moveTo('cancelled', now);
        const issuedOn = luxDate(now);
        const year = Number(issuedOn.slice(0, 4));
        const sequence = await allocateNumber(em, 'credit_note', year);
        const note = Object.assign(new CreditNote(), {
          number: formatInvoiceNumber(this.config.CREDIT_NOTE_NUMBER_PREFIX, year, sequence),
          invoiceId: invoice.id,
          issuedOn,
          issuedAt: now,
          issuedBy: caller?.userId ?? 'system',
          reason,
          exclVatCents: invoice.exclVatCents,
          vatCents: invoice.vatCents,
          amountInclVatCents: invoice.totalInclVatCents,
        });
        em.persist(note);
        invoice.creditNoteId = note.id;
        // The connection and its providers may be invoiced again (e.g. after the vendor's data was corrected).
        invoice.activeConnectionId = null;
        await em.nativeUpdate(IncentiveClaim, { invoiceId: invoice.id }, { activeKey: null });
        this.events.record(
          em,
          invoiceCancelled,
          { ...this.statusData(invoice, previous), creditNoteId: note.id, creditNoteNumber: note.number },
          { caseId: invoice.id, sequence: invoice.nextSequence(), correlationId },
        );
      }),
    );
    return this.get(invoiceId, caller);
  }

  async recordPayment(
    request: ParsedRequestOf<typeof recordPayment>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<InvoiceDetail> {
    requireAes(caller, { fr: 'Enregistrer un virement', en: 'Recording a transfer' });
    // Two requests with one key at the same moment: the second one's insert meets the unique key (DUPLICATE) or its
    // invoice update the first one's (CONCURRENT_UPDATE); once retried, it finds the payment and records nothing.
    const retryOn = request.idempotencyKey ? ['CONCURRENT_UPDATE', 'DUPLICATE'] : ['CONCURRENT_UPDATE'];
    await this.afterSystemUpdates(
      undefined,
      () => this.uow.run((em) => this.recordPaymentIn(em, request, caller, correlationId)),
      retryOn,
    );
    return this.get(request.invoiceId, caller);
  }

  private async recordPaymentIn(
    em: EntityManager,
    request: ParsedRequestOf<typeof recordPayment>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<void> {
    const invoice = await this.load(em, request.invoiceId, caller);
    if (request.idempotencyKey && (await this.recordedBefore(em, invoice, request.idempotencyKey))) return;
    assertInvoiceAction(invoice, 'record_payment');
    const now = this.clock.now();
    const paid = invoice.paidCents + request.amountCents;
    const flags: PaymentFlag[] = [];
    if (!normalizeReference(request.reference).includes(normalizeReference(invoice.number))) flags.push('reference_mismatch');
    if (paid < invoice.totalInclVatCents) flags.push('partial');
    if (paid > invoice.totalInclVatCents) flags.push('overpaid');
    const payment = Object.assign(new Payment(), {
      invoiceId: invoice.id,
      paidOn: request.paidOn,
      amountCents: request.amountCents,
      reference: request.reference,
      flags,
      recordedBy: caller?.userId ?? 'system',
      recordedAt: now,
      idempotencyKey: request.idempotencyKey ?? null,
    });
    em.persist(payment);
    invoice.paidCents = paid;
    invoice.paymentFlagged = invoice.paymentFlagged || flags.length > 0;
    invoice.updatedAt = now;
    const target: InvoiceStatus =
      paid < invoice.totalInclVatCents ? 'partially_paid' : paid === invoice.totalInclVatCents ? 'paid' : 'overpaid';
    this.events.record(
      em,
      paymentRecorded,
      {
        invoiceId: invoice.id,
        number: invoice.number,
        vendorId: invoice.vendorId,
        paymentId: payment.id,
        amountCents: payment.amountCents,
        flags,
      },
      { caseId: invoice.id, sequence: invoice.nextSequence(), correlationId },
    );
    if (target !== invoice.status) {
      const previous = invoice.moveTo(target, now);
      const definition = target === 'paid' ? invoicePaid : target === 'overpaid' ? invoiceOverpaid : invoicePartiallyPaid;
      this.recordStatus(em, invoice, definition, previous, correlationId);
    }
  }

  // A payment already recorded with this key: on this invoice, the retry is answered with the invoice as it is; on
  // another one, the key was reused by mistake and nothing is recorded.
  private async recordedBefore(em: EntityManager, invoice: Invoice, idempotencyKey: string): Promise<boolean> {
    const earlier = await em.findOne(Payment, { idempotencyKey });
    if (!earlier) return false;
    if (earlier.invoiceId === invoice.id) return true;
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      409,
      {
        fr: 'Cette clé d’idempotence a déjà servi à enregistrer un virement sur une autre facture : envoyez une nouvelle clé pour ce virement.',
        en: 'This idempotency key already recorded a transfer on another invoice: send a new key for this transfer.',
      },
      { meta: { invoiceId: earlier.invoiceId } },
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reads

  async get(invoiceId: string, caller: Caller | null): Promise<InvoiceDetail> {
    const em = this.uow.fork();
    const invoice = await this.load(em, invoiceId, caller);
    const [payments, creditNote, document] = await Promise.all([
      em.find(Payment, { invoiceId }, { orderBy: { recordedAt: 'asc', id: 'asc' } }),
      invoice.creditNoteId ? em.findOne(CreditNote, { id: invoice.creditNoteId }) : Promise.resolve(null),
      em.findOne(InvoiceDocument, { invoiceId }),
    ]);
    return {
      ...this.summaryOf(invoice, document, caller),
      issuer: invoice.issuer,
      addressee: invoice.addressee,
      software: invoice.software,
      lines: invoice.lines,
      vat: { ratePercent: invoice.vatRatePercent },
      totals: { exclVatCents: invoice.exclVatCents, vatCents: invoice.vatCents, inclVatCents: invoice.totalInclVatCents },
      pdf:
        document?.status === 'rendered' && document.documentId && document.attachmentId
          ? {
              documentId: document.documentId,
              reference: document.reference ?? '',
              attachmentId: document.attachmentId,
              sha256: document.sha256 ?? '',
            }
          : null,
      payments: payments.map((p) => ({
        paymentId: p.id,
        paidOn: p.paidOn,
        amountCents: p.amountCents,
        reference: p.reference,
        flags: p.flags,
        recordedBy: p.recordedBy,
        recordedAt: p.recordedAt.toISOString(),
      })),
      creditNote: creditNote
        ? {
            creditNoteId: creditNote.id,
            number: creditNote.number,
            issuedOn: creditNote.issuedOn,
            reason: creditNote.reason,
            amountInclVatCents: creditNote.amountInclVatCents,
            vatCents: creditNote.vatCents,
            exclVatCents: creditNote.exclVatCents,
          }
        : null,
      approvedAt: invoice.approvedAt?.toISOString() ?? null,
      exportedInBatch: invoice.exportedBatchId ?? null,
    };
  }

  async list(query: ParsedRequestOf<typeof listInvoices>, caller: Caller | null): Promise<Page<InvoiceSummary>> {
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (query.connectionId) where.connectionId = query.connectionId;
    if (query.year) where.year = query.year;
    if (query.flagged) where.paymentFlagged = query.flagged === 'true';
    if (caller && !isOperator(caller)) where.vendorId = caller.vendorId ?? NO_VENDOR;
    else if (query.vendorId) where.vendorId = query.vendorId;
    const cursor = decodeCursor(query.cursor);
    if (cursor) where.number = { $gt: String(cursor[0]) };
    const em = this.uow.fork();
    const rows = await em.find(Invoice, where, { orderBy: { number: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const documents = items.length ? await em.find(InvoiceDocument, { invoiceId: { $in: items.map((i) => i.id) } }) : [];
    const last = items.at(-1);
    return {
      items: items.map((i) => this.summaryOf(i, documents.find((d) => d.invoiceId === i.id) ?? null, caller)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.number]) : null,
    };
  }

  async pdf(
    invoiceId: string,
    caller: Caller | null,
  ): Promise<{ invoiceId: string; number: string; attachmentId: string; sha256: string }> {
    const em = this.uow.fork();
    const invoice = await this.load(em, invoiceId, caller);
    const document = await em.findOne(InvoiceDocument, { invoiceId });
    if (document?.status !== 'rendered' || !document.attachmentId) {
      throw new DomainError(
        'INVOICE_PDF_PENDING',
        409,
        {
          fr: 'Le PDF de cette facture est en cours de génération : réessayez dans quelques instants.',
          en: 'The PDF of this invoice is being generated: retry in a moment.',
        },
        { retryable: true, meta: { attempts: document?.attempts ?? 0 } },
      );
    }
    return { invoiceId, number: invoice.number, attachmentId: document.attachmentId, sha256: document.sha256 ?? '' };
  }

  // ---------------------------------------------------------------------------------------------------------------

  // The PDF worker records the rendered document on the invoice in the background; an AeS action that did not pin a
  // version must not fail because of that system update, so it runs again on the fresh row (at most three times).
  // With a pinned version the conflict is the caller's and is answered 409.
  private async afterSystemUpdates<T>(
    expectedVersion: number | undefined,
    work: () => Promise<T>,
    retryOn: readonly string[] = ['CONCURRENT_UPDATE'],
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (expectedVersion !== undefined || attempt >= 3 || !(error instanceof DomainError && retryOn.includes(error.code)))
          throw error;
      }
    }
  }

  async load(em: EntityManager, invoiceId: string, caller: Caller | null, expectedVersion?: number): Promise<Invoice> {
    const invoice = await em.findOne(Invoice, { id: invoiceId });
    // A vendor's user only ever sees its own invoices; anything else looks like "not found".
    if (!invoice || (caller && !isOperator(caller) && caller.vendorId !== invoice.vendorId)) throw invoiceNotFound();
    if (expectedVersion !== undefined && expectedVersion !== invoice.version) {
      throw new DomainError(
        'CONCURRENT_UPDATE',
        409,
        {
          fr: 'Cette facture vient d’être modifiée. Rechargez-la et recommencez votre action.',
          en: 'This invoice was just changed. Reload it and repeat your action.',
        },
        { meta: { expectedVersion, currentVersion: invoice.version } },
      );
    }
    return invoice;
  }

  private summaryOf(i: Invoice, document: InvoiceDocument | null, caller: Caller | null): InvoiceSummary {
    return {
      invoiceId: i.id,
      number: i.number,
      connectionId: i.connectionId,
      vendorId: i.vendorId,
      vendorName: i.issuer.name,
      status: i.status,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      totalInclVatCents: i.totalInclVatCents,
      paidCents: i.paidCents,
      paymentFlagged: i.paymentFlagged,
      pdfStatus: document?.status === 'rendered' ? 'rendered' : 'pending',
      version: i.version,
      allowedActions: allowedInvoiceActions(caller, i),
    };
  }

  private statusData(invoice: Invoice, previous: InvoiceStatus | null) {
    return {
      invoiceId: invoice.id,
      number: invoice.number,
      connectionId: invoice.connectionId,
      vendorId: invoice.vendorId,
      status: invoice.status,
      previousStatus: previous,
      totalInclVatCents: invoice.totalInclVatCents,
      paidCents: invoice.paidCents,
    };
  }

  private recordStatus(
    em: EntityManager,
    invoice: Invoice,
    definition: EventDefinition,
    previous: InvoiceStatus | null,
    correlationId: string,
  ): void {
    this.events.record(em, definition, this.statusData(invoice, previous), {
      caseId: invoice.id,
      sequence: invoice.nextSequence(),
      correlationId,
    });
  }
}
