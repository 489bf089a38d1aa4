import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO } from '@sons/testing';
import { launch, openPage, seeAttribute, seeText, systemFor, type Watched } from './browser.js';

// Public pages and the back-office screens beyond Phase 1, against the real system: the registry reads the public
// endpoint; the form builder loads its code editor (Ace) from our own /vendor copy; the labelling FIFO queue,
// connections and invoices render. No request may leave this machine and no CSP rule may be broken.
let system: { baseUrl: string; stop: () => Promise<void> };
let browser: Browser;
const watched: Watched[] = [];

beforeAll(async () => {
  [system, browser] = await Promise.all([systemFor('web-public', ['enrolment', 'labelling', 'connection', 'billing']), launch()]);
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const clean = (w: Watched) => {
  expect(w.foreign).toEqual([]);
  expect(w.problems).toEqual([]);
};

async function signIn(w: Watched, who: keyof typeof DEMO, next: string) {
  await w.page.goto(`/login?next=${encodeURIComponent(next)}`);
  await w.page.getByLabel('Adresse e-mail').fill(DEMO[who][0]);
  await w.page.getByLabel('Mot de passe').fill(DEMO[who][1]);
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${next}`);
}

describe('web: public pages and back-office', () => {
  it('should serve the app shell uncached and its hashed files as immutable, so a deploy is seen on the next load', async () => {
    const shell = await fetch(`${system.baseUrl}/portal`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const html = await shell.text();
    const script = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${system.baseUrl}${script}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${system.baseUrl}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('should show the public registry and the document verification page', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    await w.page.goto('/registry');
    await seeText(w.page.locator('h1'), 'Registre des logiciels labellisés');
    // The registry endpoint answers (empty in a fresh system): the page says so and what will appear.
    await seeText(w.page.getByTestId('registry'), 'Aucun logiciel labellisé pour le moment');
    expect(w.requests.some((u) => u.endsWith('/api/registry?limit=50'))).toBe(true);
    await w.screenshot('20-registry');
    await w.page.goto('/verify/ATT-2026-0001');
    await seeText(w.page.locator('h1'), 'Vérifier un document');
    await seeAttribute(w.page.locator('#verify-ref'), 'value', 'ATT-2026-0001');
    await w.screenshot('21-verify');
    await w.page.goto('/nowhere');
    await seeText(w.page.locator('main'), 'Page introuvable');
    clean(w);
  }, 40_000);

  it('should open the form builder with Ace served locally', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    await signIn(w, 'admin', '/back-office/forms');
    await seeText(w.page.locator('main'), 'Formulaire 1 — Enrôlement');
    await w.screenshot('22-forms');
    await w.page.goto('/back-office/forms/form1');
    const builder = w.page.getByTestId('form-builder');
    await builder.locator('.formbuilder').waitFor();
    // Only the component types @sons/forms validates are offered.
    await seeText(builder.locator('.formcomponents'), 'Champs');
    expect(await builder.locator('.formcomponents [data-type="datetime"]').count()).toBe(0);
    // Open a component's JSON editor: Form.io loads Ace through its CDN setting, which points at /vendor.
    const component = builder.locator('.builder-component:has(> .formio-component-companyName)').first();
    await component.hover();
    await component.locator('> .component-btn-group .component-settings-button-edit-json').click();
    await w.page.locator('.ace_editor').first().waitFor({ timeout: 20_000 });
    expect(w.requests.some((u) => /\/vendor\/ace-builds-1\.4\.12\/src-min-noconflict\/ace\.js$/.test(u))).toBe(true);
    await w.screenshot('23-builder-ace');
    await w.page.keyboard.press('Escape');
    clean(w);
  }, 60_000);

  it('should show the labelling FIFO queue, connections and invoices to INCERT', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    await signIn(w, 'incert', '/back-office/labelling');
    await seeText(w.page.locator('#fifo'), 'File vide');
    await w.page.getByTestId('take-next').waitFor();
    await w.screenshot('24-labelling-queue');
    await w.page.getByRole('link', { name: 'Raccordements' }).click();
    await seeText(w.page.locator('main'), 'Aucun raccordement');
    await w.screenshot('25-connections');
    await w.page.getByRole('link', { name: 'Factures' }).click();
    await seeText(w.page.locator('main'), 'Aucune facture');
    await w.screenshot('26-invoices');
    await w.page.getByRole('link', { name: 'Programme' }).click();
    await seeText(w.page.locator('main'), 'Seuls l’Agence eSanté et l’administrateur peuvent modifier');
    await w.screenshot('27-programme');
    clean(w);
  }, 40_000);

  it('should publish a Form 1 change from the builder and show it to the next vendor without a restart', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    w.page.on('dialog', (dialog) => void dialog.accept());
    await signIn(w, 'admin', '/back-office/forms/form1');
    const builder = w.page.getByTestId('form-builder');
    await builder.locator('.formbuilder').waitFor();
    const newLabel = `Raison sociale ${Date.now().toString(36)}`;
    const component = builder.locator('.builder-component:has(> .formio-component-companyName)').first();
    await component.hover();
    await component.locator('> .component-btn-group .component-settings-button-edit').click();
    const label = w.page.locator('.component-edit-container input[name="data[label]"]');
    await label.fill(newLabel);
    await w.page.locator('.component-edit-container [ref="saveButton"]').click();
    await seeText(builder, newLabel);
    await w.page.getByTestId('publish').click();
    await seeText(w.page.locator('main .alert-success'), /Version \d+ publiée/, 20_000);
    await w.screenshot('28-builder-published');

    const v = await openPage(browser, system.baseUrl);
    watched.push(v);
    await v.page.goto('/register');
    await v.page.getByLabel('Votre nom').fill('Marc Schmit');
    await v.page.getByLabel('Adresse e-mail').fill(`marc-${Date.now()}@docpratic.fr`);
    await v.page.getByLabel('Mot de passe').fill('correct-horse-battery-42');
    await v.page.getByRole('button', { name: 'Créer le compte' }).click();
    await v.page.waitForURL('**/portal');
    await v.page.goto('/portal/enrolment/new');
    const form = v.page.getByTestId('form1');
    await form.locator('.formio-form').waitFor();
    await form.getByLabel('Une personne morale (société)').check();
    await seeText(form.locator('.formio-component-companyName'), newLabel);
    await v.screenshot('29-form1-after-publish');
    clean(w);
    clean(v);
  }, 60_000);
});
