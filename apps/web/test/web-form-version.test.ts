import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO, expectEventually, operator } from '@sons/testing';
import { SEED_SAMPLES, type FormioComponent, type FormSchema } from '@sons/forms';
import { signedForm1 } from '../../gateway/test/enrolment-steps.js';
import { launch, openPage, systemFor, seeText, type Watched } from './browser.js';

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
});
