import { api, ApiError, query } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { pagedList } from '../../app/paged-list.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import {
  badge,
  card,
  emptyState,
  errorBox,
  field,
  pageHeader,
  showFieldErrors,
  spinner,
  withBusy,
  columnHeaders,
} from '../../app/ui.js';
import { locale, t } from '../../i18n/index.js';

// The vendor's team (PROCESS.md, Actors: several users per vendor, an admin who invites members). Only the vendor
// admin sees this page; every call is scoped by the gateway to the caller's vendor.
type Member = { id: string; email: string; displayName: string; roles: string[]; active: boolean; lastLoginAt: string | null };
type Invitation = { invitationId: string; email: string; roles: string[]; expiresAt: string; createdAt: string };

export async function teamPage(ctx: RouteContext) {
  const membersBody = h('div', null, spinner());
  const invitationsBody = h('div', null, spinner());
  append(ctx.outlet, [
    pageHeader(t('team.title'), { subtitle: t('team.subtitle'), breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }] }),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-7' },
        card(h('span', null, icon('people'), ' ', t('team.members')), membersBody, { id: 'members' }),
      ),
      h(
        'div',
        { class: 'col-lg-5 d-flex flex-column gap-4' },
        inviteCard(ctx),
        card(h('span', null, icon('envelope'), ' ', t('team.invitations')), invitationsBody, { id: 'invitations' }),
      ),
    ),
  ]);
  await Promise.all([members(membersBody, ctx), invitations(invitationsBody, ctx)]);
}

const reload = (ctx: RouteContext) => navigate(ctx.path, { replace: true });

async function members(container: HTMLElement, ctx: RouteContext) {
  const tbody = h('tbody');
  const errors = h('div', { 'aria-live': 'assertive' });
  const table = h(
    'table',
    { class: 'table align-middle mb-0', 'data-testid': 'team-members' },
    h('caption', { class: 'visually-hidden' }, t('team.members')),
    h(
      'thead',
      null,
      columnHeaders([
        t('team.col.member'),
        t('team.col.role'),
        t('team.col.state'),
        t('team.col.lastLogin'),
        h('span', { class: 'visually-hidden' }, t('actions.title')),
      ]),
    ),
    tbody,
  );
  const row = (m: Member) => {
    const admin = m.roles.includes('vendor_admin');
    const deactivate =
      m.active && !admin && m.id !== ctx.user?.id
        ? h(
            'button',
            { type: 'button', class: 'btn btn-sm btn-outline-danger', 'data-action': 'deactivate' },
            icon('person-x'),
            ' ',
            t('team.deactivate'),
          )
        : null;
    deactivate?.addEventListener('click', () => {
      if (!window.confirm(t('team.deactivate.confirm', { email: m.email }))) return;
      void withBusy(deactivate, async () => {
        try {
          await api.post(`/api/vendor/members/${encodeURIComponent(m.id)}/deactivate`);
          setFlash('success', t('team.deactivated', { email: m.email }));
          reload(ctx);
        } catch (error) {
          errors.replaceChildren(errorBox(error));
        }
      });
    });
    return h(
      'tr',
      { 'data-member': m.email, 'data-active': String(m.active) },
      h(
        'td',
        null,
        h('div', { class: 'fw-semibold' }, m.displayName || m.email),
        h('div', { class: 'small text-body-secondary' }, m.email),
      ),
      h('td', null, badge(t(admin ? 'role.vendor_admin' : 'role.vendor_member'), admin ? 'primary' : 'secondary')),
      h('td', null, m.active ? badge(t('team.active'), 'success') : badge(t('team.inactive'), 'light')),
      h('td', { class: 'small text-nowrap' }, m.lastLoginAt ? formatDateTime(m.lastLoginAt) : '—'),
      h('td', { class: 'text-end' }, deactivate),
    );
  };
  // A team always has its admin: no empty state. Errors, here and on deactivation, are shown above the table.
  await pagedList({
    container,
    fetchPage: (cursor) =>
      api.get<{ items: Member[]; nextCursor: string | null }>(`/api/vendor/members${query({ limit: 50, cursor })}`, {
        signal: ctx.signal,
      }),
    add: (items) => tbody.append(...items.map(row)),
    moreClass: 'btn btn-sm btn-outline-primary mt-2',
    onMoreError: (e) => errors.replaceChildren(errorBox(e)),
    view: (more) => [errors, h('div', { class: 'table-responsive' }, table), more],
    failed: (error) => errorBox(error, () => reload(ctx)),
  });
}

