import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import type { Browser, Response } from 'playwright-core';
import { DEMO, startSystem, type RunningSystem } from '@sons/testing';
import { enrol } from '../../gateway/test/enrolment-steps.js';
import { legalForm1 } from '../../gateway/test/fixtures.js';
import { startMailbox, type Mailbox, type ReceivedMail } from '../../gateway/test/identity-mailbox.js';
import {
  accessibilityViolations,
  launch,
  openPage,
  randomLegalMatricule,
  randomLuVat,
  seeClass,
  seeText,
  type Watched,
} from './browser.js';

// The pages behind the e-mailed one-time links, in the browser against the real system and a real SMTP server in
// the test process: a vendor admin invites a colleague who joins from the link; a forgotten password is reset from
// the sign-in page; an admin creates an operator who activates the account and turns on the second factor; a used
// or incomplete link says what to do. No request may leave this machine, and the token never reaches the server in
// a URL.
let system: RunningSystem;
let mailbox: Mailbox;
let browser: Browser;
const suffix = Date.now().toString(36);
const vendorEmail = `admin-${suffix}@links.lu`;
const vendorPassword = 'correct-horse-battery-42';
const companyName = `Liens ${suffix} S.à r.l.`;
const colleague = { email: `colleague-${suffix}@links.lu`, name: `Collègue ${suffix}`, password: 'colleague-pass-phrase-9' };
const newOperator = { email: `ops-${suffix}@incert.example.lu`, name: `Opérateur ${suffix}`, password: 'operator-pass-phrase-7' };
const watched: Watched[] = [];
let usedInvitationLink = '';
let vendorId = '';

beforeAll(async () => {
  mailbox = await startMailbox();
  [system, browser] = await Promise.all([
    startSystem({
      name: 'web-account-links',
      services: ['enrolment'],
      env: { SMTP_URL: mailbox.url, RATE_LIMIT_LOGIN: '1000' },
    }),
    launch(),
  ]);
  ({ vendorId } = await enrol(
    system,
    vendorEmail,
    legalForm1({ companyName, ndaSignatoryCompany: companyName, matricule: randomLegalMatricule(), vatNumber: randomLuVat() }),
  ));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await mailbox?.close();
});

const open = async () => {
  const w = await openPage(browser, system.baseUrl);
  watched.push(w);
  return w;
};

// The e-mailed link, opened as a person would: path and fragment on this system.
const linkIn = (mail: ReceivedMail, path: string): string => {
  const found = new RegExp(`https?://[^\\s"<>]+${path}#token=[A-Za-z0-9_-]+`).exec(mail.text)?.[0];
  if (!found) throw new Error(`no ${path} link in: ${mail.text}`);
  const url = new URL(found);
  return url.pathname + url.hash;
};

const signIn = async (w: Watched, email: string, password: string, next: string) => {
  await w.page.goto(`/login?next=${encodeURIComponent(next)}`);
  await w.page.getByLabel('Adresse e-mail').fill(email);
  await w.page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await w.page.getByRole('button', { name: 'Se connecter' }).click();
  await w.page.waitForURL(`**${next}`);
};

// The token sits in the fragment: no request carries it, and the page removes it from the address bar.
const tokenStaysLocal = (w: Watched, link: string) => {
  const token = link.split('#token=')[1];
  expect(w.requests.filter((url) => url.includes(token))).toEqual([]);
  expect(w.page.url()).not.toContain('token=');
};

const isCall = (method: string, path: RegExp) => (r: Response) =>
  r.request().method() === method && path.test(new URL(r.url()).pathname);

const clean = () => {
  for (const w of watched) {
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
  }
};

