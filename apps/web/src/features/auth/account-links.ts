import { api, ApiError } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { navigate, setFlash, type RouteContext, type RouteDef } from '../../app/router.js';
import { loadSession, user } from '../../app/session.js';
import { alertBox, errorBox, field, invalid, showFieldErrors, withBusy } from '../../app/ui.js';
import { locale, t } from '../../i18n/index.js';
import { authCard, totpCodeInput } from './auth-card.js';

// The pages behind the gateway's e-mailed one-time links (docs/identity.md, "One-time links"): accepting a vendor
// invitation, choosing a new password (and asking for the link), and activating an operator account — plus the
// optional second-factor set-up an operator reaches right after its first sign-in.

// The token travels in the URL fragment so that it never reaches a server, a log or a Referer. It is read once,
// kept in memory for this page (a language switch re-renders it), and removed from the address bar at once.
const heldTokens = new Map<string, string>();
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

type LinkToken = { token: string } | { token: null; malformed: boolean };

function takeToken(path: string): LinkToken {
  const fragment = window.location.hash.replace(/^#/, '');
  if (fragment) {
    const value = new URLSearchParams(fragment).get('token');
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    if (value !== null && TOKEN.test(value)) heldTokens.set(path, value);
    else if (value !== null) {
      heldTokens.delete(path);
      return { token: null, malformed: true };
    }
  }
  const token = heldTokens.get(path);
  return token ? { token } : { token: null, malformed: false };
}

const LINK_ERRORS = new Set(['LINK_INVALID', 'LINK_EXPIRED']);
const isLinkError = (error: unknown): boolean => error instanceof ApiError && LINK_ERRORS.has(error.code ?? '');

const linkMissing = (whatToDo: string, action?: Node | null) =>
  h(
    'div',
    { 'data-testid': 'link-error', tabindex: '-1' },
    alertBox('danger', t('auth.link.missing.title'), t('auth.link.missing.text')),
    h('p', { class: 'mb-2' }, h('strong', null, t('auth.link.whatToDo')), ' ', whatToDo),
    action ?? null,
  );

// A used, revoked or expired link: the server's message (it says which), and what this person can do about it.
const linkFailed = (error: unknown, whatToDo: string, action?: Node | null) =>
  h(
    'div',
    { 'data-testid': 'link-error', tabindex: '-1' },
    errorBox(error),
    h('p', { class: 'mb-2' }, h('strong', null, t('auth.link.whatToDo')), ' ', whatToDo),
    action ?? null,
  );

// The focused submit button leaves with the form: keyboard and screen-reader users land on what replaced it.
function replaceAndFocus(form: HTMLElement, next: HTMLElement) {
  form.replaceWith(next);
  next.focus();
}

const newResetLinkButton = () =>
  h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      onclick: () => {
        heldTokens.delete('/reset-password');
        navigate('/reset-password', { replace: true });
      },
    },
    icon('envelope'),
    ' ',
    t('auth.reset.again'),
  );

const signInLink = () => h('a', { class: 'btn btn-outline-primary', href: '/login' }, t('auth.login'));

// New password + confirmation: the rules are the API's (its field errors show at the password field); the
// confirmation is checked here since it never leaves the browser.
function passwordPair(label: string = t('auth.password')) {
  const password = h('input', {
    type: 'password',
    name: 'password',
    class: 'form-control',
    autocomplete: 'new-password',
    required: true,
  });
  const confirm = h('input', {
    type: 'password',
    name: 'passwordConfirm',
    class: 'form-control',
    autocomplete: 'new-password',
    required: true,
  });
  const fields = [field(label, password, t('auth.password.help')), field(t('auth.passwordConfirm'), confirm)];
  const confirmed = (): boolean => {
    for (const el of [password, confirm]) {
      el.classList.remove('is-invalid');
      el.removeAttribute('aria-invalid');
    }
    return password.value === confirm.value || invalid(confirm, t('auth.passwordMismatch'));
  };
  return { password, confirm, fields, confirmed };
}

