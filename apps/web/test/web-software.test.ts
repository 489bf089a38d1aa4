import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO, startSystem, type RunningSystem } from '@sons/testing';
// Setup through the real routes with the gateway tests' programme steps; the steps under test are done in the browser.
import { signInOperators, type Operators } from '../../gateway/test/enrolment-steps.js';
import {
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  throughLabel,
  vendorWithTestAccess,
  type Registry,
  type VendorSession,
} from '../../gateway/test/labelling-steps.js';
import { accessibilityViolations, launch, openPage, seeAttribute, seeClass, seeText, type Watched } from './browser.js';

// PROCESS.md Phase 2.7 in the browser: the vendor declares a minor version of its labelled software (the label extends
// to it, no new incentive) and a major one (a new labelling is needed); INCERT publishes a new RECL from the current one
// (every label flagged « new tests required »); AeS withdraws a label and the public registry shows it.
let system: RunningSystem;
let browser: Browser;
let ops: Operators;
let vendor: VendorSession;
let attestationReference = '';
const watched: Watched[] = [];

async function signedIn(path: string, email: string, password: string): Promise<Watched> {
  const w = await openPage(browser, system.baseUrl);
  watched.push(w);
  await w.page.goto(`/login?next=${encodeURIComponent(path)}`);
  await w.page.getByLabel('Adresse e-mail').fill(email);
  await w.page.getByLabel('Mot de passe').fill(password);
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${path}`);
  return w;
}

beforeAll(async () => {
  [system, browser] = await Promise.all([
    startSystem({ name: 'web-software', services: ['enrolment', 'labelling', 'documents'], env: { SONS_NOW: BEFORE_DEADLINE } }),
    launch(),
  ]);
  ops = await signInOperators(system.baseUrl);
  vendor = await vendorWithTestAccess(system, ops, 0);
  const filed = await fileForm3(vendor.client, 'MediDoc', '4.2.0', await evidence(vendor.client, ['RECL-AUTH-01']));
  const labelled = await throughLabel(ops, vendor.client, filed.labelRequestId);
  const documents = (labelled as unknown as { documents: { kind: string; reference: string | null }[] }).documents;
  attestationReference = documents.find((d) => d.kind === 'label_attestation' && d.reference)?.reference ?? '';
  expect(attestationReference).not.toBe('');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('web: software versions, the RECL and labels', () => {
  it('should let the vendor declare a minor version (label extended, no incentive) and a major one', async () => {
    const w = await signedIn('/portal/software', 'admin0@vendor0.lu', 'correct-horse-battery-42');
    const { page } = w;
    const versions = page.locator('[data-software-versions]');
    await seeAttribute(versions.locator('tr[data-version="4.2.0"] [data-label-status]'), 'data-label-status', 'labelled');

    const form = page.locator('[data-declare-version]');
    await page.getByText('Déclarer une nouvelle version').click();
    // Nothing typed: said at the field, nothing sent.
    await form.locator('[data-action="declare_version"]').click();
    await seeClass(form.getByLabel('Numéro de la nouvelle version'), /is-invalid/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByLabel('Numéro de la nouvelle version').fill('4.2.1');
    await form.getByLabel('Changements').fill('Corrections de l’agenda ; aucun nouveau formulaire.');
    await w.screenshot('50-vendor-declare-minor');
    await form.locator('[data-action="declare_version"]').click();
    await seeText(page.locator('body'), 'Version 4.2.1 de MediDoc déclarée : le label s’y étend.');
    const minor = page.locator('tr[data-version="4.2.1"]');
    await seeAttribute(minor.locator('[data-label-status]'), 'data-label-status', 'labelled');
    await seeText(minor, '4.2.0');
    await seeText(minor.locator('td').nth(5), 'Non');

    await page.getByText('Déclarer une nouvelle version').click();
    await form.getByLabel('Numéro de la nouvelle version').fill('5.0');
    await form.getByLabel('Majeure').check();
    await form.getByLabel('Changements').fill('Nouveaux formulaires PID v2.');
    await form.locator('[data-action="declare_version"]').click();
    await seeText(page.locator('body'), 'déposez une demande de labélisation (formulaire 3)');
    await seeText(page.locator('tr[data-version="5.0"] td').nth(4), '—');

    // The same number again: the service's refusal shows at the field.
    await page.getByText('Déclarer une nouvelle version').click();
    await form.getByLabel('Numéro de la nouvelle version').fill('5.0');
    await form.getByLabel('Changements').fill('Encore.');
    await form.locator('[data-action="declare_version"]').click();
    await seeText(page.locator('[data-declare-version] .invalid-feedback, [data-declare-version] .alert').first(), /5\.0/);
  }, 60_000);

  it('should let INCERT publish a new RECL from the current one, flagging every label « new tests required »', async () => {
    const w = await signedIn('/back-office/software', DEMO.incert[0], DEMO.incert[1]);
    const { page } = w;
    // Labels so far were granted against the programme's first RECL (1.0), which was never published here.
    await seeText(page.locator('#recl'), 'Aucun RECL publié');
    await page.getByText('Publier une nouvelle version du RECL').click();
    const form = page.getByTestId('recl-form');
    const requirements = form.getByLabel('Exigences');
    await form.getByLabel('Version', { exact: true }).fill('2.0');
    await form.getByLabel('Intitulé').fill('RECL 2.0 — PID v2 révisé');
    // No requirement at all, then a line without its title: said at the requirements, before anything is sent.
    await requirements.fill('');
    await form.locator('[data-action="publish_recl"]').click();
    await seeText(form.locator('textarea[name="requirements"] ~ .invalid-feedback'), 'au moins une exigence');
    await requirements.fill('RECL-AUTH-01 Authentification eSanté\nRECL-PID-03');
    await form.locator('[data-action="publish_recl"]').click();
    await seeClass(requirements, /is-invalid/);
    await seeText(form.locator('textarea[name="requirements"] ~ .invalid-feedback'), 'Ligne 2');
    await requirements.fill('RECL-AUTH-01 Authentification eSanté\nRECL-PID-03 Demande d’identification PID v2');
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('51-incert-publish-recl');
    page.once('dialog', (d) => void d.accept());
    await form.locator('[data-action="publish_recl"]').click();
    await seeText(page.locator('body'), /RECL 2\.0 publié ; 1 label\(s\) marqué\(s\)/);
    await seeText(page.getByTestId('recl-version'), '2.0');
    await seeAttribute(page.locator('[data-requirement]').nth(1), 'data-requirement', 'RECL-PID-03');
    await seeAttribute(page.locator('tr[data-version="4.2.0"] [data-label-status]'), 'data-label-status', 'retest_required');
    // The next publication starts from the RECL in force: operators edit its requirements instead of typing them again.
    await page.getByText('Publier une nouvelle version du RECL').click();
    expect(await page.getByTestId('recl-form').getByLabel('Exigences').inputValue()).toBe(
      'RECL-AUTH-01 Authentification eSanté\nRECL-PID-03 Demande d’identification PID v2',
    );
  }, 60_000);

  it('should let AeS withdraw a label with a reason that the public registry shows', async () => {
    const w = await signedIn('/back-office/software', DEMO.aes[0], DEMO.aes[1]);
    const { page } = w;
    const row = page.locator('tr[data-version="4.2.0"]');
    await row.locator('summary', { hasText: 'Retirer le label' }).click();
    page.once('dialog', (d) => void d.accept());
    await row.getByLabel(/Motif du retrait/).fill('Non-conformité constatée lors du contrôle.');
    await w.screenshot('52-aes-withdraw-label');
    await row.locator('[data-action="withdraw_label"]').click();
    await seeText(page.locator('body'), 'Label retiré ; le registre public est à jour.');
    await seeAttribute(page.locator('tr[data-version="4.2.0"] [data-label-status]'), 'data-label-status', 'withdrawn');
    // The minor version shares that label.
    await seeAttribute(page.locator('tr[data-version="4.2.1"] [data-label-status]'), 'data-label-status', 'withdrawn');

    const registry = await fetch(`${system.baseUrl}/api/registry?limit=50`).then((r) => r.json() as Promise<Registry>);
    const entry = registry.items.find((e) => e.version === '4.2.0');
    expect(entry?.status).toBe('withdrawn');
  }, 60_000);

  it('should let AeS withdraw an issued attestation from its verification page, which then says so to everyone', async () => {
    const w = await signedIn(`/verify/${attestationReference}`, DEMO.aes[0], DEMO.aes[1]);
    const { page } = w;
    await seeText(page.getByTestId('verify'), 'Document authentique');
    const form = page.getByTestId('withdraw-document');
    await form.locator('[data-action="withdraw_document"]').click();
    await seeClass(form.getByLabel('Motif du retrait'), /is-invalid/);
    await form.getByLabel('Motif du retrait').fill('Attestation émise sur des preuves invalidées.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('53-aes-withdraw-document');
    page.once('dialog', (d) => void d.accept());
    await form.locator('[data-action="withdraw_document"]').click();
    await seeText(page.getByTestId('verify'), 'Ce document a été retiré.');
    await page.locator('[data-state="done"]').waitFor();
    expect(await page.getByTestId('withdraw-document').count()).toBe(0);
    // Anyone checking the reference now reads « withdrawn ».
    const verdict = (await fetch(`${system.baseUrl}/api/verify/${attestationReference}`).then((r) => r.json())) as {
      withdrawn?: boolean;
    };
    expect(verdict.withdrawn).toBe(true);
    for (const x of watched) {
      expect(x.foreign).toEqual([]);
      expect(x.problems).toEqual([]);
    }
  }, 60_000);
});