describe('web: invitation, password reset and operator set-up links', () => {
  it('should let an invited colleague join from the e-mailed link and land on the vendor dashboard', async () => {
    const admin = await open();
    await signIn(admin, vendorEmail, vendorPassword, '/portal/team');
    const invite = admin.page.getByTestId('invite-form');
    await invite.getByLabel('Adresse e-mail').fill(colleague.email);
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await seeText(admin.page.locator('.alert-success'), `Invitation envoyée à ${colleague.email}`, 15_000);
    const link = linkIn(await mailbox.waitFor((m) => m.to.includes(colleague.email)), '/invitation');
    usedInvitationLink = link;

    const w = await open();
    const { page } = w;
    await page.goto(link);
    await seeText(page.locator('h1'), 'Rejoindre votre organisation');
    await page.waitForURL((url) => url.pathname === '/invitation' && !url.hash);
    tokenStaysLocal(w, link);
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('a0-invitation-form');

    const form = page.getByTestId('invitation-form');
    await form.getByLabel('Votre nom').fill(colleague.name);
    // The confirmation differs: said at the confirmation field, nothing sent.
    await form.getByLabel('Mot de passe', { exact: true }).fill(colleague.password);
    await form.getByLabel('Confirmez le mot de passe').fill('something-else-entirely');
    await form.getByRole('button', { name: 'Créer mon compte' }).click();
    await seeClass(form.locator('[name="passwordConfirm"]'), /is-invalid/);
    await seeText(form.locator('[name="passwordConfirm"] ~ .invalid-feedback'), 'pas identiques');
    // Too short: the API's rule, shown at the password field.
    await form.getByLabel('Mot de passe', { exact: true }).fill('short');
    await form.getByLabel('Confirmez le mot de passe').fill('short');
    const refused = page.waitForResponse(isCall('POST', /^\/api\/auth\/invitations\/accept$/));
    await form.getByRole('button', { name: 'Créer mon compte' }).click();
    expect((await refused).status()).toBe(400);
    await seeClass(form.locator('[name="password"]'), /is-invalid/);
    await seeClass(form.locator('[name="passwordConfirm"]'), /is-invalid/, false);
    await w.screenshot('a1-invitation-password-rule');

    await form.getByLabel('Mot de passe', { exact: true }).fill(colleague.password);
    await form.getByLabel('Confirmez le mot de passe').fill(colleague.password);
    await form.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL('**/portal');
    await seeText(page.locator('.alert-success'), `Bienvenue ${colleague.name}`);
    await seeText(page.locator('h1'), 'Tableau de bord');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect((me as { user: { email: string; roles: string[]; vendorId: string } }).user).toMatchObject({
      email: colleague.email,
      roles: ['vendor_member'],
      vendorId,
    });
    await w.screenshot('a2-invitation-accepted-dashboard');
    tokenStaysLocal(w, link);
    clean();
  }, 120_000);

  it('should reset a forgotten password from the sign-in page: the new one works, the old one does not', async () => {
    const w = await open();
    const { page } = w;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL('**/reset-password');
    await seeText(page.locator('h1'), 'Mot de passe oublié');
    expect(await accessibilityViolations(page)).toEqual([]);

    // An address without an account gets the same answer (no account enumeration).
    await page.getByLabel('Adresse e-mail').fill(`nobody-${suffix}@links.lu`);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await seeText(page.getByTestId('forgot-sent'), 'Si un compte actif correspond');
    const unknownAnswer = (await page.getByTestId('forgot-sent').innerText()).replace(`nobody-${suffix}@links.lu`, '…');

    await page.goto('/reset-password');
    await page.getByLabel('Adresse e-mail').fill(vendorEmail);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await seeText(page.getByTestId('forgot-sent'), vendorEmail);
    expect((await page.getByTestId('forgot-sent').innerText()).replace(vendorEmail, '…')).toBe(unknownAnswer);
    await w.screenshot('a3-forgot-password-sent');
    const link = linkIn(await mailbox.waitFor((m) => m.to.includes(vendorEmail)), '/reset-password');

    await page.goto(link);
    await seeText(page.locator('h1'), 'Choisir un nouveau mot de passe');
    await page.waitForURL((url) => url.pathname === '/reset-password' && !url.hash);
    tokenStaysLocal(w, link);
    const form = page.getByTestId('reset-form');
    const newPassword = 'a-brand-new-passphrase-7';
    await form.getByLabel('Nouveau mot de passe').fill(newPassword);
    await form.getByLabel('Confirmez le mot de passe').fill(newPassword);
    await w.screenshot('a4-reset-password-form');
    await form.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL('**/login');
    await seeText(page.locator('.alert-success'), 'Mot de passe changé');
    await w.screenshot('a5-reset-password-done');

    // The old password is refused…
    await page.getByLabel('Adresse e-mail').fill(vendorEmail);
    await page.getByLabel('Mot de passe', { exact: true }).fill(vendorPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await seeText(page.getByTestId('login-form').locator('.alert-danger'), 'E-mail ou mot de passe incorrect');
    // …the new one signs in.
    await page.getByLabel('Mot de passe', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/portal');
    await seeText(page.locator('h1'), 'Tableau de bord');
    tokenStaysLocal(w, link);
    clean();
  }, 90_000);

  it('should let a new operator activate the account from the set-up link and turn on the second factor', async () => {
    const admin = await open();
    await signIn(admin, DEMO.admin[0], DEMO.admin[1], '/back-office/users');
    const create = admin.page.getByTestId('create-user-form');
    await create.getByLabel('Adresse e-mail').fill(newOperator.email);
    await create.getByLabel('Nom affiché').fill(newOperator.name);
    await create.getByLabel('INCERT').check();
    await admin.page.getByTestId('create-user').click();
    await seeText(admin.page.getByTestId('create-user-feedback'), `Compte créé pour ${newOperator.email}`);
    const link = linkIn(await mailbox.waitFor((m) => m.to.includes(newOperator.email)), '/account-setup');

    const w = await open();
    const { page } = w;
    await page.goto(link);
    await seeText(page.locator('h1'), 'Activer votre compte opérateur');
    await page.waitForURL((url) => url.pathname === '/account-setup' && !url.hash);
    tokenStaysLocal(w, link);
    expect(await accessibilityViolations(page)).toEqual([]);
    const form = page.getByTestId('setup-form');
    await form.getByLabel('Mot de passe', { exact: true }).fill(newOperator.password);
    await form.getByLabel('Confirmez le mot de passe').fill(newOperator.password);
    await w.screenshot('a6-account-setup-form');
    await form.getByRole('button', { name: 'Activer le compte' }).click();
    await page.waitForURL(/\/login\?next=/);
    await seeText(page.locator('.alert-success'), 'Votre compte est prêt');

    await page.getByLabel('Adresse e-mail').fill(newOperator.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(newOperator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/account-setup/two-factor');
    await seeText(page.locator('h1'), 'Double authentification');
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await seeText(page.getByTestId('totp-uri'), /^otpauth:\/\/totp\//);
    await w.screenshot('a7-two-factor-secret');
    // A wrong code is refused and said; the right one turns the second factor on.
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await seeText(page.getByTestId('totp-form').locator('.alert-danger'), /code/i);
    await page.getByLabel('Code à 6 chiffres').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await seeText(page.getByTestId('totp-done'), 'Double authentification activée');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect((me as { user: { email: string; roles: string[]; totpEnabled: boolean } }).user).toMatchObject({
      email: newOperator.email,
      roles: ['incert'],
      totpEnabled: true,
    });
    await w.screenshot('a8-two-factor-on');
    await page.getByRole('link', { name: 'Aller au back-office' }).click();
    await page.waitForURL('**/back-office/enrolments');

    // Later, from the header: turning the second factor off takes a current code (the one used to turn it on is spent).
    await page.getByTestId('two-factor-link').click();
    await page.waitForURL('**/account-setup/two-factor');
    const disable = page.getByTestId('totp-disable-form');
    await disable.getByLabel('Code à 6 chiffres').fill('12');
    await disable.getByRole('button', { name: 'Désactiver la double authentification' }).click();
    await seeClass(disable.getByLabel('Code à 6 chiffres'), /is-invalid/);
    await disable.getByLabel('Code à 6 chiffres').fill('000000');
    await disable.getByRole('button', { name: 'Désactiver la double authentification' }).click();
    await seeText(disable.locator('.alert-danger'), /code/i);
    expect(await accessibilityViolations(page)).toEqual([]);
    await disable.getByLabel('Code à 6 chiffres').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await disable.getByRole('button', { name: 'Désactiver la double authentification' }).click();
    await page.waitForURL('**/back-office/enrolments');
    await seeText(page.locator('.alert-success'), 'Double authentification désactivée');
    const after = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect((after as { user: { totpEnabled: boolean } }).user.totpEnabled).toBe(false);
    clean();
  }, 120_000);

  it('should say what to do when a link was already used, is unknown or is incomplete', async () => {
    const w = await open();
    const { page } = w;
    // The invitation link of the first test was used: the page says so and who can send a new one.
    await page.goto(usedInvitationLink);
    const form = page.getByTestId('invitation-form');
    await form.getByLabel('Votre nom').fill('Quelqu’un');
    await form.getByLabel('Mot de passe', { exact: true }).fill('another-long-passphrase-1');
    await form.getByLabel('Confirmez le mot de passe').fill('another-long-passphrase-1');
    await form.getByRole('button', { name: 'Créer mon compte' }).click();
    const error = page.getByTestId('link-error');
    await seeText(error, 'n’est pas valide ou a déjà été utilisé');
    await seeText(error, 'administrateur de votre organisation');
    await w.screenshot('a9-invitation-used');

    // An unknown reset token: a way to ask for a new link, which leads to the forgotten-password form.
    await page.goto(`/reset-password#token=${'x'.repeat(43)}`);
    const reset = page.getByTestId('reset-form');
    await reset.getByLabel('Nouveau mot de passe').fill('another-long-passphrase-1');
    await reset.getByLabel('Confirmez le mot de passe').fill('another-long-passphrase-1');
    await reset.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await seeText(page.getByTestId('link-error'), 'Demandez un nouveau lien');
    // The keyboard focus moved to the message (the button that had it left with the form).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('link-error');
    expect(await accessibilityViolations(page)).toEqual([]);
    await w.screenshot('a10-reset-link-invalid');
    await page.getByRole('button', { name: 'Demander un nouveau lien' }).click();
    await page.getByTestId('forgot-form').waitFor({ state: 'visible' });

    // A link cut short by a mail program: no token, said plainly.
    await page.goto('/account-setup');
    await seeText(page.getByTestId('link-error'), 'Lien incomplet');
    await seeText(page.getByTestId('link-error'), 'Mot de passe oublié');
    await w.screenshot('a11-setup-link-incomplete');
    clean();
  }, 60_000);
});
