import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
// The Phase 1 steps over the real routes, shared with the gateway's tests (a vendor enrolled, validated, its NDA
// countersigned and the documentation shared); the browser part below is this app's.
import {
  enrol,
  publishDocumentation,
  signInOperators,
  throughDocumentation,
  type Operators,
} from '../../gateway/test/enrolment-steps.js';
import { legalForm1 } from '../../gateway/test/fixtures.js';
import { startMailbox, type Mailbox } from '../../gateway/test/identity-mailbox.js';
import {
  launch,
  openPage,
  randomLegalMatricule,
  randomLuVat,
  SAMPLE_PDF,
  seeAttribute,
  seeClass,
  seeText,
  type Watched,
} from './browser.js';

// Phase 1 around the case, in the browser: the vendor asks to change its company name (Eligibility 2), INCERT sees
// the before/after and approves, the vendor sees the new name and the history; INCERT publishes a documentation
// version, the vendor downloads it and the download shows in the back-office log; the vendor admin invites a colleague.
let system: RunningSystem;
let mailbox: Mailbox;
let browser: Browser;
let ops: Operators;
let vendorClient: ApiClient;
let vendorId = '';
const suffix = Date.now().toString(36);
const vendorEmail = `admin-${suffix}@medisoft.lu`;
const oldName = `MediSoft ${suffix} S.à r.l.`;
const newName = `MediSoft Santé ${suffix} S.A.`;
const versionLabel = `2025.${suffix}`;
const docFile = `econnector-ng-integration-${suffix}.pdf`;
const colleague = `colleague-${suffix}@medisoft.lu`;
const watched: Watched[] = [];
let vendor: Watched;
let incert: Watched;

beforeAll(async () => {
  mailbox = await startMailbox();
  [system, browser] = await Promise.all([
    startSystem({ name: 'web-vendor-admin', services: ['enrolment'], env: { SMTP_URL: mailbox.url } }),
    launch(),
  ]);
  ops = await signInOperators(system.baseUrl);
  // Sharing needs a published version; the browser publishes the next one.
  await publishDocumentation(ops, `seed-${suffix}`);
  const enrolled = await enrol(
    system,
    vendorEmail,
    legalForm1({
      companyName: oldName,
      ndaSignatoryCompany: oldName,
      matricule: randomLegalMatricule(),
      vatNumber: randomLuVat(),
    }),
  );
  vendorClient = enrolled.vendor;
  vendorId = enrolled.vendorId;
  await throughDocumentation(ops, enrolled.enrolmentId);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await mailbox?.close();
});

