import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvoiceDetail, InvoiceSummary } from '@sons/contracts';
import { expectEventually, operator, readStream, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
import {
  daysAgo,
  enrolVendor,
  invoiceableConnection,
  luVat,
  publishLabel,
  seedTransactions,
  type Vendor,
} from './connection-steps.js';

// The invoice PDF is rendered by the real documents worker (Handlebars → Chromium → pdf-lib) after the number
// committed; its text (pdftotext) carries the number, the vendor, its VAT number and IBAN, and 640,00 €.
describe('invoice PDF', () => {
  let system: RunningSystem;
  let incert: ApiClient;
  let vendor: Vendor;

  beforeAll(async () => {
    system = await startSystem({
      name: 'billing-pdf',
      services: ['enrolment', 'connection', 'billing', 'documents'],
      env: { RATE_LIMIT_COMMANDS: '100000' },
    });
    incert = await operator(system.baseUrl, 'incert');
    vendor = await enrolVendor(system, 31, {
      companyName: 'Logiciels Médicaux Moselle S.à r.l.',
      iban: 'LU28 0019 4006 4475 0000',
      rcsNumber: 'B245817',
    });
    await publishLabel(system, vendor, { softwareName: 'PraxisLux', version: '4.2.0', labelledAt: daysAgo(20) });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should render the invoice PDF with its number, the vendor, VAT number, IBAN and 640,00 € per provider', async () => {
    await seedTransactions(incert, [{ reference: 'MH-PDF-1', providerCode: '93000001', timestamp: daysAgo(1) }]);
    const connection = await invoiceableConnection(vendor, incert, { softwareName: 'PraxisLux', version: '4.2.0' }, [
      { providerCode: '93000001', doctorName: 'Dr Claire Weber', transactionReference: 'MH-PDF-1' },
    ]);
    const summary = await expectEventually(
      async () => {
        const list = await vendor.client.get<{ items: InvoiceSummary[] }>(
          `/api/invoices?connectionId=${connection.connectionId}`,
        );
        expect(list.body.items[0]?.pdfStatus).toBe('rendered');
        return list.body.items[0];
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const invoice = (await vendor.client.get<InvoiceDetail>(`/api/invoices/${summary.invoiceId}`)).body;
    expect(invoice.pdf).not.toBeNull();

    const file = await vendor.client.download(`/api/invoices/${invoice.invoiceId}/pdf`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/pdf');
    const path = join(mkdtempSync(join(tmpdir(), 'invoice-')), 'invoice.pdf');
    writeFileSync(path, file.data);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\u00a0|\u202f/g, ' ');
    expect(text).toContain(invoice.number);
    expect(text).toContain('Logiciels Médicaux Moselle S.à r.l.');
    expect(text).toContain(luVat(300031));
    expect(text).toContain('LU28 0019 4006 4475 0000');
    expect(text).toContain('640,00 €');
    expect(text).toContain('547,01 €');
    expect(text).toContain('92,99 €');
    expect(text).toContain('Agence eSanté');
    expect(text).toContain('Dr Claire Weber');

    // Another vendor cannot download it; the rendering was announced once.
    const other = await enrolVendor(system, 32);
    expect((await other.client.download(`/api/invoices/${invoice.invoiceId}/pdf`)).status).toBe(404);
    const rendered = (await readStream(system.nc, system.stream)).filter(
      (e) => e.subject === invoice.invoiceId && e.type === 'lu.esante.sons.billing.invoice.rendered.v1',
    );
    expect(rendered).toHaveLength(1);
  });
});
