import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO, startSystem, type RunningSystem } from '@sons/testing';
// The Phase 1 and Phase 2 walk-through over the real routes, shared with the gateway's labelling tests (one place
// keeps the programme's steps; the browser part below is this app's).
import { signInOperators, upload, type Operators } from '../../gateway/test/enrolment-steps.js';
import {
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  step,
  vendorWithTestAccess,
  type VendorSession,
} from '../../gateway/test/labelling-steps.js';
import {
  accessibilityViolations,
  launch,
  openPage,
  SAMPLE_PDF,
  seeAttribute,
  seeClass,
  seeText,
  type Watched,
} from './browser.js';

// Phase 2 in the browser: two vendors' requests wait in the FIFO queue in the order their evidence became complete;
// INCERT takes the head from the back-office and passes the tests; once AeS has issued the label, the public
// registry lists the labelled version.
let system: RunningSystem;
let browser: Browser;
let ops: Operators;
let first: VendorSession;
let second: VendorSession;
const watched: Watched[] = [];
let firstRequest = '';
const PREPARED_AGREEMENT = Buffer.concat([SAMPLE_PDF, Buffer.from('\n% accord préparé par l’Agence eSanté\n')]);

beforeAll(async () => {
  [system, browser] = await Promise.all([
    startSystem({ name: 'web-labelling', services: ['enrolment', 'labelling', 'documents'], env: { SONS_NOW: BEFORE_DEADLINE } }),
    launch(),
  ]);
  ops = await signInOperators(system.baseUrl);
  first = await vendorWithTestAccess(system, ops, 0);
  second = await vendorWithTestAccess(system, ops, 1);
  firstRequest = (
    await fileForm3(first.client, 'MediDoc', '4.2.0', await evidence(first.client, ['RECL-AUTH-01'], { label: 'a' }))
  ).labelRequestId;
  await fileForm3(second.client, 'PraxisMed', '2.0', await evidence(second.client, ['RECL-AUTH-01'], { label: 'b' }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('web: labelling queue and registry', () => {
  it('should show the queue in FIFO order and let INCERT take the head and pass the tests', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto('/login?next=%2Fback-office%2Flabelling');
    await page.getByLabel('Adresse e-mail').fill(DEMO.incert[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.incert[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/back-office/labelling');
    const rows = page.getByTestId('fifo-queue').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await seeText(rows.nth(0), 'MediSoft Luxembourg');
    await seeText(rows.nth(0).locator('td').first(), '1');
    await seeText(rows.nth(1), 'Praxis Informatique');
    await seeText(rows.nth(1).locator('td').first(), '2');
    await w.screenshot('30-labelling-fifo');

    await page.getByTestId('take-next').click();
    await page.waitForURL(`**/back-office/labelling/${firstRequest}`);
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'in_review');
    await page.locator('[data-action-form="pass_tests"] textarea').fill('Tests RECL et documentation technique réussis.');
    await page.locator('[data-action="pass_tests"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'tests_passed', 30_000);
    await seeText(page.locator('#timeline'), 'Attestation de réussite des tests', 30_000);
    await w.screenshot('31-labelling-passed');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it('should record a request taken before the head of the queue, with its reason, for every operator to read', async () => {
    const later = await fileForm3(
      second.client,
      'PraxisAgenda',
      '1.0',
      await evidence(second.client, ['RECL-AUTH-01'], { label: 'c' }),
    );
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto(`/login?next=${encodeURIComponent(`/back-office/labelling/${later.labelRequestId}`)}`);
    await page.getByLabel('Adresse e-mail').fill(DEMO.incert[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.incert[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**/back-office/labelling/${later.labelRequestId}`);
    // The second vendor's PraxisMed, filed before, is at the head (the first vendor's dashboard is checked below):
    // taking PraxisAgenda first needs a reason, said at the field when missing.
    const take = page.locator('[data-action-form="take"]');
    await take.locator('[data-action="take"]').click();
    await seeClass(take.locator('textarea'), /is-invalid/);
    await seeText(take.locator('.invalid-feedback'), 'position 2');
    await take.locator('textarea').fill('Version corrective urgente : faille de sécurité signalée par la CNS.');
    await take.locator('[data-action="take"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'in_review');

    await page.goto('/back-office/labelling');
    const decision = page.getByTestId('queue-decisions').locator('tr[data-decision]');
    await seeText(decision.first(), 'faille de sécurité');
    await seeText(decision.first().locator('td').nth(3), '2');
    await seeAttribute(
      decision.first().locator('td').nth(1).locator('a'),
      'href',
      `/back-office/labelling/${later.labelRequestId}`,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('31a-labelling-out-of-order');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 60_000);

  it('should let AeS send a prepared service agreement instead of the generated one', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto(`/login?next=${encodeURIComponent(`/back-office/labelling/${firstRequest}`)}`);
    await page.getByLabel('Adresse e-mail').fill(DEMO.aes[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.aes[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**/back-office/labelling/${firstRequest}`);
    const form = page.locator('[data-action-form="send_agreement"]');
    await form.getByLabel('Accord préparé (facultatif, PDF)').setInputFiles({
      name: 'accord-prepare.pdf',
      mimeType: 'application/pdf',
      buffer: PREPARED_AGREEMENT,
    });
    await seeText(form.locator('[data-upload="accord-prepare.pdf"]'), 'accord-prepare.pdf');
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.locator('[data-action="send_agreement"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'agreement_sent');
    // The vendor is sent that very file.
    const detail = await first.client.get<{ documents: { kind: string; attachmentId: string }[] }>(
      `/api/labelling/requests/${firstRequest}`,
    );
    const agreement = detail.body.documents.find((d) => d.kind === 'service_agreement');
    const file = await first.client.download(`/api/labelling/requests/${firstRequest}/files/${agreement!.attachmentId}`);
    expect(Buffer.from(file.data).equals(PREPARED_AGREEMENT)).toBe(true);
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 60_000);

  it('should list the labelled version in the public registry', async () => {
    const signed = await upload(first.client, `signed-agreement-${firstRequest}`, 'agreement');
    await step(first.client, firstRequest, 'agreement/sign', { signedAttachmentId: signed });
    await step(ops.aes, firstRequest, 'agreement/confirm');

    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    await w.page.goto('/registry');
    const row = w.page.getByTestId('registry').locator('tbody tr', { hasText: 'MediDoc' });
    await row.first().waitFor({ timeout: 20_000 });
    await seeText(row, '4.2.0');
    await seeText(row, 'MediSoft Luxembourg');
    await seeAttribute(row.locator('[data-label-status]'), 'data-label-status', 'labelled');
    await w.screenshot('32-registry-labelled');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 60_000);

  it('should show the vendor its labelled version, the attestations and the next step (Form 4)', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto('/login?next=%2Fportal%2Flabelling');
    await page.getByLabel('Adresse e-mail').fill('admin0@vendor0.lu');
    await page.getByLabel('Mot de passe').fill('correct-horse-battery-42');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/portal/labelling');
    const row = page.getByTestId('labelling-requests').locator(`tr[data-request-id="${firstRequest}"]`);
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'labelled');
    await w.screenshot('33-vendor-labelling-list');
    await row.getByRole('link').click();
    await page.waitForURL(`**/portal/labelling/${firstRequest}`);
    await seeText(page.locator('.alert'), 'Version labellisée et publiée au registre');
    await seeText(page.locator('#timeline'), 'Attestation de labélisation');
    await w.screenshot('34-vendor-labelled');
    // The dashboard's labelling stage counts the requests by status and is done (the connection service, which the
    // next stage reads, does not run in this test: web-demo.test.ts shows the later stages).
    await page.goto('/portal');
    await seeText(page.locator('[data-stage="labelling"]'), '1 × Labellisée');
    await seeAttribute(page.locator('[data-stage="labelling"]'), 'data-state', 'done');
    await seeText(page.locator('[data-stage="labelling"]'), 'demander des raccordements');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 60_000);
});