const signIn = async (w: Watched, email: string, password: string, next: string) => {
  await w.page.goto(`/login?next=${encodeURIComponent(next)}`);
  await w.page.getByLabel('Adresse e-mail').fill(email);
  await w.page.getByLabel('Mot de passe').fill(password);
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${next}`);
};

const noForeignRequests = () => {
  for (const w of watched) {
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }
};

describe('web: vendor identity, change requests, documentation and team', () => {
  it('should let the vendor ask to change its company name, with server errors at the field', async () => {
    vendor = await openPage(browser, system.baseUrl);
    watched.push(vendor);
    const { page } = vendor;
    await signIn(vendor, vendorEmail, 'correct-horse-battery-42', '/portal/company');
    await seeText(page.locator('h1'), oldName);
    await seeText(page.getByTestId('company-name'), oldName);
    // The IBAN is masked until asked for.
    const iban = page.getByTestId('iban');
    await seeText(iban, 'LU28 •••• •••• 0000');
    expect(await iban.innerText()).not.toContain('0019');
    await page.locator('#identity').getByRole('button', { name: 'Afficher' }).click();
    await seeText(iban, 'LU28 0019 4006 4475 0000');
    // The vendor's nav offers the new pages (the admin sees its team).
    for (const label of ['Entreprise', 'Documentation', 'Équipe'])
      expect(await page.locator('.navbar-nav').getByRole('link', { name: label, exact: true }).count()).toBe(1);
    await seeText(page.getByTestId('identity-history'), oldName);
    await vendor.screenshot('70-company');

    const form = page.getByTestId('change-request-form');
    await form.locator('[name="changes.companyName"]').fill(newName);
    // A wrong IBAN checksum: the enrolment service refuses it and the message shows at the IBAN field.
    await form.locator('[name="changes.iban"]').fill('LU28 0019 4006 4475 0001');
    await form.locator('[name="reason"]').fill('Changement de dénomination inscrit au RCS le 2 juin.');
    await form.getByRole('button', { name: 'Envoyer la demande' }).click();
    const ibanInput = form.locator('[name="changes.iban"]');
    await seeClass(ibanInput, /is-invalid/, true, 15_000);
    await seeText(ibanInput.locator('xpath=..').locator('.invalid-feedback'), 'IBAN');
    await seeClass(form.locator('[name="changes.companyName"]'), /is-invalid/, false);
    await vendor.screenshot('71-change-request-field-error');

    await ibanInput.fill('');
    await form.getByRole('button', { name: 'Envoyer la demande' }).click();
    await seeText(page.locator('.alert-success'), 'demande de modification a été envoyée', 15_000);
    const request = page.getByTestId('change-requests').locator('li').first();
    await seeAttribute(request.locator('[data-status]'), 'data-status', 'pending');
    await seeText(request.locator('[data-field="companyName"] [data-side="after"]'), newName);
    await seeText(request.locator('[data-field="companyName"] [data-side="before"]'), oldName);
    // Only the changed field was sent; the name is unchanged until an operator approves.
    expect(await request.locator('[data-field]').count()).toBe(1);
    await seeText(page.getByTestId('company-name'), oldName);
    expect(await page.getByTestId('change-request-form').count()).toBe(0);
    await vendor.screenshot('72-change-request-pending');
    noForeignRequests();
  });

  it('should let INCERT find the request, see the before/after and approve it', async () => {
    incert = await openPage(browser, system.baseUrl);
    watched.push(incert);
    const { page } = incert;
    await signIn(incert, DEMO.incert[0], DEMO.incert[1], '/back-office/change-requests');
    expect(await page.locator('.navbar-nav').getByRole('link', { name: 'Modifications', exact: true }).count()).toBe(1);
    const queue = page.getByTestId('change-request-queue');
    const row = queue.locator('tr', { hasText: oldName });
    await row.first().waitFor({ state: 'visible' });
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'pending');
    await seeText(row, 'Dénomination sociale');
    await seeText(row.locator('td').nth(4), '0 j');
    await incert.screenshot('73-backoffice-change-requests');

    // Another status hides it; the filter lives in the URL.
    await page.getByLabel('Statut').selectOption('refused');
    await page.waitForURL('**/back-office/change-requests?status=refused');
    await page.getByText('Aucun dossier ne correspond à ces filtres').first().waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Réinitialiser' }).first().click();
    await page.waitForURL(/\/back-office\/change-requests$/);

    await queue.getByRole('link', { name: oldName }).click();
    await page.waitForURL(/\/back-office\/change-requests\/[0-9a-f-]{36}\?vendor=/);
    await seeText(page.locator('h1'), oldName);
    const diff = page.getByTestId('change-diff');
    await seeText(diff.locator('[data-field="companyName"] [data-side="before"]'), oldName);
    await seeText(diff.locator('[data-field="companyName"] [data-side="after"]'), newName);
    await seeText(page.getByTestId('change-reason'), 'Changement de dénomination inscrit au RCS');
    await seeText(page.locator('.alert-warning'), 'Changement de nom');
    await incert.screenshot('74-backoffice-change-request-diff');

    await page.locator('[data-action-form="approve"] textarea').fill('Extrait RCS vérifié.');
    await page.locator('[data-action="approve"]').click();
    await seeAttribute(page.locator('.page-header [data-status]'), 'data-status', 'approved', 15_000);
    // The header now shows the vendor's current name; no decision buttons remain.
    await seeText(page.locator('h1'), newName);
    expect(await page.locator('[data-action="approve"]').count()).toBe(0);
    await seeText(page.getByTestId('change-request-actions'), 'Version 2 des données créée');
    await incert.screenshot('75-backoffice-change-request-approved');
    noForeignRequests();
  });

  it('should show the vendor its new name and the identity history', async () => {
    const { page } = vendor;
    await page.reload();
    await seeText(page.locator('h1'), newName);
    await seeText(page.getByTestId('company-name'), newName);
    const history = page.getByTestId('identity-history');
    await seeText(history.locator('[data-identity-version="2"]'), newName);
    await seeText(history.locator('[data-identity-version="2"]'), 'Dénomination sociale');
    await seeText(history.locator('[data-identity-version="2"]'), 'En vigueur');
    await seeText(history.locator('[data-identity-version="1"]'), oldName);
    expect(await history.locator('tbody tr').count()).toBe(2);
    await seeAttribute(page.getByTestId('change-requests').locator('[data-status]').first(), 'data-status', 'approved');
    await seeText(page.getByTestId('change-requests'), 'Extrait RCS vérifié.');
    // The form is offered again, filled with the new values.
    expect(await page.getByTestId('change-request-form').locator('[name="changes.companyName"]').inputValue()).toBe(newName);
    await vendor.screenshot('76-company-after-approval');
    // The API agrees: the identity valid now carries the new name, version 2.
    const now = await vendorClient.get<{ name: string; identityVersion: number }>(`/api/vendors/${vendorId}`);
    expect(now.body).toMatchObject({ name: newName, identityVersion: 2 });
    noForeignRequests();
  }, 60_000);

  it('should let INCERT publish a documentation version with a file, uploaded with progress', async () => {
    const { page } = incert;
    await page.locator('.navbar-nav').getByRole('link', { name: 'Documentation', exact: true }).click();
    await page.waitForURL('**/back-office/documentation');
    const form = page.getByTestId('publish-documentation');
    await form.getByLabel('Titre').fill('eConnector NG — guide d’intégration');
    await form.getByLabel('Libellé de version').fill(versionLabel);
    await form.getByLabel('Notes de version (facultatives)').fill('Ajout des spécifications PID v2.');
    // Without a file the form says so at the file field and sends nothing.
    await form.getByRole('button', { name: 'Publier' }).click();
    await seeClass(form.locator('input[type="file"]'), /is-invalid/);
    await form.locator('input[type="file"]').setInputFiles({ name: docFile, mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await seeAttribute(form.locator(`[data-upload="${docFile}"] [data-upload-status]`), 'data-upload-status', 'waiting');
    await incert.screenshot('77-documentation-publish-form');
    await form.getByRole('button', { name: 'Publier' }).click();
    await seeText(page.locator('.alert-success'), `Version ${versionLabel} publiée`, 20_000);
    const published = page.getByTestId('documentation-sets').locator(`[data-version="${versionLabel}"]`);
    await seeText(published, 'eConnector NG — guide d’intégration');
    await seeText(published, docFile);
    // Newest first.
    await seeAttribute(page.getByTestId('documentation-sets').locator('li[data-version]').first(), 'data-version', versionLabel);
    await incert.screenshot('78-documentation-published');
    noForeignRequests();
  }, 60_000);

  it('should let the vendor download the file and show that download in the back-office log', async () => {
    const { page } = vendor;
    await page.locator('.navbar-nav').getByRole('link', { name: 'Documentation', exact: true }).click();
    await page.waitForURL('**/portal/documentation');
    const set = page.getByTestId('documentation-sets').locator(`[data-version="${versionLabel}"]`);
    await seeText(set, 'Ajout des spécifications PID v2.');
    await vendor.screenshot('79-vendor-documentation');
    const [download] = await Promise.all([page.waitForEvent('download'), set.locator(`a[data-file="${docFile}"]`).click()]);
    expect(download.suggestedFilename()).toBe(docFile);
    const path = await download.path();
    expect(Buffer.compare(await readFile(path), SAMPLE_PDF)).toBe(0);

    const seen = incert.requests.length;
    await incert.page.reload();
    const log = incert.page.getByTestId('download-log');
    const row = log.locator('tr', { hasText: docFile });
    await row.first().waitFor({ state: 'visible', timeout: 15_000 });
    await seeText(row, vendorEmail);
    await seeText(row, versionLabel);
    await seeText(row, newName);
    // The log names the vendor itself: no read of the vendor's record (an audited IBAN read) per row.
    expect(incert.requests.slice(seen).filter((url) => new URL(url).pathname.startsWith('/api/vendors/'))).toEqual([]);
    await incert.screenshot('80-documentation-download-log');
    noForeignRequests();
  }, 60_000);

  it('should let the vendor admin invite a colleague and see the pending invitation', async () => {
    const { page } = vendor;
    await page.locator('.navbar-nav').getByRole('link', { name: 'Équipe', exact: true }).click();
    await page.waitForURL('**/portal/team');
    const me = page.getByTestId('team-members').locator(`tr[data-member="${vendorEmail}"]`);
    await seeText(me, 'Industriel (administrateur)');
    // The admin cannot deactivate itself.
    expect(await me.locator('[data-action="deactivate"]').count()).toBe(0);
    await seeText(page.locator('#invitations'), 'Aucune invitation en attente');

    const form = page.getByTestId('invite-form');
    await form.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await seeClass(form.locator('[name="email"]'), /is-invalid/);
    await form.getByLabel('Adresse e-mail').fill(colleague);
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await seeText(page.locator('.alert-success'), `Invitation envoyée à ${colleague}`, 15_000);
    const pending = page.getByTestId('team-invitations').locator(`[data-invitation="${colleague}"]`);
    await seeText(pending, colleague);
    await seeText(pending, 'expire le');
    const mail = await mailbox.waitFor((m) => m.to.includes(colleague));
    expect(mail.text).toContain('/invitation#token=');
    await vendor.screenshot('81-team-invitation');

    // Inviting an address that already has an account is refused, with the message at the e-mail field.
    await form.getByLabel('Adresse e-mail').fill(vendorEmail);
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await seeClass(form.locator('[name="email"]'), /is-invalid/, true, 15_000);
    await seeText(form.locator('.invalid-feedback'), 'Un compte existe déjà');
    noForeignRequests();
  }, 60_000);
});