async function invitations(container: HTMLElement, ctx: RouteContext) {
  let items: Invitation[];
  try {
    items = (await api.get<{ items: Invitation[] }>('/api/vendor/invitations', { signal: ctx.signal })).items;
  } catch (error) {
    if ((error as Error).name !== 'AbortError') container.replaceChildren(errorBox(error, () => reload(ctx)));
    return;
  }
  const errors = h('div', { 'aria-live': 'assertive' });
  if (!items.length)
    return void container.replaceChildren(emptyState({ icon: 'envelope-open', title: t('team.invitations.empty') }));
  container.replaceChildren(
    errors,
    h(
      'ul',
      { class: 'list-group list-group-flush', 'data-testid': 'team-invitations' },
      items.map((inv) => {
        const revoke = h(
          'button',
          { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'revoke' },
          icon('x-circle'),
          ' ',
          t('team.revoke'),
        );
        revoke.addEventListener('click', () => {
          if (!window.confirm(t('team.revoke.confirm', { email: inv.email }))) return;
          void withBusy(revoke, async () => {
            try {
              await api.post(`/api/vendor/invitations/${encodeURIComponent(inv.invitationId)}/revoke`);
              setFlash('success', t('team.revoked', { email: inv.email }));
              reload(ctx);
            } catch (error) {
              errors.replaceChildren(errorBox(error));
            }
          });
        });
        return h(
          'li',
          { class: 'list-group-item d-flex justify-content-between align-items-center gap-2', 'data-invitation': inv.email },
          h(
            'div',
            null,
            h('div', { class: 'fw-semibold' }, inv.email),
            h(
              'div',
              { class: 'small text-body-secondary' },
              t('team.invitation.sent', { sent: formatDateTime(inv.createdAt), expires: formatDateTime(inv.expiresAt) }),
            ),
          ),
          revoke,
        );
      }),
    ),
  );
}

function inviteCard(ctx: RouteContext) {
  const email = h('input', {
    class: 'form-control',
    type: 'email',
    name: 'email',
    required: true,
    maxlength: '320',
    autocomplete: 'off',
  });
  const lang = h(
    'select',
    { class: 'form-select', name: 'locale' },
    h('option', { value: 'fr', selected: locale() === 'fr' }, 'Français'),
    h('option', { value: 'en', selected: locale() === 'en' }, 'English'),
  );
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, icon('send'), ' ', t('team.invite.submit'));
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'invite-form' },
    h('p', { class: 'small text-body-secondary' }, t('team.invite.intro')),
    errors,
    field(t('team.invite.email'), email),
    field(t('team.invite.locale'), lang),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    email.classList.remove('is-invalid');
    if (!email.value.trim() || !email.checkValidity()) {
      email.classList.add('is-invalid');
      const feedback = email.parentElement?.querySelector('.invalid-feedback');
      if (feedback) feedback.textContent = email.value.trim() ? t('team.invite.emailInvalid') : t('action.input.required');
      email.focus();
      return;
    }
    void withBusy(submit, async () => {
      try {
        await api.post('/api/vendor/invitations', { email: email.value.trim(), locale: lang.value });
        setFlash('success', t('team.invited', { email: email.value.trim() }));
        reload(ctx);
      } catch (error) {
        // EMAIL_TAKEN (409) names the e-mail field in its meta; show it there as well.
        if (!showFieldErrors(form, error) && error instanceof ApiError && error.problem.field === 'email') {
          email.classList.add('is-invalid');
          const feedback = email.parentElement?.querySelector('.invalid-feedback');
          if (feedback) feedback.textContent = error.message;
        }
        errors.replaceChildren(errorBox(error));
      }
    });
  });
  return card(h('span', null, icon('person-plus'), ' ', t('team.invite')), form, { id: 'invite' });
}