// Field errors at their fields with a summary on top (as on the registration page); anything else as an error box.
function showError(form: HTMLFormElement, errors: HTMLElement, error: unknown) {
  if (showFieldErrors(form, error) && error instanceof ApiError)
    errors.replaceChildren(alertBox('danger', error.problem.title ?? t('error.title'), error.problem.detail));
  else errors.replaceChildren(errorBox(error));
}

const submitButton = (iconName: string, label: string) =>
  h('button', { type: 'submit', class: 'btn btn-primary w-100' }, icon(iconName), ' ', label);

function invitationPage(ctx: RouteContext) {
  const link = takeToken('/invitation');
  const whatToDo = t('auth.invitation.invalid');
  if (!link.token) {
    ctx.outlet.append(authCard(t('auth.invitation.title'), t('auth.invitation.intro'), linkMissing(whatToDo, signInLink())));
    return;
  }
  const token = link.token;
  const displayName = h('input', {
    type: 'text',
    name: 'displayName',
    class: 'form-control',
    autocomplete: 'name',
    required: true,
    maxlength: '200',
  });
  const pair = passwordPair();
  const submit = submitButton('person-check', t('auth.invitation.submit'));
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'invitation-form' },
    errors,
    field(t('auth.displayName'), displayName, t('auth.displayName.help')),
    ...pair.fields,
    submit,
  );
  const signedIn = ctx.user;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    if (!pair.confirmed()) return;
    void withBusy(submit, async () => {
      try {
        await api.post('/api/auth/invitations/accept', {
          token,
          password: pair.password.value,
          displayName: displayName.value.trim(),
          locale: locale(),
        });
        heldTokens.delete('/invitation');
        // The answer opened the new member's session (cookie); read it back like any page load.
        const member = await loadSession();
        setFlash('success', t('auth.invitation.done', { name: member?.displayName ?? displayName.value.trim() }));
        navigate('/portal', { replace: true });
      } catch (error) {
        if (isLinkError(error)) {
          heldTokens.delete('/invitation');
          replaceAndFocus(form, linkFailed(error, whatToDo, signInLink()));
          return;
        }
        showError(form, errors, error);
      }
    });
  });
  ctx.outlet.append(
    authCard(
      t('auth.invitation.title'),
      t('auth.invitation.intro'),
      signedIn ? alertBox('info', null, t('auth.invitation.signedIn', { email: signedIn.email })) : null,
      form,
    ),
  );
}

function resetPasswordPage(ctx: RouteContext) {
  const link = takeToken('/reset-password');
  if (link.token) {
    ctx.outlet.append(newPasswordCard(link.token));
    return;
  }
  ctx.setTitle(t('auth.forgot.title'));
  ctx.outlet.append(
    authCard(
      t('auth.forgot.title'),
      t('auth.forgot.intro'),
      'malformed' in link && link.malformed
        ? alertBox('warning', t('auth.link.missing.title'), t('auth.link.missing.text'))
        : null,
      forgotForm(),
    ),
  );
}

