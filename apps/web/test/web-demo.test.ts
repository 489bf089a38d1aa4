import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator } from 'playwright-core';
import { ApiClient, DEMO, expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { accessibilityViolations, launch, openPage, seeAttribute, seeText, type Watched } from './browser.js';

// The demo-data command (`npm run demo`, `npm start -- --demo`) against the real running system: it walks four
// fictitious vendors through the programme over the public API only; each then stands at its stage, and the screens a
// newcomer opens show them. Running it again changes nothing.
const root = resolve(import.meta.dirname ?? '.', '..', '..', '..');
const run = promisify(execFile);
const PASSWORD = 'demo-vendor-2026';
let system: RunningSystem;
let browser: Browser;
let firstRun = '';
const watched: Watched[] = [];

const demo = () =>
  run(process.execPath, [resolve(root, 'scripts', 'demo-data.mjs')], {
    cwd: root,
    env: { ...process.env, SONS_BASE_URL: system.baseUrl },
    timeout: 240_000,
  });
const vendor = (email: string) => new ApiClient(system.baseUrl).login(email, PASSWORD);
type Items<T> = { items: T[] };

beforeAll(async () => {
  [system, browser] = await Promise.all([
    startSystem({ name: 'web-demo', env: { RATE_LIMIT_COMMANDS: '100000', RATE_LIMIT_LOGIN: '100000' } }),
    launch(),
  ]);
  firstRun = (await demo()).stdout;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('demo data', () => {
  it('should leave one vendor just enrolled, one in test, one queued for labelling and one labelled with invoices', async () => {
    expect(firstRun).toContain('done');
    const status = async (email: string) =>
      (await (await vendor(email)).get<Items<{ status: string }>>('/api/enrolments?limit=5')).body.items.map((e) => e.status);
    expect(await status('admin@cabinet-nord.demo.lu')).toEqual(['submitted']);
    expect(await status('admin@medisoft.demo.lu')).toEqual(['test_access_granted']);

    const praxis = await vendor('admin@praxis.demo.lu');
    expect(
      (await praxis.get<Items<{ status: string; softwareName: string }>>('/api/labelling/requests?limit=5')).body.items,
    ).toEqual([expect.objectContaining({ status: 'queued', softwareName: 'PraxisMed' })]);

    const zeta = await vendor('admin@zeta.demo.lu');
    const invoices = (await zeta.get<Items<{ status: string; totalInclVatCents: number }>>('/api/invoices?limit=10')).body.items;
    expect(invoices.map((i) => i.status).sort()).toEqual(['approved', 'issued', 'paid']);
    // 640 EUR TTC per connected practice: 1 + 3 + 1 practices.
    expect(invoices.map((i) => i.totalInclVatCents).sort((a, b) => a - b)).toEqual([64000, 64000, 192000]);
    const registry = await new ApiClient(system.baseUrl).get<
      Items<{ vendorName: string; softwareName: string; version: string }>
    >('/api/registry?limit=50');
    expect(registry.body.items).toEqual([
      expect.objectContaining({ vendorName: 'Zeta Logiciels SA', softwareName: 'ZetaCare', version: '3.1' }),
    ]);
  });

  it('should skip the vendors already there when run again', async () => {
    const again = (await demo()).stdout;
    expect(again).toContain(
      'already there, skipped: Cabinet Numérique Nord S.à r.l., MediSoft Luxembourg S.à r.l., Praxis Informatique S.A., Zeta Logiciels SA',
    );
    const aes = await operator(system.baseUrl, 'aes');
    expect((await aes.get<Items<unknown>>('/api/invoices?limit=50')).body.items).toHaveLength(3);
  });

  it('should show the populated screens to a vendor and to INCERT', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto('/login?next=%2Fportal');
    await page.getByLabel('Adresse e-mail').fill('admin@zeta.demo.lu');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/portal');
    await seeText(page.locator('[data-stage="invoices"]'), /640/);
    // Where each case stands: one invoice of each status, AeS still to pay two of them.
    await seeAttribute(page.locator('[data-stage="invoices"] [data-counts]'), 'data-counts', /paid:1/);
    await seeAttribute(page.locator('[data-stage="invoices"]'), 'data-state', 'waiting');
    await seeAttribute(page.locator('[data-stage="labelling"]'), 'data-state', 'done');
    await w.screenshot('60-demo-vendor-dashboard');
    await page.goto('/portal/invoices');
    await expectEventually(async () => expect(await page.getByTestId('invoices').locator('tbody tr').count()).toBe(3));
    await w.screenshot('61-demo-vendor-invoices');

    const o = await openPage(browser, system.baseUrl);
    watched.push(o);
    await o.page.goto('/login?next=%2Fback-office%2Flabelling');
    await o.page.getByLabel('Adresse e-mail').fill(DEMO.incert[0]);
    await o.page.getByLabel('Mot de passe').fill(DEMO.incert[1]);
    await o.page.getByRole('button', { name: 'Se connecter' }).click();
    await o.page.waitForURL('**/back-office/labelling');
    await seeText(o.page.getByTestId('fifo-queue'), 'PraxisMed');
    await o.screenshot('62-demo-labelling-queue');
    await o.page.goto('/back-office/enrolments');
    await seeText(o.page.locator('main'), 'Cabinet Numérique Nord');
    await o.screenshot('63-demo-enrolment-queue');
    for (const x of watched) {
      expect(x.foreign).toEqual([]);
      expect(x.problems).toEqual([]);
    }
  }, 60_000);

  // Automated WCAG 2.x A/AA check (axe-core) of every main screen, populated by the demo data, for each kind of user.
  // What axe cannot judge (reading order, wording, keyboard traps) is left to people; what it can, must pass.
  it('should pass the WCAG 2.1 AA rules axe-core checks on the main screens of each role', async () => {
    const zeta = await vendor('admin@zeta.demo.lu');
    const first = async <T>(client: ApiClient, path: string) => (await client.get<Items<T>>(path)).body.items[0];
    const invoice = await first<{ invoiceId: string }>(zeta, '/api/invoices?limit=1');
    const enrolment = await first<{ enrolmentId: string }>(zeta, '/api/enrolments?limit=1');
    const labelRequest = await first<{ labelRequestId: string }>(zeta, '/api/labelling/requests?limit=1');
    const connection = await first<{ connectionId: string }>(zeta, '/api/connections?limit=1');
    const incert = await operator(system.baseUrl, 'incert');
    const queued = await first<{ enrolmentId: string }>(incert, '/api/enrolments?limit=1&status=submitted');

    const screens: Record<string, { login: readonly [string, string]; paths: string[] }> = {
      public: { login: ['', ''], paths: ['/login', '/register', '/registry', '/verify'] },
      vendor: {
        login: ['admin@zeta.demo.lu', PASSWORD],
        paths: [
          '/portal',
          `/portal/enrolments/${enrolment.enrolmentId}`,
          '/portal/labelling',
          `/portal/labelling/${labelRequest.labelRequestId}`,
          '/portal/labelling/new',
          '/portal/software',
          '/portal/connections',
          `/portal/connections/${connection.connectionId}`,
          '/portal/connections/new',
          '/portal/invoices',
          `/portal/invoices/${invoice.invoiceId}`,
          '/portal/company',
          '/portal/team',
          '/portal/documentation',
        ],
      },
      incert: {
        login: DEMO.incert,
        paths: [
          '/back-office',
          '/back-office/enrolments',
          `/back-office/enrolments/${queued.enrolmentId}`,
          '/back-office/labelling',
          `/back-office/labelling/${labelRequest.labelRequestId}`,
          '/back-office/software',
          '/back-office/connections',
          `/back-office/connections/${connection.connectionId}`,
          '/back-office/change-requests',
          '/back-office/documentation',
          '/back-office/emails',
        ],
      },
      aes: {
        login: DEMO.aes,
        paths: [
          '/back-office/invoices',
          `/back-office/invoices/${invoice.invoiceId}`,
          '/back-office/transfer-batches',
          '/back-office/programme',
          '/back-office/software',
        ],
      },
      admin: {
        login: DEMO.admin,
        paths: [
          '/back-office/users',
          '/back-office/audit',
          '/back-office/templates',
          '/back-office/forms',
          '/back-office/webhooks',
        ],
      },
    };

    const found: string[] = [];
    for (const [who, { login, paths }] of Object.entries(screens)) {
      const w = await openPage(browser, system.baseUrl);
      watched.push(w);
      const { page } = w;
      if (login[0]) {
        await page.goto('/login');
        await page.getByLabel('Adresse e-mail').fill(login[0]);
        await page.getByLabel('Mot de passe').fill(login[1]);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForURL((url) => url.pathname !== '/login');
      }
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page.locator('main .spinner-border').first().waitFor({ state: 'detached' });
        // Forms 3 and 4: checked once Form.io has drawn them.
        if (path.endsWith('/new')) await page.locator('main .formio-form').first().waitFor();
        for (const line of await accessibilityViolations(page)) found.push(`${who} ${path}: ${line}`);
      }
      await w.context.close();
    }
    expect(found).toEqual([]);
  }, 150_000);

  // Keyboard only, as someone who does not use a mouse: sign in, skip to the content, reach the invoices through the
  // navigation, open one, switch the language. Each target must be reachable with Tab and act on Enter.
  it('should let a vendor sign in and reach an invoice with the keyboard alone', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
    // Tabs forward until the target has the focus; fails when it is not reachable within `max` presses.
    const tabTo = async (locator: Locator, max = 60) => {
      for (let i = 0; i < max; i++) {
        if (await focused(locator)) return i;
        await page.keyboard.press('Tab');
      }
      throw new Error(`not reachable with Tab: ${String(locator)}`);
    };

    await page.goto('/login');
    await tabTo(page.getByLabel('Adresse e-mail'));
    await page.keyboard.type('admin@zeta.demo.lu');
    await page.keyboard.press('Tab');
    expect(await focused(page.getByLabel('Mot de passe'))).toBe(true);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/portal');
    await seeText(page.locator('[data-stage="invoices"]'), /640/);

    // On a page just opened, the first Tab shows the skip link; Enter puts the focus on the content.
    await page.reload();
    await seeText(page.locator('[data-stage="invoices"]'), /640/);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    expect(await focused(skip)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused(page.locator('main'))).toBe(true);

    // Navigation: the new page's heading takes the focus, so a screen reader announces where the user is.
    await page.reload();
    await tabTo(page.getByRole('navigation').getByRole('link', { name: 'Factures' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/portal/invoices');
    const heading = page.locator('main h1');
    await heading.waitFor();
    await expectEventually(async () => expect(await focused(heading)).toBe(true));
    const firstInvoice = page.getByTestId('invoices').locator('tbody tr a').first();
    await firstInvoice.waitFor();
    await tabTo(firstInvoice);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/invoices\/[0-9a-f-]+$/);
    await seeText(page.locator('main h1'), /Facture/);

    // Someone who moves on before the first page finished loading (its data held back here) still lands on the heading
    // of the page they went to.
    const slowData = /\/api\/(enrolments|labelling|connections|invoices|notifications|programme)/;
    await page.route(slowData, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/portal');
    await tabTo(page.getByRole('navigation').getByRole('link', { name: 'Factures' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/portal/invoices');
    await heading.waitFor();
    await expectEventually(async () => expect(await focused(heading)).toBe(true));
    await page.unroute(slowData);

    await page.reload();
    await tabTo(page.getByRole('button', { name: 'EN', exact: true }));
    await page.keyboard.press('Enter');
    await seeText(page.locator('main h1'), /Invoice/);
    await w.screenshot('64-keyboard-invoice-en');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  // The public verification page behind the QR code: the reference says whether the document is genuine, and a copy
  // someone was sent is compared with the issued one in the browser (its fingerprint only; the file goes nowhere).
  it('should confirm Zeta’s labelling attestation by its reference and tell a genuine copy from a modified one', async () => {
    const zeta = await vendor('admin@zeta.demo.lu');
    const [request] = (await zeta.get<Items<{ labelRequestId: string }>>('/api/labelling/requests?limit=1')).body.items;
    const detail = (
      await zeta.get<{ documents: { kind: string; reference: string | null; attachmentId: string }[] }>(
        `/api/labelling/requests/${request.labelRequestId}`,
      )
    ).body;
    const attestation = detail.documents.find((d) => d.kind === 'label_attestation' && d.reference)!;
    const pdf = (await zeta.download(`/api/attachments/${attestation.attachmentId}/content`)).data;
    const forged = Buffer.from(pdf);
    forged[Math.floor(forged.length / 2)] ^= 0x01;

    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto(`/verify/${attestation.reference!}`);
    await seeText(page.getByTestId('verify'), 'Document authentique');
    // Withdrawing is for AeS and the admin only: an anonymous reader is not offered it.
    await page.locator('[data-state="done"]').waitFor();
    expect(await page.getByTestId('withdraw-document').count()).toBe(0);
    const copy = page.getByLabel('Vérifier une copie du document (PDF)');
    const uploads = w.requests.length;
    await copy.setInputFiles({ name: 'attestation.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await seeText(page.getByTestId('verify-copy-result'), 'Cette copie est identique au document émis.');
    await copy.setInputFiles({ name: 'attestation-modifiee.pdf', mimeType: 'application/pdf', buffer: forged });
    await seeText(page.getByTestId('verify-copy-result'), 'Cette copie diffère du document émis.');
    await w.screenshot('65-verify-copy-modified');
    // Checked in the browser: choosing the files sent nothing to the server.
    expect(w.requests.slice(uploads)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  });
});
