import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { InvoiceDetail, InvoiceSummary } from '@sons/contracts';
import { DEMO, expectEventually, operator, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
// Phase 3 through the real routes, shared with the gateway's connection and billing tests (an enrolled vendor, a
// labelled version, an invoiceable connection; billing issues its invoice by itself).
import {
  daysAgo,
  enrolVendor,
  invoiceableConnection,
  publishLabel,
  seedTransactions,
  type Vendor,
} from '../../gateway/test/connection-steps.js';
import { launch, openPage, seeAttribute, seeText, type Watched } from './browser.js';

// Phase 3.3 in the browser (PROCESS.md: the vendor invoices 640 EUR TTC per validated connection to AeS; AeS pays by
// bank transfer): AeS opens an invoice from the back-office list, approves it, is stopped at the field by a bad
// amount, puts the invoice in a SEPA credit transfer file (pain.001) and records the transfer that pays it; the
// vendor reads the same invoice, read-only. The documents worker is not started, so the invoice PDF stays « being
// generated » (the gateway's billing-invoice-pdf test covers rendering). No request may leave this machine.
let system: RunningSystem;
let browser: Browser;
let aes: ApiClient;
let vendor: Vendor;
let first: InvoiceDetail;
let second: InvoiceDetail;
let batchId = '';
const watched: Watched[] = [];
const software = { softwareName: 'MediDesk', version: '5.0.0' };
const VENDOR_PASSWORD = 'correct-horse-battery-42';
const EUR_640 = /640,00\s€/;

// The vendor requested payment: billing issues the invoice by itself (auto-issue); read it through the API.
async function invoiceOf(connectionId: string): Promise<InvoiceDetail> {
  const summary = await expectEventually(async () => {
    const list = await vendor.client.get<{ items: InvoiceSummary[] }>(`/api/invoices?connectionId=${connectionId}`);
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0];
  });
  return (await aes.get<InvoiceDetail>(`/api/invoices/${summary.invoiceId}`)).body;
}