// Always the same neutral answer: the API says 202 whether or not the address has an account (no enumeration).
function forgotForm() {
  const email = h('input', { type: 'email', name: 'email', class: 'form-control', autocomplete: 'username', required: true });
  const submit = submitButton('envelope', t('auth.forgot.submit'));
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true, 'data-testid': 'forgot-form' }, errors, field(t('auth.email'), email), submit);
  const wrapper = h(
    'div',
    { 'aria-live': 'polite' },
    form,
    h('p', { class: 'mt-3 mb-0 small' }, h('a', { href: '/login' }, t('auth.forgot.back'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    void withBusy(submit, async () => {
      try {
        const address = email.value.trim();
        const answer = await api.post<{ sent: boolean; expiresInMinutes: number }>('/api/auth/password-reset/request', {
          email: address,
        });
        wrapper.replaceChildren(
          h(
            'div',
            { 'data-testid': 'forgot-sent', tabindex: '-1' },
            alertBox(
              'success',
              t('auth.forgot.sent.title'),
              t('auth.forgot.sent', { email: address, minutes: answer.expiresInMinutes }),
            ),
          ),
          h('a', { class: 'btn btn-outline-primary', href: '/login' }, t('auth.forgot.back')),
        );
        wrapper.querySelector<HTMLElement>('[data-testid="forgot-sent"]')?.focus();
      } catch (error) {
        showError(form, errors, error);
      }
    });
  });
  return wrapper;
}

// A one-time link that chooses a password (a reset, or an operator's first one: the same API). A used, revoked or
// expired link replaces the form with what to do instead.
function linkPasswordForm(options: {
  token: string;
  path: '/reset-password' | '/account-setup';
  testId: string;
  label?: string;
  submit: HTMLButtonElement;
  done: () => void;
  whatToDo: string;
  instead: () => HTMLElement;
}): HTMLFormElement {
  const pair = passwordPair(options.label);
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true, 'data-testid': options.testId }, errors, ...pair.fields, options.submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    if (!pair.confirmed()) return;
    void withBusy(options.submit, async () => {
      try {
        await api.post('/api/auth/password-reset/confirm', { token: options.token, password: pair.password.value });
        heldTokens.delete(options.path);
        // Every session of the account ended: forget ours if it was one of them.
        await loadSession();
        options.done();
      } catch (error) {
        if (isLinkError(error)) {
          heldTokens.delete(options.path);
          replaceAndFocus(form, linkFailed(error, options.whatToDo, options.instead()));
          return;
        }
        showError(form, errors, error);
      }
    });
  });
  return form;
}

function newPasswordCard(token: string) {
  const form = linkPasswordForm({
    token,
    path: '/reset-password',
    testId: 'reset-form',
    label: t('auth.newPassword'),
    submit: submitButton('key', t('auth.reset.submit')),
    done: () => {
      setFlash('success', t('auth.reset.done'));
      navigate('/login', { replace: true });
    },
    whatToDo: t('auth.reset.invalid'),
    instead: newResetLinkButton,
  });
  return authCard(t('auth.reset.title'), t('auth.reset.intro'), form);
}

// Operator accounts: the set-up link chooses the first password (the same API as a reset); the second factor needs
// a session, so it is offered right after the first sign-in (/account-setup/two-factor).
function accountSetupPage(ctx: RouteContext) {
  const link = takeToken('/account-setup');
  const whatToDo = t('auth.setup.invalid');
  const forgot = () => h('a', { class: 'btn btn-outline-primary', href: '/reset-password' }, t('auth.forgot'));
  if (!link.token) {
    ctx.outlet.append(authCard(t('auth.setup.title'), t('auth.setup.intro'), linkMissing(whatToDo, forgot())));
    return;
  }
  const form = linkPasswordForm({
    token: link.token,
    path: '/account-setup',
    testId: 'setup-form',
    submit: submitButton('shield-check', t('auth.setup.submit')),
    done: () => {
      setFlash('success', t('auth.setup.done'));
      navigate(`/login?next=${encodeURIComponent('/account-setup/two-factor')}`, { replace: true });
    },
    whatToDo,
    instead: forgot,
  });
  ctx.outlet.append(authCard(t('auth.setup.title'), t('auth.setup.intro'), form));
}

