import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startSystem, type RunningSystem } from '@sons/testing';
// Setup through the real routes with the gateway tests' programme steps; the vendor's own steps are done in the browser.
import { signInOperators, type Operators } from '../../gateway/test/enrolment-steps.js';
import {
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  next,
  step,
  vendorWithTestAccess,
  type Detail,
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

// Phase 2, the vendor's steps with files on its case page (/portal/labelling/:id): it returns the service agreement
// AeS sent, signed, and AeS's confirmation publishes the label; after INCERT failed the tests it sends a new
// iteration of evidence and the request is back in the queue; it completes an incomplete request's evidence; it
// answers a complement request with a file.
let system: RunningSystem;
let browser: Browser;
let ops: Operators;
let vendor: VendorSession;
let agreementCase = '';
let failedCase = '';
let incompleteCase = '';

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: SAMPLE_PDF });
const statusOf = (page: Page) => page.locator('.page-header [data-status]');

async function vendorPage(path: string): Promise<Watched> {
  const w = await openPage(browser, system.baseUrl);
  await w.page.goto(`/login?next=${encodeURIComponent(path)}`);
  await w.page.getByLabel('Adresse e-mail').fill('admin0@vendor0.lu');
  await w.page.getByLabel('Mot de passe').fill('correct-horse-battery-42');
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${path}`);
  return w;
}

beforeAll(async () => {
  [system, browser] = await Promise.all([
    startSystem({
      name: 'web-labelling-vendor',
      services: ['enrolment', 'labelling', 'documents'],
      env: { SONS_NOW: BEFORE_DEADLINE },
    }),
    launch(),
  ]);
  ops = await signInOperators(system.baseUrl);
  vendor = await vendorWithTestAccess(system, ops, 0);
  const file = async (software: string, ids: string[], options: { withoutProof?: string[] } = {}): Promise<Detail> =>
    fileForm3(vendor.client, software, '1.0', await evidence(vendor.client, ids, { label: software, ...options }));
  agreementCase = (await file('MediDoc', ['RECL-AUTH-01'])).labelRequestId;
  failedCase = (await file('MediAgenda', ['RECL-AUTH-01', 'RECL-LOG-02'])).labelRequestId;
  const incomplete = await file('MediLab', ['RECL-AUTH-01', 'RECL-LOG-02'], { withoutProof: ['RECL-LOG-02'] });
  expect(incomplete.status).toBe('evidence_incomplete');
  incompleteCase = incomplete.labelRequestId;
  // INCERT passes the first (head of the queue) and fails the second; AeS sends the agreement of the first.
  expect((await next(ops.incert)).labelRequestId).toBe(agreementCase);
  await step(ops.incert, agreementCase, 'pass');
  await step(ops.aes, agreementCase, 'agreement/send');
  expect((await next(ops.incert)).labelRequestId).toBe(failedCase);
  await step(ops.incert, failedCase, 'fail', { results: 'RECL-LOG-02 : journal d’audit incomplet.' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('web: the vendor’s labelling steps with files', () => {
  it('should let the vendor download the agreement and return it signed; AeS confirms and the label is published', async () => {
    const w = await vendorPage(`/portal/labelling/${agreementCase}`);
    const { page } = w;
    await seeAttribute(statusOf(page), 'data-status', 'agreement_sent');
    await seeText(page.locator('.alert').first(), 'Signez l’accord de service');
    const form = page.locator('[data-action-form="sign_agreement"]');
    // The agreement AeS sent is downloadable from the form.
    const href = await form.getByTestId('agreement-download').getAttribute('href');
    const agreement = await page.request.get(href!);
    expect(agreement.status()).toBe(200);
    expect((await agreement.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Nothing chosen: the file field says so, nothing is sent.
    await form.locator('[data-action="sign_agreement"]').click();
    await seeClass(form.getByLabel('Accord signé'), /is-invalid/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByLabel('Accord signé').setInputFiles(pdf('accord-signe.pdf'));
    await seeText(form.locator('[data-upload="accord-signe.pdf"]'), 'accord-signe.pdf');
    await w.screenshot('35-vendor-sign-agreement');
    await form.locator('[data-action="sign_agreement"]').click();
    await seeAttribute(statusOf(page), 'data-status', 'agreement_signed', 30_000);
    await seeText(page.locator('body'), 'Accord signé renvoyé à l’Agence eSanté.');
    await seeText(page.locator('.alert').filter({ hasText: 'attestation de labélisation' }), 'L’Agence eSanté va émettre');
    await seeText(page.getByTestId('contact-party'), 'Agence eSanté');
    await seeText(page.locator('#timeline'), 'Accord signé');
    expect(await page.locator('[data-action-form="sign_agreement"]').count()).toBe(0);

    await step(ops.aes, agreementCase, 'agreement/confirm');
    await page.reload();
    await seeAttribute(statusOf(page), 'data-status', 'labelled', 30_000);
    await seeText(page.locator('#timeline'), 'Attestation de labélisation');
    const registry = await page.request.get('/api/registry?limit=50');
    expect(JSON.stringify(await registry.json())).toContain('MediDoc');
    await w.screenshot('36-vendor-agreement-labelled');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 90_000);

  it('should let the vendor send a new iteration of evidence after failed tests, back into the queue', async () => {
    const w = await vendorPage(`/portal/labelling/${failedCase}`);
    const { page } = w;
    await seeAttribute(statusOf(page), 'data-status', 'tests_failed');
    await seeText(page.locator('#timeline'), 'journal d’audit incomplet');
    const form = page.locator('[data-action-form="submit"]');
    const lines = form.locator('[data-evidence-line]');
    // The lines start from the requirements of the failed iteration.
    expect(await lines.count()).toBe(2);
    await seeAttribute(lines.nth(0), 'data-requirement', 'RECL-AUTH-01');
    await seeAttribute(lines.nth(1), 'data-requirement', 'RECL-LOG-02');
    // A line without proof file and no declaration: said at the field, nothing sent.
    await lines.nth(0).getByLabel('Fichiers de preuve').setInputFiles(pdf('auth-v2.pdf'));
    await form.locator('[data-action="submit"]').click();
    await seeClass(lines.nth(1).getByLabel('Fichiers de preuve'), /is-invalid/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await lines
      .nth(1)
      .getByLabel('Fichiers de preuve')
      .setInputFiles([pdf('audit-log-v2.pdf'), pdf('audit-log-v2-annexe.pdf')]);
    await form.locator('[data-action="submit"]').click();
    await seeClass(form.locator('input[name="declaration"]'), /is-invalid/);
    await form.getByLabel('Je certifie que les tests').check();
    await seeClass(form.locator('input[name="declaration"]'), /is-invalid/, false);
    await w.screenshot('37-vendor-new-iteration');
    await form.locator('[data-action="submit"]').click();
    await seeAttribute(statusOf(page), 'data-status', 'queued', 30_000);
    await seeText(page.locator('body'), 'Nouvelle itération envoyée.');
    await seeText(page.getByTestId('queue-position'), '1 sur 1');
    await seeText(page.locator('.alert').filter({ hasText: 'file' }), 'INCERT la traitera à son tour');
    await seeText(page.getByTestId('contact-party'), 'INCERT');
    const after = (await vendor.client.get<Detail>(`/api/labelling/requests/${failedCase}`)).body;
    expect(after.iteration).toBe(2);
    expect(after.evidence.filter((e) => e.iteration === 2).map((e) => [e.requirementId, e.files.length])).toEqual([
      ['RECL-AUTH-01', 1],
      ['RECL-LOG-02', 2],
    ]);
    await w.screenshot('38-vendor-iteration-queued');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 90_000);

  it('should let the vendor add the missing evidence of an incomplete request, which then enters the queue', async () => {
    const w = await vendorPage(`/portal/labelling/${incompleteCase}`);
    const { page } = w;
    await seeAttribute(statusOf(page), 'data-status', 'evidence_incomplete');
    const form = page.locator('[data-action-form="add_evidence"]');
    const lines = form.locator('[data-evidence-line]');
    expect(await lines.count()).toBe(1);
    await seeAttribute(lines.nth(0), 'data-requirement', 'RECL-LOG-02');
    await lines.nth(0).getByLabel('Fichiers de preuve').setInputFiles(pdf('audit-log.pdf'));
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.locator('[data-action="add_evidence"]').click();
    await seeAttribute(statusOf(page), 'data-status', 'queued', 30_000);
    await seeText(page.locator('body'), 'Preuves ajoutées.');
    await seeText(page.getByTestId('queue-position'), '2 sur 2');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 90_000);

  it('should let the vendor answer a complement request with a file', async () => {
    expect((await next(ops.incert)).labelRequestId).toBe(failedCase);
    await step(ops.incert, failedCase, 'complement-request', { message: 'Joignez l’export du journal d’audit.' });
    const w = await vendorPage(`/portal/labelling/${failedCase}`);
    const { page } = w;
    await seeAttribute(statusOf(page), 'data-status', 'complement_requested');
    const form = page.locator('[data-action-form="answer_complement"]');
    await form.getByLabel('Votre réponse').fill('Voici l’export demandé.');
    await form.getByLabel('Fichiers joints').setInputFiles(pdf('export-journal.pdf'));
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.locator('[data-action="answer_complement"]').click();
    await seeAttribute(statusOf(page), 'data-status', 'complement_answered', 30_000);
    await seeText(page.locator('body'), 'Réponse envoyée à INCERT.');
    await seeText(page.locator('#timeline'), 'Voici l’export demandé.');
    await seeText(page.locator('#timeline'), 'export-journal.pdf');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 90_000);
});