beforeAll(async () => {
  [system, browser] = await Promise.all([
    startSystem({ name: 'web-billing', services: ['enrolment', 'connection', 'billing'] }),
    launch(),
  ]);
  let incert: ApiClient;
  [incert, aes] = await Promise.all([operator(system.baseUrl, 'incert'), operator(system.baseUrl, 'aes')]);
  vendor = await enrolVendor(system, 41, { companyName: 'MediSoft Facturation S.à r.l.', iban: 'LU28 0019 4006 4475 0000' });
  await publishLabel(system, vendor, { ...software, labelledAt: daysAgo(30) });
  const providers = [
    { providerCode: '91000001', doctorName: 'Dr Anne Kieffer', transactionReference: 'MH-WEB-BILL-1' },
    { providerCode: '91000002', doctorName: 'Dr Luc Hansen', transactionReference: 'MH-WEB-BILL-2' },
  ];
  await seedTransactions(
    incert,
    providers.map((p) => ({ reference: p.transactionReference, providerCode: p.providerCode, timestamp: daysAgo(2) })),
  );
  first = await invoiceOf((await invoiceableConnection(vendor, incert, software, [providers[0]])).connectionId);
  second = await invoiceOf((await invoiceableConnection(vendor, incert, software, [providers[1]])).connectionId);
  // The second invoice is approved too, so the SEPA page has a choice to make.
  expect((await aes.post(`/api/invoices/${second.invoiceId}/approve`, {})).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const mainNav = (page: Watched['page']) => page.getByRole('navigation', { name: 'Navigation principale' });
const clean = (w: Watched) => {
  expect(w.foreign).toEqual([]);
  expect(w.problems).toEqual([]);
};

async function signIn(w: Watched, email: string, password: string, next: string) {
  await w.page.goto(`/login?next=${encodeURIComponent(next)}`);
  await w.page.getByLabel('Adresse e-mail').fill(email);
  await w.page.getByLabel('Mot de passe').fill(password);
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${next}`);
}

describe('web: invoices, payments and SEPA transfer files', () => {
  it('should let AeS approve an invoice, refuse a bad amount at the field, export it to a SEPA file and record its payment', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await signIn(w, DEMO.aes[0], DEMO.aes[1], '/back-office/invoices');

    // The invoice number in the list opens the invoice.
    const row = page.getByTestId('invoices').locator(`tr[data-invoice-id="${first.invoiceId}"]`);
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'issued');
    await row.getByTestId('invoice-link').click();
    await page.waitForURL(`**/back-office/invoices/${first.invoiceId}`);
    await seeText(page.locator('h1'), first.number);
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'issued');
    // 640 EUR TTC for one provider, with the VAT breakdown the invoice carries (17 %: 547,01 + 92,99).
    const amounts = page.locator('#invoice-amounts');
    await seeText(amounts, /Montant HTVA\s+547,01\s€/);
    await seeText(amounts, /TVA \(17 %\)\s+92,99\s€/);
    await seeText(amounts, /Montant TTC\s+640,00\s€/);
    await seeText(page.getByTestId('invoice-balance'), EUR_640);
    await seeText(page.getByTestId('contact-party'), 'Agence eSanté');
    await seeAttribute(page.getByTestId('invoice-connection'), 'href', `/back-office/connections/${first.connectionId}`);
    // An issued invoice is approved (or cancelled) before any payment can be recorded.
    expect(await page.locator('[data-action-form="record_payment"]').count()).toBe(0);
    expect(await page.locator('[data-action-form="cancel"]').count()).toBe(1);
    await w.screenshot('40-invoice-issued');

    await page.locator('[data-action="approve"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'approved');
    await seeText(page.locator('#timeline'), 'Approuvée par l’Agence eSanté');

    // A bad amount: an unreadable one is stopped in the page, before any request.
    const form = page.locator('[data-action-form="record_payment"]');
    const amount = form.locator('input[name="amount"]');
    const paymentsUrl = `/api/invoices/${first.invoiceId}/payments`;
    await amount.fill('six cent quarante');
    await form.locator('input[name="reference"]').fill(`VIR AES ${first.number}`);
    await page.locator('[data-action="record_payment"]').click();
    await seeAttribute(amount, 'aria-invalid', 'true');
    await seeText(form.locator('.invalid-feedback').first(), 'Montant illisible');
    expect(w.requests.some((u) => u.endsWith(paymentsUrl))).toBe(false);
    // A readable amount the API refuses (zero): the API's own message is shown at the amount field.
    await amount.fill('0,00');
    await page.locator('[data-action="record_payment"]').click();
    await expectEventually(() => expect(w.requests.some((u) => u.endsWith(paymentsUrl))).toBe(true));
    await seeText(form.locator('.invalid-feedback').first(), /amountCents.*minimum 0/);
    await seeAttribute(amount, 'aria-invalid', 'true');
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'approved');
    await seeText(page.locator('#invoice-payments'), 'Aucun virement enregistré');
    await w.screenshot('41-invoice-payment-field-error');

    // SEPA: from the back-office navigation, a new file with the first invoice only.
    await mainNav(page).getByRole('link', { name: 'Virements SEPA' }).click();
    await page.waitForURL('**/back-office/transfer-batches');
    await seeText(page.locator('main'), 'Aucun fichier de virements');
    await page.getByTestId('new-batch').click();
    await page.waitForURL('**/back-office/transfer-batches/new');
    const approved = page.getByTestId('approved-invoices');
    const firstBox = approved.locator(`tr[data-invoice-id="${first.invoiceId}"] input[type="checkbox"]`);
    const secondBox = approved.locator(`tr[data-invoice-id="${second.invoiceId}"] input[type="checkbox"]`);
    expect(await firstBox.isChecked()).toBe(true);
    expect(await secondBox.isChecked()).toBe(true);
    await seeText(page.getByTestId('batch-selection-total'), /2 facture\(s\) sélectionnée\(s\), 1\.280,00\s€/);
    await secondBox.uncheck();
    await seeText(page.getByTestId('batch-selection-total'), /1 facture\(s\) sélectionnée\(s\), 640,00\s€/);
    await w.screenshot('42-transfer-batch-new');
    await page.locator('[data-action="export"]').click();
    await page.waitForURL(/\/back-office\/transfer-batches\/[0-9a-f-]{36}$/);
    batchId = new URL(page.url()).pathname.split('/').pop()!;
    await seeText(page.getByTestId('batch-count'), '1');
    await seeText(page.getByTestId('batch-total'), EUR_640);
    const batchInvoices = page.getByTestId('batch-invoices');
    await seeText(batchInvoices, first.number);
    expect(await batchInvoices.innerText()).not.toContain(second.number);
    // The pain.001 XML link, and what it serves: one transfer whose end-to-end id is the invoice number.
    await seeAttribute(page.getByTestId('batch-xml'), 'href', `/api/transfer-batches/${batchId}/xml`);
    const xml = await page.request.get(`/api/transfer-batches/${batchId}/xml`);
    expect(xml.status()).toBe(200);
    const text = await xml.text();
    expect(text).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(text).toContain(`<EndToEndId>${first.number}</EndToEndId>`);
    expect(text).not.toContain(second.number);
    await w.screenshot('43-transfer-batch');
    await mainNav(page).getByRole('link', { name: 'Virements SEPA' }).click();
    await seeText(page.getByTestId('transfer-batches').locator(`tr[data-batch-id="${batchId}"]`), EUR_640);

    // Back to the invoice: in an exported file it can no longer be cancelled; AeS records the transfer received.
    await page.goto(`/back-office/transfer-batches/${batchId}`);
    await page.getByTestId('batch-invoices').getByRole('link', { name: first.number }).click();
    await page.waitForURL(`**/back-office/invoices/${first.invoiceId}`);
    await seeAttribute(page.getByTestId('invoice-batch'), 'href', `/back-office/transfer-batches/${batchId}`);
    expect(await page.locator('[data-action-form="cancel"]').count()).toBe(0);
    await form.locator('input[name="amount"]').fill('640,00');
    await form.locator('input[name="reference"]').fill(`VIR AES ${first.number}`);
    await page.locator('[data-action="record_payment"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'paid', 20_000);
    await seeText(page.locator('main .alert-success'), /Virement de 640,00\s€ enregistré/);
    const payment = page.getByTestId('payments').locator('tbody tr');
    expect(await payment.count()).toBe(1);
    await seeText(payment, EUR_640);
    await seeText(payment, `VIR AES ${first.number}`);
    expect(await payment.locator('[data-flag]').count()).toBe(0);
    await seeText(page.getByTestId('invoice-balance'), /^0,00\s€$/);
    await w.screenshot('44-invoice-paid');

    const stored = (await aes.get<InvoiceDetail>(`/api/invoices/${first.invoiceId}`)).body;
    expect(stored).toMatchObject({ status: 'paid', paidCents: 64000, paymentFlagged: false, exportedInBatch: batchId });
    expect(stored.payments.map((p) => [p.amountCents, p.reference])).toEqual([[64000, `VIR AES ${first.number}`]]);
    clean(w);
  }, 150_000);

  it('should show the vendor its invoice read-only, with the payment and AeS as the contact point', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await signIn(w, 'vendor41@phase3.example.lu', VENDOR_PASSWORD, '/portal/invoices');
    const row = page.getByTestId('invoices').locator(`tr[data-invoice-id="${first.invoiceId}"]`);
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'paid');
    await row.getByTestId('invoice-link').click();
    await page.waitForURL(`**/portal/invoices/${first.invoiceId}`);
    await seeText(page.locator('h1'), first.number);
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'paid');
    await seeText(page.getByTestId('payments'), EUR_640);
    await seeText(page.getByTestId('invoice-iban'), 'LU280019400644750000');
    await seeText(page.getByTestId('contact-party'), 'Agence eSanté');
    await seeAttribute(page.getByTestId('invoice-connection'), 'href', `/portal/connections/${first.connectionId}`);
    // Read-only: no action, no payment form, no link to AeS's transfer files.
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    expect(await page.locator('form[data-action-form]').count()).toBe(0);
    expect(await page.locator('input[name="amount"]').count()).toBe(0);
    expect(await page.getByTestId('invoice-batch').count()).toBe(0);
    expect(await mainNav(page).getByRole('link', { name: 'Virements SEPA' }).count()).toBe(0);
    // The documents worker is not started here: the PDF is still being generated, and the page says so instead of
    // offering a link that would answer 409.
    await seeText(page.getByTestId('invoice-pdf-pending'), 'en préparation');
    expect(await page.getByTestId('invoice-pdf').count()).toBe(0);
    await w.screenshot('45-vendor-invoice');
    // The back-office SEPA pages are not the vendor's.
    await page.goto('/back-office/transfer-batches');
    await seeText(page.locator('main'), 'Accès non autorisé');
    clean(w);
  }, 60_000);
});