// TOTP (RFC 6238): the API returns the secret and its otpauth:// URI; both are shown as text (no QR service: nothing
// may leave this machine, and a secret must not be sent to a third party).
function twoFactorPage(ctx: RouteContext) {
  const home = '/back-office';
  const body = h('div', { 'aria-live': 'polite' });
  ctx.outlet.append(authCard(t('auth.twoFactor.title'), t('auth.twoFactor.intro'), body));
  if (user()?.totpEnabled) {
    body.append(
      alertBox('success', t('auth.twoFactor.already')),
      disableTotpForm(home),
      h('a', { class: 'btn btn-outline-secondary', href: home }, t('auth.twoFactor.continue')),
    );
    return;
  }
  const start = h(
    'button',
    { type: 'button', class: 'btn btn-primary', 'data-testid': 'totp-start' },
    icon('phone'),
    ' ',
    t('auth.twoFactor.start'),
  );
  const errors = h('div', { 'aria-live': 'assertive' });
  body.append(
    errors,
    h(
      'div',
      { class: 'd-flex flex-wrap gap-2' },
      start,
      h('a', { class: 'btn btn-outline-secondary', href: home }, t('auth.twoFactor.skip')),
    ),
  );
  start.addEventListener('click', () => {
    errors.replaceChildren();
    void withBusy(start, async () => {
      try {
        const enrolled = await api.post<{ secret: string; otpauthUri: string }>('/api/auth/totp/enrol');
        body.replaceChildren(confirmTotpForm(enrolled, home));
        body.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
      } catch (error) {
        errors.replaceChildren(errorBox(error));
      }
    });
  });
}

// Turning the second factor off takes a current code, so a session left open is not enough to remove it.
function disableTotpForm(home: string) {
  const code = totpCodeInput();
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-outline-danger w-100' },
    icon('shield-x'),
    ' ',
    t('auth.twoFactor.disable'),
  );
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { novalidate: true, class: 'mb-3', 'data-testid': 'totp-disable-form' },
    h('p', { class: 'small text-body-secondary' }, t('auth.twoFactor.disable.intro')),
    errors,
    field(t('auth.totp.code'), code),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    if (!/^\d{6}$/.test(code.value.trim())) return void invalid(code, t('auth.twoFactor.disable.code'));
    void withBusy(submit, async () => {
      try {
        await api.post('/api/auth/totp/disable', { code: code.value.trim() });
        await loadSession();
        setFlash('success', t('auth.twoFactor.disabled'));
        navigate(home);
      } catch (error) {
        showError(form, errors, error);
        code.select();
        code.focus();
      }
    });
  });
  return form;
}

function confirmTotpForm(enrolled: { secret: string; otpauthUri: string }, home: string) {
  const code = totpCodeInput();
  const submit = submitButton('shield-lock', t('auth.twoFactor.confirm'));
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'totp-form' },
    h('p', null, t('auth.twoFactor.steps')),
    h(
      'dl',
      { class: 'mb-3' },
      h('dt', { class: 'small text-body-secondary fw-normal' }, t('auth.twoFactor.secret')),
      h('dd', null, h('code', { class: 'user-select-all fs-6', 'data-testid': 'totp-secret' }, enrolled.secret)),
      h('dt', { class: 'small text-body-secondary fw-normal' }, t('auth.twoFactor.uri')),
      h(
        'dd',
        { class: 'text-break' },
        h('code', { class: 'user-select-all small', 'data-testid': 'totp-uri' }, enrolled.otpauthUri),
      ),
    ),
    errors,
    field(t('auth.totp.code'), code),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    void withBusy(submit, async () => {
      try {
        await api.post('/api/auth/totp/confirm', { code: code.value.trim() });
        await loadSession();
        const next = h('a', { class: 'btn btn-primary', href: home }, t('auth.twoFactor.continue'));
        form.replaceWith(h('div', { 'data-testid': 'totp-done' }, alertBox('success', t('auth.twoFactor.done')), next));
        next.focus();
      } catch (error) {
        showError(form, errors, error);
        code.select();
        code.focus();
      }
    });
  });
  return form;
}

export const accountLinkRoutes: RouteDef[] = [
  // Public: the link works whoever is signed in on this browser (the page says so when someone is).
  { path: '/invitation', area: 'public', access: 'public', title: 'auth.invitation.title', render: invitationPage },
  { path: '/reset-password', area: 'public', access: 'public', title: 'auth.reset.title', render: resetPasswordPage },
  { path: '/account-setup', area: 'public', access: 'public', title: 'auth.setup.title', render: accountSetupPage },
  {
    path: '/account-setup/two-factor',
    area: 'public',
    access: 'operator',
    title: 'auth.twoFactor.title',
    render: twoFactorPage,
  },
];
