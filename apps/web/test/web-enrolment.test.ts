import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO } from '@sons/testing';
import {
  accessibilityViolations,
  launch,
  openPage,
  systemFor,
  randomLegalMatricule,
  randomLuVat,
  SAMPLE_PDF,
  seeAttribute,
  seeClass,
  seeText,
  seeValue,
  type Watched,
} from './browser.js';

// Phase 1 in the browser against the real system: a vendor registers, fills Form 1 (Form.io) with its signed NDA,
// sees the case on its dashboard; an INCERT operator finds it in the back-office queue and opens it.
let system: { baseUrl: string; stop: () => Promise<void> };
let browser: Browser;
const vendorEmail = `vendor-${Date.now()}@medisoft.lu`;
const companyName = `Medisoft ${Date.now().toString(36)} S.à r.l.`;
const watched: Watched[] = [];
let vendorPage: Watched['page'];
let operatorPage: Watched['page'];
const vat = randomLuVat();
// A PDF distinct from the vendor's own NDA, so the download proves which file the vendor gets.
const RCS_PDF = Buffer.concat([SAMPLE_PDF, Buffer.from('\n% extrait RCS\n')]);
const NEW_NDA_PDF = Buffer.concat([SAMPLE_PDF, Buffer.from('\n% NDA signé au nom de la société\n')]);
const COUNTERSIGNED_PDF = Buffer.concat([SAMPLE_PDF, Buffer.from('\n% countersigned by the Agence eSante\n')]);

