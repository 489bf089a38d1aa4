import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO, expectEventually, startSystem, type RunningSystem } from '@sons/testing';
import { enrol } from '../../gateway/test/enrolment-steps.js';
import { legalForm1 } from '../../gateway/test/fixtures.js';
import { Subscriber } from '../../gateway/test/webhook-subscriber.js';
import {
  accessibilityViolations,
  launch,
  openPage,
  randomLegalMatricule,
  randomLuVat,
  seeAttribute,
  seeText,
  type Watched,
} from './browser.js';

// Issue 8 in the browser: the platform admin registers a webhook subscriber (the secret is generated and shown once),
// verifies it (signed call 2xx, unsigned 401), follows its deliveries; a subscriber that fails turns a delivery into a
// dead letter, which the admin resends once the subscriber is fixed. The subscriber is a real HTTP server.
let system: RunningSystem;
let browser: Browser;
let subscriber: Subscriber;
const watched: Watched[] = [];

beforeAll(async () => {
  [system, browser, subscriber] = await Promise.all([
    startSystem({
      name: 'web-webhooks',
      services: ['enrolment', 'notifications'],
      env: { WEBHOOK_RETRY_SCHEDULE: '100ms,200ms', WEBHOOK_TIMEOUT_MS: '3000', WEBHOOK_POLL_MS: '100' },
    }),
    launch(),
    new Subscriber().start(),
  ]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await subscriber?.stop();
  await system?.stop();
});

describe('web: webhook subscribers', () => {
  it('should register a subscriber, show its secret once, verify it, and resend a dead letter once it is fixed', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto('/login?next=%2Fback-office%2Fwebhooks');
    await page.getByLabel('Adresse e-mail').fill(DEMO.admin[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.admin[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/back-office/webhooks');

    const form = page.getByTestId('webhook-form');
    await form.getByLabel('Adresse de rappel (URL)').fill('pas une adresse');
    await form.locator('[data-action="register_webhook"]').click();
    await seeText(form.locator('input[name="callbackUrl"] ~ .invalid-feedback'), 'http:// ou https://');
    await form.getByLabel('Adresse de rappel (URL)').fill(subscriber.url);
    await form.getByLabel('Types d’événements').fill('lu.esante.sons.enrolment.*');
    await form.getByLabel('Description').fill('Entrepôt de données CNS');
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.locator('[data-action="register_webhook"]').click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    await w.screenshot('70-admin-webhook-secret');
    // The subscriber is configured with the secret it was shown, then verified from its page.
    subscriber.secret = secret;
    await page.getByRole('link', { name: 'Ouvrir l’abonné' }).click();
    await page.waitForURL(/\/back-office\/webhooks\/[0-9a-f-]{36}$/);
    await seeAttribute(
      page.locator('.page-header [data-subscription-status]'),
      'data-subscription-status',
      'pending_verification',
    );
    await page.locator('[data-action="verify_webhook"]').click();
    await seeText(page.locator('body'), 'Abonné vérifié : il reçoit désormais les événements.');
    await seeAttribute(page.locator('.page-header [data-subscription-status]'), 'data-subscription-status', 'active');
    expect(subscriber.requests.map((r) => r.validSignature)).toEqual([true, false]);

    // The subscriber fails every case event: the delivery dies after its two retries.
    subscriber.behaviour = () => 500;
    await enrol(
      system,
      `dpo-${Date.now()}@medisoft.lu`,
      legalForm1({ matricule: randomLegalMatricule(), vatNumber: randomLuVat() }),
    );
    const dead = page.locator('[data-delivery] [data-delivery-status="dead"]');
    await expectEventually(
      async () => {
        await page.reload();
        await dead.first().waitFor({ state: 'visible', timeout: 2_000 });
      },
      { timeoutMs: 30_000 },
    );
    await seeText(page.locator('[data-delivery]').first(), 'HTTP 500');
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('71-admin-webhook-dead-letter');

    subscriber.behaviour = () => 200;
    await page.locator('[data-action="resend_dead"]').click();
    await seeText(page.locator('body'), '1 livraison(s) renvoyée(s).');
    await expectEventually(
      async () => {
        await page.reload();
        await page
          .locator('[data-delivery] [data-delivery-status="delivered"]')
          .first()
          .waitFor({ state: 'visible', timeout: 2_000 });
      },
      { timeoutMs: 30_000 },
    );
    expect(subscriber.received.map((r) => r.event.type)).toEqual(['lu.esante.sons.enrolment.application.submitted.v1']);
    expect(subscriber.received.every((r) => r.validSignature)).toBe(true);
    for (const x of watched) {
      expect(x.foreign).toEqual([]);
      expect(x.problems).toEqual([]);
    }
  }, 90_000);

  it('should list the e-mails written for case events, with their status, filtered by status and by case', async () => {
    const w = await openPage(browser, system.baseUrl);
    watched.push(w);
    const { page } = w;
    await page.goto('/login?next=%2Fback-office%2Femails');
    await page.getByLabel('Adresse e-mail').fill(DEMO.incert[0]);
    await page.getByLabel('Mot de passe').fill(DEMO.incert[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/back-office/emails');
    // This system has no SMTP relay: the e-mails of the enrolment above were written and marked « not sent ».
    const rows = page.getByTestId('email-log').locator('tr[data-email]');
    await rows.first().waitFor();
    // Written at the same moment, in any order: the vendor's (not sent, no relay) and INCERT's (no address configured).
    await rows.locator('[data-email-status="not_sent"]').first().waitFor();
    await rows.locator('[data-email-status="recipient_unknown"]').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('72-incert-email-log');

    await page.getByLabel('Statut').selectOption('sent');
    await page.waitForURL('**/back-office/emails?status=sent');
    await seeText(page.locator('main'), 'Aucun');
    await page.getByLabel('Statut').selectOption('not_sent');
    await page.waitForURL('**/back-office/emails?status=not_sent');
    const caseId = (await page.locator('tr[data-email]').first().getAttribute('data-case')) ?? '';
    await page.locator('tr[data-email]').first().getByRole('link', { name: caseId }).click();
    await page.waitForURL(`**/back-office/emails?caseId=${caseId}`);
    await page.locator('tr[data-email]').first().waitFor();
    const cases = await page.locator('tr[data-email]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')));
    expect(new Set(cases)).toEqual(new Set([caseId]));
  }, 60_000);
});
