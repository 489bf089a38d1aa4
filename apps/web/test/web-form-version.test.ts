import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO, expectEventually, operator } from '@sons/testing';
import { SEED_SAMPLES, type FormioComponent, type FormSchema } from '@sons/forms';
import { signedForm1 } from '../../gateway/test/enrolment-steps.js';
import { accessibilityViolations, launch, openPage, seeAttribute, seeText, systemFor, type Watched } from './browser.js';

// The case page renders the submitted Form 1 read-only with the version the case was filled on, not the one
// published since: a case filled on version 1 does not show a field added in version 2; a case filled on version 2 does.
let system: { baseUrl: string; stop: () => Promise<void> };
let browser: Browser;
const watched: Watched[] = [];
const DPO_LABEL = 'Délégué à la protection des données';

beforeAll(async () => {
  [system, browser] = await Promise.all([systemFor('web-form-version', ['enrolment']), launch()]);
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function submitOn(
  email: string,
  sample: Record<string, unknown>,
  formVersion: number,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const signed = await signedForm1(system.baseUrl, email, sample);
  const { vendor } = signed;
  const data = { ...signed.data, ...extra };
  let enrolmentId = '';
  await expectEventually(
    async () => {
      const response = await vendor.post<{ enrolmentId: string }>('/api/enrolments', { formVersion, data });
      expect(response.status).toBe(201);
      enrolmentId = response.body.enrolmentId;
    },
    { timeoutMs: 10_000 },
  );
  return enrolmentId;
}

describe('web: the submitted Form 1 at the version the case was filled on', () => {
  it('should render each case with its own Form 1 version and say which one', async () => {
    const first = await submitOn(`v1-${Date.now()}@medisoft.lu`, SEED_SAMPLES.form1Legal, 1);

    const admin = await operator(system.baseUrl, 'admin');
    const draft = await admin.post<{ version: number; schema: FormSchema }>('/api/forms/form1/drafts', { changeNote: DPO_LABEL });
    expect(draft.status).toBe(201);
    const schema = structuredClone(draft.body.schema);
    const dpo: FormioComponent = { type: 'textfield', key: 'dpoName', label: DPO_LABEL, input: true };
    schema.components.splice(Math.max(0, schema.components.length - 1), 0, dpo);
    expect((await admin.put('/api/forms/form1/draft', { schema })).status).toBe(200);
    expect((await admin.post<{ version: number }>('/api/forms/form1/publish', {})).body.version).toBe(2);
    const second = await submitOn(`v2-${Date.now()}@docpratic.fr`, SEED_SAMPLES.form1Natural, 2);

    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto(`/back-office/enrolments/${first}`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Adresse e-mail').fill(DEMO.incert[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.incert[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**/back-office/enrolments/${first}`);

    const data = page.getByTestId('submitted-data');
    await seeText(page.getByTestId('submitted-form-version'), 'Formulaire 1, version 1');
    await seeText(data, 'Medisoft Luxembourg');
    expect(await data.getByText(DPO_LABEL).count()).toBe(0);
    await w.screenshot('form-version-1-case');

    await page.goto(`/back-office/enrolments/${second}`);
    await seeText(page.getByTestId('submitted-form-version'), 'Formulaire 1, version 2');
    await seeText(page.getByTestId('submitted-data'), DPO_LABEL);
    await w.screenshot('form-version-2-case');

    for (const x of watched) {
      expect(x.foreign).toEqual([]);
      expect(x.problems).toEqual([]);
    }
  });

  it('should let the admin compare, export, retire and import form versions in the browser', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto('/login?next=%2Fback-office%2Fforms');
    await page.getByLabel('Adresse e-mail').fill(DEMO.admin[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.admin[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/back-office/forms');
    await page.locator('a[href="/back-office/forms/form1/versions"]').click();
    await page.waitForURL('**/back-office/forms/form1/versions');
    const versions = page.getByTestId('form-versions');
    const v1 = versions.locator('tr[data-version="1"]');
    await seeAttribute(versions.locator('tr[data-version="2"] [data-status]'), 'data-status', 'published');
    await seeAttribute(v1.locator('[data-status]'), 'data-status', 'superseded');

    // Version 1 against the published version 2: the DPO field is the difference.
    await v1.locator('[data-action="diff"]').click();
    await seeText(v1.locator('[data-diff="1"]'), 'Champs supprimés');
    await seeText(v1.locator('[data-diff="1"]'), 'dpoName');
    // Checked at rest (the pointer away from the buttons: a hovered or busy button is drawn in passing colours).
    await page.mouse.move(0, 0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('form-versions');

    // Export: the JSON document of version 1, as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), v1.locator('[data-action="export"]').click()]);
    expect(download.suggestedFilename()).toBe('form1-v1.json');
    const exported = await download.path().then((file) => import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8')));
    expect(JSON.parse(exported)).toMatchObject({ formKey: 'form1', version: 1 });

    page.once('dialog', (d) => void d.accept());
    await v1.locator('[data-action="retire"]').click();
    await seeText(page.locator('main'), 'Version 1 retirée.');
    await seeAttribute(page.getByTestId('form-versions').locator('tr[data-version="1"] [data-status]'), 'data-status', 'retired');

    // The exported file comes back as the draft (version 3), to be published from the editor.
    await page
      .getByLabel('Fichier JSON exporté')
      .setInputFiles({ name: 'form1-v1.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.locator('[data-action="import_form"]').click();
    await seeText(page.locator('main'), 'Fichier importé comme brouillon (version 3).');
    await seeAttribute(page.getByTestId('form-versions').locator('tr[data-version="3"] [data-status]'), 'data-status', 'draft');
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 60_000);
});
