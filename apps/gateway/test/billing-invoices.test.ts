import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { InvoiceAction, InvoiceDetail, InvoiceSummary } from '@sons/contracts';
import { expectEventually, operator, readStream, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
import {
  daysAgo,
  enrolVendor,
  invoiceableConnection,
  issue,
  luVat,
  publishLabel,
  seedTransactions,
  type Provider,
  type Vendor,
} from './connection-steps.js';

const XSD = resolve(import.meta.dirname, '..', '..', 'billing', 'src', 'sepa', 'pain.001.001.09.xsd');
const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Luxembourg' }).format(new Date()).slice(0, 4);

// Phase 3.3 (PROCESS.md): invoices issued in the vendor's name to AeS (identity valid at the invoice date), the VAT
// breakdown of a TTC tariff, payments recorded and flagged, credit notes, and the SEPA credit transfer file.
describe('invoices and payments', () => {
  let system: RunningSystem;
  let incert: ApiClient;
  let aes: ApiClient;
  let readonly: ApiClient;
  let admin: ApiClient;
  let a: Vendor;
  let b: Vendor;
  const software = { softwareName: 'MediDesk', version: '4.2.0' };
  let providerSeq = 0;

  beforeAll(async () => {
    system = await startSystem({
      name: 'billing-invoices',
      services: ['enrolment', 'connection', 'billing', 'documents'],
      env: { RATE_LIMIT_COMMANDS: '100000' },
    });
    [incert, aes, readonly, admin] = await Promise.all([
      operator(system.baseUrl, 'incert'),
      operator(system.baseUrl, 'aes'),
      operator(system.baseUrl, 'readonly'),
      operator(system.baseUrl, 'admin'),
    ]);
    a = await enrolVendor(system, 11, { companyName: 'MediSoft Luxembourg S.à r.l.', iban: 'LU28 0019 4006 4475 0000' });
    b = await enrolVendor(system, 12, { companyName: 'Praxis Solutions SA', iban: 'DE89 3704 0044 0532 0130 00' });
    await publishLabel(system, a, { ...software, labelledAt: daysAgo(60) });
    await publishLabel(system, b, { ...software, labelledAt: daysAgo(60) });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const providers = async (n: number): Promise<Provider[]> => {
    const list = Array.from({ length: n }, () => {
      const code = String(90000000 + ++providerSeq);
      return { providerCode: code, doctorName: `Dr Médecin ${providerSeq}`, transactionReference: `MH-BILL-${providerSeq}` };
    });
    await seedTransactions(
      incert,
      list.map((p) => ({ reference: p.transactionReference, providerCode: p.providerCode, timestamp: daysAgo(2) })),
    );
    return list;
  };

  // The vendor requested payment; billing issues the invoice by itself (auto-issue).
  const invoiceOf = async (vendor: Vendor, connectionId: string): Promise<InvoiceDetail> => {
    const summary = await expectEventually(async () => {
      const list = await vendor.client.get<{ items: InvoiceSummary[] }>(`/api/invoices?connectionId=${connectionId}`);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0];
    });
    const detail = await vendor.client.get<InvoiceDetail>(`/api/invoices/${summary.invoiceId}`);
    expect(detail.status).toBe(200);
    return detail.body;
  };
  const newInvoice = async (vendor: Vendor, n = 1) =>
    invoiceOf(vendor, (await invoiceableConnection(vendor, incert, software, await providers(n))).connectionId);
  const approve = async (invoice: InvoiceDetail) => {
    const response = await aes.post<InvoiceDetail>(`/api/invoices/${invoice.invoiceId}/approve`, {});
    expect(response.status).toBe(200);
    return response.body;
  };
  // What the invoice view says each caller may do now (`allowedActions`): AeS per status, the vendor nothing.
  const actionsOf = async (client: ApiClient, invoice: InvoiceDetail): Promise<InvoiceAction[]> => {
    const response = await client.get<InvoiceDetail>(`/api/invoices/${invoice.invoiceId}`);
    expect(response.status).toBe(200);
    return response.body.allowedActions;
  };
  const pay = (
    invoice: InvoiceDetail,
    amountCents: number,
    reference = `Virement facture ${invoice.number}`,
    paidOn = '2026-11-20',
  ) =>
    aes.post<InvoiceDetail & { code?: string }>(`/api/invoices/${invoice.invoiceId}/payments`, {
      paidOn,
      amountCents,
      reference,
    });

  it('should issue the invoice of an invoiceable connection in the vendor’s name to AeS, 640 EUR TTC per provider with the VAT shown', async () => {
    const connection = await invoiceableConnection(a, incert, software, await providers(3), 'medical_house');
    const invoice = await invoiceOf(a, connection.connectionId);
    expect(invoice.number).toMatch(new RegExp(`^SONS-${year}-\\d{6}$`));
    expect(invoice).toMatchObject({
      status: 'issued',
      connectionId: connection.connectionId,
      vendorId: a.vendorId,
      vendorName: 'MediSoft Luxembourg S.à r.l.',
      totalInclVatCents: 192000,
      vat: { ratePercent: 17 },
      totals: { exclVatCents: 164103, vatCents: 27897, inclVatCents: 192000 },
      software: { name: 'MediDesk', version: '4.2.0' },
      addressee: { name: 'Agence eSanté' },
    });
    expect(invoice.issuer).toMatchObject({
      name: 'MediSoft Luxembourg S.à r.l.',
      vatNumber: luVat(300011),
      iban: 'LU280019400644750000',
      identityVersion: 1,
    });
    expect(invoice.issuer.address).toMatchObject({
      street: '11, rue de la Gare',
      postalCode: 'L-1611',
      city: 'Luxembourg',
      country: 'Luxembourg',
    });
    expect(invoice.lines).toHaveLength(3);
    expect(invoice.lines.every((l) => l.amountInclVatCents === 64000)).toBe(true);
    expect(new Date(invoice.dueOn).getTime() - new Date(invoice.issuedOn).getTime()).toBe(30 * 24 * 3600 * 1000);

    // Issuing again (AeS, or the vendor) answers the same invoice: one invoice per connection.
    const again = await issue(aes, connection.connectionId);
    expect(again.status).toBe(201);
    expect(again.body.invoiceId).toBe(invoice.invoiceId);
    const events = (await readStream(system.nc, system.stream)).filter((e) => e.subject === invoice.invoiceId);
    expect(events.filter((e) => e.type === 'lu.esante.sons.billing.invoice.issued.v1')).toHaveLength(1);
    expect(events[0].data).toMatchObject({ number: invoice.number, totalInclVatCents: 192000, status: 'issued' });

    // Issued: AeS (and the platform admin) may approve or cancel it; its vendor, INCERT and read-only operators
    // may do nothing — and each of those is refused by the API below.
    expect(invoice.allowedActions).toEqual([]);
    expect(await actionsOf(aes, invoice)).toEqual(['approve', 'cancel']);
    expect(await actionsOf(admin, invoice)).toEqual(['approve', 'cancel']);
    expect(await actionsOf(incert, invoice)).toEqual([]);
    expect(await actionsOf(readonly, invoice)).toEqual([]);
    const listed = await aes.get<{ items: InvoiceSummary[] }>(`/api/invoices?connectionId=${connection.connectionId}`);
    expect(listed.body.items.map((i) => i.allowedActions)).toEqual([['approve', 'cancel']]);

    // Vendors see only their invoices; read-only operators read; only AeS approves.
    expect((await b.client.get(`/api/invoices/${invoice.invoiceId}`)).status).toBe(404);
    expect(
      (await b.client.get<{ items: unknown[] }>('/api/invoices')).body.items.map((i) => (i as InvoiceSummary).invoiceId),
    ).not.toContain(invoice.invoiceId);
    expect((await readonly.get(`/api/invoices/${invoice.invoiceId}`)).status).toBe(200);
    expect((await a.client.post(`/api/invoices/${invoice.invoiceId}/approve`, {})).status).toBe(403);
    expect((await incert.post(`/api/invoices/${invoice.invoiceId}/approve`, {})).status).toBe(403);
    expect((await readonly.post(`/api/invoices/${invoice.invoiceId}/approve`, {})).status).toBe(403);
  });

  it('should use the IBAN valid at the invoice date after an approved change request', async () => {
    const before = await newInvoice(b);
    expect(before.issuer.iban).toBe('DE89370400440532013000');
    const change = await b.client.post<{ changeRequestId: string }>(`/api/vendors/${b.vendorId}/change-requests`, {
      changes: { iban: 'LU50 0019 1755 4678 9000' },
      reason: 'Nouveau compte bancaire',
    });
    expect(change.status).toBe(201);
    expect((await aes.post(`/api/change-requests/${change.body.changeRequestId}/approve`, {})).status).toBe(200);
    const after = await newInvoice(b);
    expect(after.issuer).toMatchObject({ iban: 'LU500019175546789000', identityVersion: 2 });
    // The earlier invoice keeps the identity it was issued with.
    expect((await aes.get<InvoiceDetail>(`/api/invoices/${before.invoiceId}`)).body.issuer.iban).toBe('DE89370400440532013000');
  });

  it('should record a transfer that settles the invoice, and flag partial, excess and mismatched ones', async () => {
    const exact = await approve(await newInvoice(a));
    // Approved: AeS records the transfer or cancels; approving again is not offered and is refused.
    expect(exact.allowedActions).toEqual(['record_payment', 'cancel']);
    expect(await actionsOf(a.client, exact)).toEqual([]);
    const twice = await aes.post<{ code: string }>(`/api/invoices/${exact.invoiceId}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('INVALID_TRANSITION');
    const settled = await pay(exact, 64000);
    expect(settled.body).toMatchObject({ status: 'paid', paidCents: 64000, paymentFlagged: false });
    // Paid: a further transfer is still recorded (and flagged overpaid), so it stays offered; cancelling is not.
    expect(settled.body.allowedActions).toEqual(['record_payment']);
    expect(await actionsOf(a.client, exact)).toEqual([]);

    const issued = await newInvoice(a);
    expect(await actionsOf(aes, issued)).not.toContain('record_payment');
    const early = await pay(issued, 64000);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVOICE_NOT_APPROVED');

    const partial = await approve(await newInvoice(a, 2));
    const first = await pay(partial, 100000);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'partially_paid', paidCents: 100000, paymentFlagged: true });
    expect(first.body.payments[0].flags).toEqual(['partial']);
    expect(first.body.allowedActions).toEqual(['record_payment']);
    const lateCancel = await aes.post<{ code: string }>(`/api/invoices/${partial.invoiceId}/cancel`, {
      reason: 'Déjà payée en partie',
    });
    expect(lateCancel.status).toBe(409);
    expect(lateCancel.body.code).toBe('INVALID_TRANSITION');
    const rest = await pay(partial, 28000, 'VIR SEPA AES 20261121');
    expect(rest.body).toMatchObject({ status: 'paid', paidCents: 128000, paymentFlagged: true });
    expect(rest.body.payments[1].flags).toEqual(['reference_mismatch']);

    const over = await approve(await newInvoice(a));
    const overpaid = await pay(over, 65000);
    expect(overpaid.body).toMatchObject({ status: 'overpaid', paymentFlagged: true });
    expect(overpaid.body.payments[0].flags).toEqual(['overpaid']);
    expect(overpaid.body.allowedActions).toEqual(['record_payment']);

    const flagged = await aes.get<{ items: InvoiceSummary[] }>('/api/invoices?flagged=true&limit=100');
    expect(flagged.body.items.map((i) => i.invoiceId).sort()).toEqual([partial.invoiceId, over.invoiceId].sort());
    const types = (await readStream(system.nc, system.stream)).filter((e) => e.subject === partial.invoiceId).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'lu.esante.sons.billing.invoice.partially-paid.v1',
        'lu.esante.sons.billing.invoice.paid.v1',
        'lu.esante.sons.billing.payment.recorded.v1',
      ]),
    );
  });

  it('should record a transfer once when its command is retried with the same idempotency key', async () => {
    const invoice = await approve(await newInvoice(a));
    const key = `pay-${invoice.invoiceId}`;
    const record = (target: InvoiceDetail) =>
      aes.post<InvoiceDetail & { code?: string }>(
        `/api/invoices/${target.invoiceId}/payments`,
        { paidOn: '2026-11-20', amountCents: 64000, reference: `Virement facture ${invoice.number}` },
        { 'Idempotency-Key': key },
      );
    // Clicks and retries at the same moment, then one after: one payment, one event, the invoice paid once.
    const answers = await Promise.all([record(invoice), record(invoice), record(invoice), record(invoice)]);
    const again = await record(invoice);
    for (const answer of [...answers, again]) {
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ status: 'paid', paidCents: 64000, paymentFlagged: false });
      expect(answer.body.payments).toHaveLength(1);
    }
    const recorded = (await readStream(system.nc, system.stream)).filter(
      (e) => e.subject === invoice.invoiceId && e.type === 'lu.esante.sons.billing.payment.recorded.v1',
    );
    expect(recorded).toHaveLength(1);
    // The same key on another invoice is a mistake, not a retry: refused, nothing recorded there.
    const other = await approve(await newInvoice(a));
    const reused = await record(other);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await aes.get<InvoiceDetail>(`/api/invoices/${other.invoiceId}`)).body).toMatchObject({ paidCents: 0, payments: [] });
  });

  it('should cancel an invoice only by a credit note, keep it readable, and let AeS issue a new one', async () => {
    const invoice = await approve(await newInvoice(a));
    const cancelled = await aes.post<InvoiceDetail>(`/api/invoices/${invoice.invoiceId}/cancel`, {
      reason: 'Adresse de facturation erronée',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.creditNote).toMatchObject({
      reason: 'Adresse de facturation erronée',
      amountInclVatCents: 64000,
      vatCents: 9299,
      exclVatCents: 54701,
    });
    expect(cancelled.body.creditNote!.number).toMatch(new RegExp(`^SONS-AV-${year}-000001$`));
    // Cancelled: nothing is offered to anyone, and every action is refused.
    expect(cancelled.body.allowedActions).toEqual([]);
    expect(await actionsOf(a.client, invoice)).toEqual([]);
    expect((await aes.post(`/api/invoices/${invoice.invoiceId}/approve`, {})).status).toBe(409);
    expect((await pay(invoice, 64000)).status).toBe(409);
    expect((await aes.post(`/api/invoices/${invoice.invoiceId}/cancel`, { reason: 'encore une fois' })).status).toBe(409);
    // No deletion: the cancelled invoice stays, and the connection can be invoiced again under a new number.
    const reissued = await issue(aes, invoice.connectionId);
    expect(reissued.status).toBe(201);
    expect(reissued.body.invoiceId).not.toBe(invoice.invoiceId);
    expect(reissued.body.number > invoice.number).toBe(true);
    expect((await a.client.get<InvoiceDetail>(`/api/invoices/${invoice.invoiceId}`)).body.status).toBe('cancelled');
    // A paid invoice cannot be cancelled.
    const paid = await approve(await newInvoice(a));
    expect((await pay(paid, 64000)).body.allowedActions).not.toContain('cancel');
    expect((await aes.post(`/api/invoices/${paid.invoiceId}/cancel`, { reason: 'Trop tard pour annuler' })).status).toBe(409);
  });

  it('should export the approved unpaid invoices as a SEPA pain.001.001.09 file that validates against the EPC schema', async () => {
    const one = await approve(await newInvoice(a, 2));
    const two = await approve(await newInvoice(b));
    expect((await a.client.post('/api/transfer-batches', {})).status).toBe(403);
    const exported = await aes.post<{
      batchId: string;
      numberOfTransactions: number;
      controlSumCents: number;
      invoiceIds: string[];
      messageId: string;
    }>('/api/transfer-batches', {});
    expect(exported.status).toBe(201);
    expect(exported.body.invoiceIds).toEqual(expect.arrayContaining([one.invoiceId, two.invoiceId]));
    const exportedInvoices = await Promise.all(
      exported.body.invoiceIds.map(async (id) => (await aes.get<InvoiceDetail>(`/api/invoices/${id}`)).body),
    );
    expect(exported.body.controlSumCents).toBe(exportedInvoices.reduce((s, i) => s + i.totalInclVatCents, 0));
    expect(exportedInvoices.every((i) => i.status === 'approved' && i.exportedInBatch === exported.body.batchId)).toBe(true);
    // In an exported SEPA file: AeS records the transfer but may no longer cancel, and the API refuses it.
    expect(exportedInvoices.map((i) => i.allowedActions)).toEqual(exportedInvoices.map(() => ['record_payment']));
    expect(await actionsOf(a.client, one)).toEqual([]);
    const inFile = await aes.post<{ code: string }>(`/api/invoices/${one.invoiceId}/cancel`, { reason: 'Erreur de montant' });
    expect(inFile.status).toBe(409);
    expect(inFile.body.code).toBe('INVOICE_IN_TRANSFER_FILE');

    const file = await aes.download(`/api/transfer-batches/${exported.body.batchId}/xml`);
    expect(file.status).toBe(200);
    const xml = new TextDecoder().decode(file.data);
    const path = join(mkdtempSync(join(tmpdir(), 'sepa-')), `${exported.body.messageId}.xml`);
    writeFileSync(path, xml);
    // xmllint (libxml2) validates the file against the EPC schema; a failure throws with its messages.
    execFileSync('xmllint', ['--noout', '--schema', XSD, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(xml).toContain(`<NbOfTxs>${exportedInvoices.length}</NbOfTxs>`);
    expect(xml).toContain('<IBAN>LU500019175546789000</IBAN>');
    expect(xml).toContain(`<EndToEndId>${one.number}</EndToEndId>`);
    expect(xml).toContain('<Nm>MediSoft Luxembourg S.a r.l.</Nm>');
    expect(xml).toContain(`<IBAN>${one.issuer.iban}</IBAN>`);
    expect(xml).toContain(`<IBAN>${two.issuer.iban}</IBAN>`);

    // Exported invoices are not exported twice.
    const second = await aes.post<{ code: string }>('/api/transfer-batches', {});
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('NOTHING_TO_PAY');
    expect(
      (await readonly.get<{ items: { batchId: string }[] }>('/api/transfer-batches')).body.items.map((x) => x.batchId),
    ).toContain(exported.body.batchId);
  });
});