beforeAll(async () => {
  [system, browser] = await Promise.all([systemFor('web-enrolment', ['enrolment', 'notifications']), launch()]);
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const noForeignRequests = () => {
  for (const w of watched) {
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }
};

describe('web: enrolment in the browser', () => {
  it('should let a vendor register, enrol through Form 1 and see the case on the dashboard', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    vendorPage = page;

    await page.goto('/');
    await seeText(page.locator('h1'), /SONS « Vague 2 »/);
    await w.screenshot('01-home');

    await page.getByRole('link', { name: 'Créer un compte industriel' }).click();
    await page.getByLabel('Votre nom').fill('Claire Weber');
    await page.getByLabel('Adresse e-mail').fill(vendorEmail);
    await page.getByLabel('Mot de passe').fill('correct-horse-battery-42');
    await w.screenshot('02-register');
    await page.getByRole('button', { name: 'Créer le compte' }).click();

    await page.waitForURL('**/portal');
    await seeText(page.locator('[data-stage="enrolment"]'), 'pas encore envoyé');
    await w.screenshot('03-dashboard-new-vendor');
    await page.getByTestId('start-enrolment').first().click();

    await page.waitForURL('**/portal/enrolment/new');
    const form = page.getByTestId('form1');
    await form.locator('.formio-form').waitFor();
    await form.getByLabel('Une personne morale (société)').check();
    await form.locator('input[name="data[companyName]"]').fill(companyName);
    await form.locator('input[name="data[ceoFirstName]"]').fill('Claire');
    await form.locator('input[name="data[ceoLastName]"]').fill('Weber');
    await form.locator('input[name="data[matricule]"]').fill(randomLegalMatricule());
    // Choose the country by clicking its option (typing + Enter raced the dropdown's filtering under load), and retry
    // until the RCS field — shown only for Luxembourg — appears.
    const rcs = form.locator('input[name="data[rcsNumber]"]');
    for (let attempt = 1; attempt <= 3 && !(await rcs.isVisible()); attempt++) {
      await form.locator('.formio-component-countryOfEstablishment .choices').click();
      await page.keyboard.type('Luxembourg');
      const option = form
        .locator('.formio-component-countryOfEstablishment .choices__list--dropdown .choices__item--choice', {
          hasText: 'Luxembourg',
        })
        .first();
      await option.waitFor({ state: 'visible', timeout: 10_000 });
      await option.click();
      await rcs.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    }
    await rcs.fill('B123456');
    await form.locator('input[name="data[vatNumber]"]').fill(vat);
    await form.locator('input[name="data[addressStreet]"]').fill('12, rue de la Gare');
    await form.locator('input[name="data[addressPostalCode]"]').fill('L-1611');
    await form.locator('input[name="data[addressCity]"]').fill('Luxembourg');
    await form.locator('input[name="data[email]"]').fill('contact@medisoft.lu');
    // A wrong IBAN checksum: the server refuses it and the message shows at the IBAN field.
    await form.locator('input[name="data[iban]"]').fill('LU28 0019 4006 4475 0001');
    await form.getByLabel("Intégration de l'eConnector NG").check();
    await form.locator('input[name="data[intendedSoftwareName]"]').fill('MediDoc');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      form.locator('.formio-component-ndaFile a.browse').click(),
    ]);
    await chooser.setFiles({ name: 'nda-industriels-signe.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await seeText(form.locator('.formio-component-ndaFile'), 'nda-industriels-signe.pdf');
    await form.locator('input[name="data[declaration]"]').check();
    // The draft is saved as the vendor types.
    await seeText(page.getByTestId('draft-status'), 'Brouillon enregistré à');
    await w.screenshot('04-form1-filled');
    // Form 1 as Form.io draws it, filled in, then with the server's error at its field: WCAG 2.1 AA rules (axe-core).
    expect(await accessibilityViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Envoyer' }).click();
    const ibanField = form.locator('.formio-component-iban');
    await seeClass(ibanField, /has-error|formio-error-wrapper/, true, 15_000);
    await seeText(ibanField, 'IBAN');
    await w.screenshot('05-form1-server-error');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The draft survives a reload.
    await page.reload();
    await form.locator('.formio-form').waitFor();
    await seeValue(form.locator('input[name="data[companyName]"]'), companyName);

    // It is kept on the server: the same vendor signing in from another browser (no shared storage) resumes it.
    const other = await openPage(browser, system.baseUrl);
    await other.page.goto('/login?next=%2Fportal%2Fenrolment%2Fnew');
    await other.page.getByLabel('Adresse e-mail').fill(vendorEmail);
    await other.page.getByLabel('Mot de passe').fill('correct-horse-battery-42');
    await other.page.getByRole('button', { name: 'Se connecter' }).click();
    await other.page.waitForURL('**/portal/enrolment/new');
    await other.page.getByTestId('form1').locator('.formio-form').waitFor();
    await seeValue(other.page.getByTestId('form1').locator('input[name="data[companyName]"]'), companyName);
    await seeValue(other.page.getByTestId('form1').locator('input[name="data[intendedSoftwareName]"]'), 'MediDoc');
    await other.screenshot('04b-form1-resumed-elsewhere');
    expect(other.foreign).toEqual([]);
    expect(other.problems).toEqual([]);
    await other.context.close();

    await form.locator('input[name="data[iban]"]').fill('LU28 0019 4006 4475 0000');
    await seeClass(ibanField, /has-error/, false);
    await form.getByRole('button', { name: 'Envoyer' }).click();

    await page.waitForURL(/\/portal\/enrolments\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await seeText(page.locator('h1'), companyName);
    await seeText(page.locator('.alert-success'), 'demande d’enrôlement a été envoyée');
    // Submitted: the draft is discarded on the server, so no other browser resumes it.
    expect(await page.evaluate(async () => (await fetch('/api/forms/form1/drafts/current')).status)).toBe(404);
    await seeAttribute(page.locator('[data-status]').first(), 'data-status', 'submitted');
    await seeText(page.getByTestId('contact-party'), 'Agence eSanté');
    await seeText(page.getByTestId('submitted-data'), companyName);
    await seeText(page.locator('#timeline'), 'Formulaire 1 envoyé');
    await w.screenshot('06-vendor-case');

    await page.getByRole('link', { name: 'Tableau de bord' }).first().click();
    await page.waitForURL('**/portal');
    const stage = page.locator('[data-stage="enrolment"]');
    await seeAttribute(stage, 'data-state', 'waiting');
    await seeAttribute(stage.locator('[data-status]'), 'data-status', 'submitted');
    await seeText(stage, 'INCERT vérifie votre demande');
    await seeText(stage, 'Agence eSanté');
    await seeText(page.locator('#calendar [data-milestone="productionGoLive"]'), 'date à fixer');
    expect(await page.locator('#calendar [data-milestone="complementDeadline"]').count()).toBe(1);
    await w.screenshot('07-vendor-dashboard');

    // English on request, kept across pages.
    await page.getByRole('button', { name: 'EN' }).click();
    await seeText(page.locator('h1'), 'Dashboard');
    await seeText(stage, 'INCERT is checking your enrolment request');
    await page.reload();
    await seeText(page.locator('h1'), 'Dashboard');
    await w.screenshot('08-vendor-dashboard-en');
    noForeignRequests();
  }, 80_000);

  it('should show the case in the INCERT back-office queue and open it read-only', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    operatorPage = page;
    await page.goto('/back-office');
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Adresse e-mail').fill(DEMO.incert[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.incert[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.waitForURL('**/back-office/enrolments');
    const queue = page.getByTestId('enrolment-queue');
    const row = queue.locator('tr', { hasText: companyName });
    await row.first().waitFor({ state: 'visible' });
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'submitted');
    await w.screenshot('09-backoffice-queue');

    // Filtering by another status hides it; the filter lives in the URL.
    await page.getByLabel('Statut').selectOption('rejected');
    await page.waitForURL('**/back-office/enrolments?status=rejected');
    await page.getByText('Aucun dossier ne correspond à ces filtres').first().waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Réinitialiser' }).first().click();

    await page.getByTestId('enrolment-queue').getByRole('link', { name: companyName }).click();
    await page.waitForURL(/\/back-office\/enrolments\/[0-9a-f-]{36}$/);
    await seeText(page.locator('h1'), companyName);
    const data = page.getByTestId('submitted-data');
    await seeText(data, companyName);
    await seeText(data, 'B123456');
    // Read-only: no editable inputs in the rendered submission.
    expect(await data.locator('input:not([type=hidden]):not([disabled])').count()).toBe(0);
    await seeAttribute(page.locator('#documents a[data-nda="signed"]'), 'href', /\/api\/enrolments\/[0-9a-f-]{36}\/nda\/signed$/);
    await w.screenshot('10-backoffice-case');
    noForeignRequests();
  }, 60_000);

  it('should let INCERT take and validate the case, and show the vendor its next step', async () => {
    const page = operatorPage;
    const w = watched[1];
    await page.locator('[data-action="assign"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'under_review');

    // INCERT asks for more; the vendor answers with a document and a new NDA signed under the company's name.
    await page
      .locator('[data-action-form="request_information"] textarea')
      .fill('Merci de joindre l’extrait RCS et un NDA signé au nom de la société.');
    await page.locator('[data-action="request_information"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'information_requested');
    const caseId = page.url().split('/').pop() ?? '';
    await vendorPage.goto(`/portal/enrolments/${caseId}`);
    const answer = vendorPage.getByTestId('answer-form');
    await seeText(answer.locator('blockquote'), 'extrait RCS');
    await answer.locator('button[type="submit"]').click();
    await seeClass(answer.getByLabel('Your answer'), /is-invalid/);
    await answer.getByLabel('Your answer').fill('Voici l’extrait RCS et le NDA signé au nom de la société.');
    await answer
      .getByLabel('Requested files (optional)')
      .setInputFiles({ name: 'extrait-rcs.pdf', mimeType: 'application/pdf', buffer: RCS_PDF });
    await answer
      .getByLabel('New signed NDA (optional, PDF)')
      .setInputFiles({ name: 'nda-societe.pdf', mimeType: 'application/pdf', buffer: NEW_NDA_PDF });
    expect(await accessibilityViolations(vendorPage)).toEqual([]);
    await watched[0].screenshot('11a-vendor-answer-files');
    await answer.locator('button[type="submit"]').click();
    await seeAttribute(vendorPage.locator('.page-header [data-status]'), 'data-status', 'under_review');
    await seeText(vendorPage.locator('body'), 'Answer sent: the case goes back to INCERT for review.');

    // INCERT sees the answer with its file, and the case's signed NDA is now the new one.
    await page.reload();
    const files = page.locator('#timeline [data-message-files] a');
    await seeText(files.first(), 'Fichier joint 1');
    const fetched = async (href: string | null) =>
      page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), href);
    expect(Buffer.from(await fetched(await files.first().getAttribute('href'))).equals(RCS_PDF)).toBe(true);
    const signedNda = await page.locator('#documents a[data-nda="signed"]').getAttribute('href');
    expect(Buffer.from(await fetched(signedNda)).equals(NEW_NDA_PDF)).toBe(true);
    await page.locator('[data-action-form="validate"] textarea').fill('Dossier complet ; nom du NDA vérifié.');
    await w.screenshot('11-backoffice-actions');
    await page.locator('[data-action="validate"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'validated_incert');
    await seeText(page.locator('#timeline'), 'Enrôlement validé par INCERT');
    await w.screenshot('12-backoffice-validated');

    // The vendor's dashboard (in English since the first test switched it) shows the new status and next step.
    await vendorPage.goto('/portal');
    const stage = vendorPage.locator('[data-stage="enrolment"]');
    await seeAttribute(stage.locator('[data-status]'), 'data-status', 'validated_incert');
    await seeText(stage, 'The Agence eSanté will countersign your NDA');
    await seeText(vendorPage.getByTestId('next-action'), 'Waiting for an operator');
    await watched[0].screenshot('13-vendor-dashboard-validated');
    noForeignRequests();
  }, 40_000);

  it('should let AeS countersign the NDA with the signed PDF attached, and give that file to the vendor', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    const caseUrl = new URL(operatorPage.url()).pathname;
    await page.goto(caseUrl);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Adresse e-mail').fill(DEMO.aes[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.aes[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**${caseUrl}`);

    const form = page.locator('[data-action-form="countersign_nda"]');
    await form.getByLabel('NDA contresigné (PDF)').setInputFiles({
      name: 'nda-contresigne.pdf',
      mimeType: 'application/pdf',
      buffer: COUNTERSIGNED_PDF,
    });
    await seeText(form.locator('[data-upload="nda-contresigne.pdf"]'), 'nda-contresigne.pdf');
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('14-aes-countersign');
    await form.locator('[data-action="countersign_nda"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'nda_countersigned');
    await seeText(page.locator('#timeline'), 'NDA contresigné par l’Agence eSanté');
    const operatorLink = page.locator('#documents a[data-nda="countersigned"]');
    await seeText(operatorLink, 'NDA contresigné');

    // The vendor's case page offers the countersigned NDA, and the download is the very file AeS attached.
    await vendorPage.goto(`/portal/enrolments/${caseUrl.split('/').pop()}`);
    const link = vendorPage.locator('#documents a[data-nda="countersigned"]');
    await seeText(link, 'Countersigned NDA');
    const href = await link.getAttribute('href');
    const downloaded = await vendorPage.evaluate(async (url) => {
      const response = await fetch(url!);
      return { status: response.status, bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
    }, href);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(downloaded.bytes).equals(COUNTERSIGNED_PDF)).toBe(true);
    await watched[0].screenshot('15-vendor-countersigned-nda');
    noForeignRequests();
  }, 60_000);
});
