import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page, Response } from 'playwright-core';
import { luxDate } from '@sons/platform';
import { DEMO, expectEventually, operator, type ApiClient } from '@sons/testing';
import { launch, openPage, seeAttribute, seeClass, seeText, systemFor, type Watched } from './browser.js';

// The administration screens against the real system (gateway + documents service): the admin invites an operator
// and changes its roles, edits a document template's French source with a live PDF preview and publishes it, then
// finds what it just did in the audit trail and walks its pages. No request may leave this machine.
let system: { baseUrl: string; stop: () => Promise<void> };
let browser: Browser;
let admin: ApiClient;
const watched: Watched[] = [];
const stamp = Date.now().toString(36);
const newOperator = { email: `ops-${stamp}@incert.example.lu`, name: `Opératrice ${stamp}` };
let newOperatorId = '';

beforeAll(async () => {
  [system, browser] = await Promise.all([systemFor('web-admin', ['documents']), launch()]);
  admin = await operator(system.baseUrl, 'admin');
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

// Chromium's PDF viewer loads its own code from inside the browser (chrome://, chrome-extension://): not a network
// request, so not "foreign"; everything else must stay on this machine.
const BROWSER_INTERNAL = /^chrome(-extension)?:\/\//;
const clean = (w: Watched) => {
  expect(w.foreign.filter((url) => !BROWSER_INTERNAL.test(url))).toEqual([]);
  expect(w.problems).toEqual([]);
};

async function signIn(w: Watched, who: keyof typeof DEMO, next: string) {
  await w.page.goto(`/login?next=${encodeURIComponent(next)}`);
  await w.page.getByLabel('Adresse e-mail').fill(DEMO[who][0]);
  await w.page.getByLabel('Mot de passe').fill(DEMO[who][1]);
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${next}`);
}

// Confirmation dialogs are accepted, and remembered so the test can check one was asked.
function acceptDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(dialog.message());
    dialog.accept().catch(() => undefined);
  });
  return seen;
}

const isCall = (method: string, path: RegExp) => (r: Response) =>
  r.request().method() === method && path.test(new URL(r.url()).pathname);

describe('web: administration screens', () => {
  it('should change the programme tariff without a deploy and show what each revision changed', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await signIn(w, 'admin', '/back-office/programme');
    const form = page.getByTestId('programme-form');
    const tariff = form.getByLabel('Prime par raccordement validé (EUR TTC)');
    await expectEventually(async () => expect(await tariff.inputValue()).toBe('640'));
    await tariff.fill('700');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await seeText(page.locator('main'), 'Données du programme enregistrées');
    const latest = page.getByTestId('programme-history').locator('li[data-revision]').first();
    await seeText(latest, /Prime par raccordement validé \(EUR TTC\) : 640,00\s€ → 700,00\s€/);
    // Every service reads the new value at once: the API answers it.
    const programme = await admin.get<{ tariffPerConnectionCents: number }>('/api/programme');
    expect(programme.body.tariffPerConnectionCents).toBe(70_000);
    await w.screenshot('45-admin-programme-history');
    // Back to the programme's tariff, itself a new revision.
    await tariff.fill('640');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await seeText(page.getByTestId('programme-history').locator('li[data-revision]').first(), /700,00\s€ → 640,00\s€/);
    clean(w);
  }, 60_000);

  it('should create an operator, show field errors, change its roles and deactivate it with a confirmation', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    const dialogs = acceptDialogs(page);
    await signIn(w, 'admin', '/back-office/users');

    // The admin's back-office navigation has the three new entries.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    for (const name of ['Utilisateurs', 'Modèles', 'Audit']) await nav.getByRole('link', { name, exact: true }).waitFor();

    const form = page.getByTestId('create-user-form');
    await form.getByLabel('Adresse e-mail').fill(newOperator.email);
    await form.getByLabel('Nom affiché').fill(newOperator.name);
    await form.getByLabel('INCERT').check();
    const created = page.waitForResponse(isCall('POST', /^\/api\/admin\/users$/));
    await page.getByTestId('create-user').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    newOperatorId = ((await answer.json()) as { user: { id: string } }).user.id;
    await seeText(page.getByTestId('create-user-feedback'), `Compte créé pour ${newOperator.email}`);

    const row = page.locator(`tr[data-user-id="${newOperatorId}"]`);
    await seeText(row, newOperator.name);
    await seeText(row.getByTestId('user-roles'), 'INCERT');
    await seeText(row, 'Actif');
    expect((await admin.get<{ roles: string[]; active: boolean }>(`/api/admin/users/${newOperatorId}`)).body).toMatchObject({
      roles: ['incert'],
      active: true,
    });
    await w.screenshot('90-admin-user-created');

    // The same e-mail again: refused, and said at the e-mail field.
    await form.getByLabel('Adresse e-mail').fill(newOperator.email);
    await form.getByLabel('Nom affiché').fill('Doublon');
    await page.getByTestId('create-user').click();
    const emailField = form.getByLabel('Adresse e-mail');
    await seeClass(emailField, /\bis-invalid\b/);
    await seeText(form.locator('#new-user-email ~ .invalid-feedback'), 'Un compte existe déjà');
    await w.screenshot('91-admin-user-email-taken');

    // Roles: INCERT → Agence eSanté + read-only.
    await row.locator('[data-action="edit-roles"]').click();
    const rolesForm = row.getByTestId('roles-form');
    await rolesForm.getByLabel('INCERT').uncheck();
    await rolesForm.getByLabel('Agence eSanté').check();
    await rolesForm.getByLabel('Lecture seule').check();
    const rolesSaved = page.waitForResponse(isCall('PUT', /\/roles$/));
    await rolesForm.locator('[data-action="save-roles"]').click();
    expect((await rolesSaved).status()).toBe(200);
    await expectEventually(async () =>
      expect(
        await row
          .getByTestId('user-roles')
          .locator('[data-role]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-role'))),
      ).toEqual(['aes', 'readonly']),
    );
    expect((await admin.get<{ roles: string[] }>(`/api/admin/users/${newOperatorId}`)).body.roles).toEqual(['aes', 'readonly']);

    // Deactivation is asked first, then shown; reactivation puts it back.
    await row.locator('[data-action="deactivate"]').click();
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'inactive');
    expect(dialogs.some((d) => d.includes(newOperator.email) && d.includes('Désactiver'))).toBe(true);
    expect((await admin.get<{ active: boolean }>(`/api/admin/users/${newOperatorId}`)).body.active).toBe(false);
    await row.locator('[data-action="activate"]').click();
    await seeAttribute(row.locator('[data-status]'), 'data-status', 'active');
    expect((await admin.get<{ active: boolean }>(`/api/admin/users/${newOperatorId}`)).body.active).toBe(true);
    await w.screenshot('92-admin-users');
    clean(w);
  }, 120_000);

  it('should edit the French draft of a template, preview it live as a PDF in the page and publish it', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    const dialogs = acceptDialogs(page);
    await signIn(w, 'admin', '/back-office/templates');
    const list = page.getByTestId('templates-table');
    for (const key of ['test-success-attestation', 'label-attestation', 'invoice', 'service-agreement', 'submission-receipt'])
      await list.locator(`tr[data-template="${key}"]`).waitFor();
    await seeText(list.locator('tr[data-template="invoice"] [data-testid="published-version"]'), 'Version 1');
    await w.screenshot('93-admin-templates');

    await list.locator('tr[data-template="invoice"] a').first().click();
    await page.waitForURL('**/back-office/templates/invoice');
    const drafted = page.waitForResponse(isCall('POST', /\/api\/documents\/templates\/invoice\/drafts$/));
    await page.getByTestId('new-draft').click();
    const draft = (await (await drafted).json()) as { version: number; locales: { fr: string } };
    expect(draft.version).toBe(2);
    const source = page.getByTestId('source-fr');
    await expectEventually(async () => expect(await source.getAttribute('readonly')).toBeNull(), { timeoutMs: 20_000 });
    expect(await source.inputValue()).toBe(draft.locales.fr);

    // The draft opens with its preview; wait for it before editing so the next preview is the edit's.
    const frame = page.getByTestId('preview-frame');
    await seeAttribute(frame, 'src', /^blob:/, 90_000);
    const firstSrc = (await frame.getAttribute('src')) ?? '';

    // A source the engine refuses ({{{ }}} is unescaped output): the error is shown and the FR source is marked.
    const refused = page.waitForResponse(isCall('PUT', /\/versions\/2$/));
    await source.fill(`${draft.locales.fr}\n<p>{{{issuer.name}}}</p>\n`);
    expect((await refused).status()).toBe(400);
    await seeText(page.getByTestId('editor-errors'), 'Le modèle est refusé');
    await seeClass(source, /\bis-invalid\b/);
    await w.screenshot('94-admin-template-refused');

    // A valid edit: saved, then previewed (debounced) — the PDF comes back and the frame shows it.
    const marker = `Mention ajoutée ${stamp}`;
    const saved = page.waitForResponse((r) => isCall('PUT', /\/versions\/2$/)(r) && r.status() === 200, { timeout: 60_000 });
    const previewed = page.waitForResponse(isCall('POST', /\/versions\/2\/preview$/), { timeout: 90_000 });
    const pdf = page.waitForResponse(isCall('GET', /^\/api\/attachments\/[0-9a-f-]+\/content$/), { timeout: 90_000 });
    await source.fill(`${draft.locales.fr}\n<p class="note">${marker}</p>\n`);
    await saved;
    await seeClass(source, /\bis-invalid\b/, false);
    expect((await previewed).status()).toBe(200);
    const content = await pdf;
    expect(content.status()).toBe(200);
    expect(content.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await content.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectEventually(async () => expect((await frame.getAttribute('src')) ?? firstSrc).not.toBe(firstSrc), {
      timeoutMs: 20_000,
    });
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
    expect(await frame.isVisible()).toBe(true);
    await seeText(page.getByTestId('preview-info'), /Version 2 en FR : \d+ page/);
    // The frame really loaded that PDF: its document is the blob (a frame the page's security policy refuses ends on
    // chrome-error:// instead) and Chromium's PDF viewer runs inside it.
    try {
      await expectEventually(
        async () => {
          const loaded = await (await frame.elementHandle())?.contentFrame();
          expect(loaded?.url()).toBe(src);
          expect(loaded?.childFrames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
        },
        { timeoutMs: 20_000 },
      );
    } finally {
      await w.screenshot('95-admin-template-preview');
    }
    expect(
      (await admin.get<{ locales: { fr: string } }>('/api/documents/templates/invoice/versions/2')).body.locales.fr,
    ).toContain(marker);

    // Publish, confirmed: version 2 becomes the published one, version 1 is retired.
    const published = page.waitForResponse(isCall('POST', /\/versions\/2\/publish$/));
    await page.getByTestId('publish-template').click();
    expect((await published).status()).toBe(200);
    expect(dialogs.some((d) => d.includes('Publier la version 2'))).toBe(true);
    await seeText(page.locator('main .alert-success'), 'Version 2 publiée');
    const versions = page.getByTestId('template-versions');
    await seeAttribute(versions.locator('tr[data-version="2"] [data-status]'), 'data-status', 'published');
    await seeAttribute(versions.locator('tr[data-version="1"] [data-status]'), 'data-status', 'retired');
    await seeText(page.locator('main header'), 'version publiée : 2');
    const current = (
      await admin.get<{ version: number; status: string; locales: { fr: string } }>('/api/documents/templates/invoice')
    ).body;
    expect(current).toMatchObject({ version: 2, status: 'published' });
    expect(current.locales.fr).toContain(marker);
    await w.screenshot('96-admin-template-published');
    clean(w);
  }, 240_000);

  it('should show the user creation in the audit trail, page through it and verify the chain', async () => {
    expect(newOperatorId).not.toBe('');
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await signIn(w, 'admin', '/back-office/audit');

    // The account's own trail (the target is the account): its creation and its role change, by the admin.
    const filters = page.getByTestId('audit-filters');
    await filters.getByLabel('Dossier ou cible').fill(newOperatorId);
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(`**/back-office/audit?caseId=${newOperatorId}`);
    const table = page.getByTestId('audit-table');
    const creation = table.locator('tr[data-route="POST /api/admin/users"]');
    await seeText(creation, DEMO.admin[0]);
    await seeText(creation, 'Réussie');
    await seeText(creation, 'Administrateur');
    await table.locator('tr[data-route="PUT /api/admin/users/:userId/roles"]').first().waitFor();
    const targets = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    expect(targets.length).toBeGreaterThanOrEqual(4); // created, roles, deactivated, activated
    expect(new Set(targets)).toEqual(new Set([newOperatorId]));
    await w.screenshot('97-admin-audit-user');

    // A period (Luxembourg days, both included): the day after today holds nothing yet, today holds the entries; a
    // period that ends before it starts is refused at the « Au » field; the export follows the period.
    const today = luxDate(new Date());
    const dayAfter = (day: string, n: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await filters.getByLabel('Du (jour inclus)').fill(dayAfter(today, 1));
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(`**/back-office/audit?caseId=${newOperatorId}&from=${dayAfter(today, 1)}`);
    await seeText(page.getByRole('main'), 'Aucune entrée pour ces filtres');
    expect(await page.getByTestId('audit-export-csv').getAttribute('href')).toBe(
      `/api/audit/export?format=csv&caseId=${newOperatorId}&from=${dayAfter(today, 1)}`,
    );
    await filters.getByLabel('Du (jour inclus)').fill(today);
    await filters.getByLabel('Au (jour inclus)').fill(dayAfter(today, -1));
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await seeText(filters, 'la fin de la période (to) précède son début (from)');
    expect(await filters.getByLabel('Au (jour inclus)').getAttribute('aria-invalid')).toBe('true');
    await filters.getByLabel('Au (jour inclus)').fill(today);
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(`**/back-office/audit?caseId=${newOperatorId}&from=${today}&to=${today}`);
    await table.locator('tr[data-route="POST /api/admin/users"]').waitFor();

    // Every entry, ten a page: older, then back to newer.
    await page.goto('/back-office/audit?limit=10');
    const ids = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-audit-id'))));
    await table.locator('tbody tr').first().waitFor();
    const first = await ids();
    expect(first).toHaveLength(10);
    await seeText(page.getByTestId('audit-page'), 'Page 1');
    expect(await page.getByTestId('audit-previous').isDisabled()).toBe(true);
    await page.getByTestId('audit-next').click();
    await seeText(page.getByTestId('audit-page'), 'Page 2');
    const second = await ids();
    expect(second.length).toBeGreaterThan(0);
    expect(Math.max(...second)).toBeLessThan(Math.min(...first));
    await w.screenshot('98-admin-audit-page-2');
    await page.getByTestId('audit-previous').click();
    await seeText(page.getByTestId('audit-page'), 'Page 1');
    expect(await ids()).toEqual(first);

    // The admin checks the hash chains; the export is a real CSV of the trail.
    await page.getByTestId('audit-verify').click();
    await seeText(page.getByTestId('audit-verify-result'), 'Chaîne intègre');
    const href = (await page.getByTestId('audit-export-csv').getAttribute('href')) ?? '';
    expect(href).toBe('/api/audit/export?format=csv');
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(newOperatorId);
    await w.screenshot('99-admin-audit-verified');
    clean(w);
  }, 120_000);

  it('should keep users for the admin and templates read-only for other operators', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await signIn(w, 'readonly', '/back-office/templates');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Audit', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Modèles', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Utilisateurs', exact: true }).count()).toBe(0);
    await seeText(page.locator('main'), 'Lecture seule : seul un administrateur modifie');
    await page.locator('tr[data-template="invoice"] a').first().click();
    await page.waitForURL('**/back-office/templates/invoice');
    await expectEventually(async () => expect(await page.getByTestId('source-fr').getAttribute('readonly')).toBe(''));
    expect(await page.getByTestId('publish-template').count()).toBe(0);
    expect(await page.getByTestId('preview-frame').count()).toBe(0);
    await page.goto('/back-office/users');
    await seeText(page.locator('main'), 'Accès non autorisé');
    clean(w);
  }, 60_000);
});
