import { ApiError } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { navigate, setFlash, type FeatureModule, type RouteContext } from '../../app/router.js';
import { homePath, login, loginTotp, register } from '../../app/session.js';
import { alertBox, errorBox, field, showFieldErrors, withBusy } from '../../app/ui.js';
import { locale, t } from '../../i18n/index.js';
import { accountLinkRoutes } from './account-links.js';
import { authCard, totpCodeInput } from './auth-card.js';

// Sign in (with the second factor when the account has one) and vendor registration; the e-mailed one-time links
// (invitation, password reset, operator set-up) are in account-links.ts.

const safeNext = (next: string | null): string | null => (next && next.startsWith('/') && !next.startsWith('//') ? next : null);

function loginPage(ctx: RouteContext) {
  const email = h('input', { type: 'email', name: 'email', class: 'form-control', autocomplete: 'username', required: true });
  const password = h('input', {
    type: 'password',
    name: 'password',
    class: 'form-control',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary w-100' },
    icon('box-arrow-in-right'),
    ' ',
    t('auth.login'),
  );
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'login-form' },
    errors,
    field(t('auth.email'), email),
    field(t('auth.password'), password),
    submit,
  );
  const next = safeNext(ctx.query.get('next'));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    if (!email.value || !password.value) {
      errors.replaceChildren(alertBox('danger', t('auth.missing')));
      (email.value ? password : email).focus();
      return;
    }
    void withBusy(submit, async () => {
      try {
        const answer = await login(email.value.trim(), password.value);
        if ('totpRequired' in answer) {
          form.replaceWith(totpForm(answer.challenge, next));
          return;
        }
        navigate(next ?? homePath(answer.user), { replace: true });
      } catch (error) {
        errors.replaceChildren(errorBox(error));
        password.select();
        password.focus();
      }
    });
  });
  ctx.outlet.append(
    authCard(
      t('auth.login.title'),
      t('auth.login.intro'),
      form,
      h(
        'p',
        { class: 'mt-3 mb-0 small' },
        h('a', { href: '/reset-password', 'data-testid': 'forgot-password' }, t('auth.forgot')),
      ),
      h('p', { class: 'mt-2 mb-0 small' }, t('auth.noAccount'), ' ', h('a', { href: '/register' }, t('auth.register'))),
    ),
  );
}

function totpForm(challenge: string, next: string | null) {
  const code = totpCodeInput();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary w-100' }, t('auth.totp.submit'));
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { novalidate: true },
    h('p', null, t('auth.totp.intro')),
    errors,
    field(t('auth.totp.code'), code),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void withBusy(submit, async () => {
      try {
        const u = await loginTotp(challenge, code.value.trim());
        navigate(next ?? homePath(u), { replace: true });
      } catch (error) {
        errors.replaceChildren(errorBox(error));
        code.focus();
      }
    });
  });
  queueMicrotask(() => code.focus());
  return form;
}

function registerPage(ctx: RouteContext) {
  const displayName = h('input', {
    type: 'text',
    name: 'displayName',
    class: 'form-control',
    autocomplete: 'name',
    required: true,
    maxlength: '200',
  });
  const email = h('input', { type: 'email', name: 'email', class: 'form-control', autocomplete: 'email', required: true });
  const password = h('input', {
    type: 'password',
    name: 'password',
    class: 'form-control',
    autocomplete: 'new-password',
    required: true,
    minlength: '12',
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary w-100' },
    icon('person-plus'),
    ' ',
    t('auth.register.submit'),
  );
  const errors = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'register-form' },
    errors,
    field(t('auth.displayName'), displayName, t('auth.displayName.help')),
    field(t('auth.email'), email),
    field(t('auth.password'), password, t('auth.password.help')),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    if (password.value.length < 12) {
      password.classList.add('is-invalid');
      const fb = password.parentElement?.querySelector('.invalid-feedback');
      if (fb) fb.textContent = t('auth.password.help');
      password.focus();
      return;
    }
    void withBusy(submit, async () => {
      try {
        await register({
          email: email.value.trim(),
          password: password.value,
          displayName: displayName.value.trim(),
          locale: locale(),
        });
        setFlash('success', t('auth.register.done'));
        navigate('/portal', { replace: true });
      } catch (error) {
        if (!showFieldErrors(form, error) || !(error instanceof ApiError)) errors.replaceChildren(errorBox(error));
        else errors.replaceChildren(alertBox('danger', error.problem.title ?? t('error.title'), error.problem.detail));
      }
    });
  });
  ctx.outlet.append(
    authCard(
      t('auth.register.title'),
      t('auth.register.intro'),
      form,
      h('p', { class: 'mt-3 mb-0 small' }, t('auth.haveAccount'), ' ', h('a', { href: '/login' }, t('auth.login'))),
    ),
  );
}

export const authModule: FeatureModule = {
  id: 'auth',
  routes: [
    { path: '/login', area: 'public', access: 'guest', title: 'auth.login.title', render: loginPage },
    { path: '/register', area: 'public', access: 'guest', title: 'auth.register.title', render: registerPage },
    ...accountLinkRoutes,
  ],
};
