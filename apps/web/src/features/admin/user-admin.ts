import { api, ApiError, query, type Page } from '../../app/api.js';
import { h, icon, uid } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { pagedList, tableWithMore } from '../../app/paged-list.js';
import type { RouteContext } from '../../app/router.js';
import {
  alertBox,
  badge,
  card,
  clearInvalid,
  columnHeaders,
  emptyState,
  errorBox,
  field,
  markInvalid,
  pageHeader,
  showFieldErrors,
  spinner,
  withBusy,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { OPERATOR_ROLE_LIST, roleLabel } from './admin-view.js';

// User administration (admin only; /api/admin/users): every account with its roles and status; the admin invites an
// operator (INCERT, AeS, read-only CNS/CISS, admin — PROCESS.md, Actors), changes an operator's roles, deactivates or
// reactivates an account, resets a lost second factor. A new operator gets a one-time link to choose its password.
export type AdminUser = {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  vendorId: string | null;
  locale: 'fr' | 'en';
  demo: boolean;
  active: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
};
type UserAnswer = { user: AdminUser };
type Created = { user: AdminUser; setupLinkExpiresAt: string };

const PATH = '/back-office/users';
const ROLE_FILTERS = [...OPERATOR_ROLE_LIST, 'vendor_admin', 'vendor_member'] as const;
const isOperatorAccount = (u: AdminUser) =>
  u.vendorId === null && u.roles.every((r) => (OPERATOR_ROLE_LIST as readonly string[]).includes(r));

// A group of role checkboxes that reports its errors like any other field (showFieldErrors finds name="roles").
function rolesFieldset(legend: string, selected: readonly string[], idPrefix: string) {
  const boxes = OPERATOR_ROLE_LIST.map((role) => {
    const id = `${idPrefix}-${role}`;
    const box = h('input', {
      class: 'form-check-input',
      type: 'checkbox',
      id,
      value: role,
      checked: selected.includes(role),
      'data-role': role,
    });
    return {
      box,
      el: h(
        'div',
        { class: 'form-check form-check-inline' },
        box,
        h('label', { class: 'form-check-label', for: id }, roleLabel(role)),
      ),
    };
  });
  const fieldset = h(
    'fieldset',
    { name: 'roles', class: 'roles-fieldset' },
    h('legend', { class: 'form-label fs-6 mb-1' }, legend),
    boxes.map((b) => b.el),
  );
  const feedback = h('div', { class: 'invalid-feedback' });
  return {
    el: h('div', { class: 'mb-3' }, fieldset, feedback),
    values: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value),
    invalid: (message: string) => {
      fieldset.classList.add('is-invalid');
      feedback.textContent = message;
      boxes[0]?.box.focus();
    },
  };
}

// Errors a plain form can show at a field: zod paths from the API, and the e-mail already taken.
function fieldErrors(form: HTMLFormElement, error: unknown): boolean {
  if (showFieldErrors(form, error)) return true;
  if (!(error instanceof ApiError)) return false;
  const name =
    typeof error.problem.field === 'string'
      ? error.problem.field
      : error.code === 'EMAIL_TAKEN'
        ? 'email'
        : error.code === 'LAST_ADMIN'
          ? 'roles'
          : null;
  const control = name ? form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) : null;
  if (!control) return false;
  markInvalid(control, error.problem.detail ?? error.message);
  if (control instanceof HTMLInputElement) control.focus();
  return true;
}

export async function userAdminPage(ctx: RouteContext) {
  const role = ROLE_FILTERS.find((r) => r === ctx.query.get('role')) ?? '';
  const me = ctx.user?.id;

  // ---- Invite an operator.
  const email = h('input', {
    class: 'form-control',
    type: 'email',
    name: 'email',
    id: 'new-user-email',
    autocomplete: 'off',
    required: true,
    maxlength: '320',
  });
  const displayName = h('input', {
    class: 'form-control',
    name: 'displayName',
    id: 'new-user-name',
    autocomplete: 'off',
    required: true,
    maxlength: '200',
  });
  const userLocale = h(
    'select',
    { class: 'form-select', name: 'locale', id: 'new-user-locale' },
    h('option', { value: 'fr' }, 'Français'),
    h('option', { value: 'en' }, 'English'),
  );
  const roles = rolesFieldset(t('admin.users.roles'), ['incert'], 'new-user-role');
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', 'data-testid': 'create-user' },
    icon('person-plus'),
    ' ',
    t('admin.users.create.submit'),
  );
  const createFeedback = h('div', { 'aria-live': 'polite', 'data-testid': 'create-user-feedback' });
  const createForm = h(
    'form',
    { novalidate: true, 'data-testid': 'create-user-form' },
    h(
      'div',
      { class: 'row g-3' },
      h('div', { class: 'col-md-5' }, field(t('admin.users.email'), email)),
      h('div', { class: 'col-md-5' }, field(t('admin.users.name'), displayName)),
      h('div', { class: 'col-md-2' }, field(t('admin.users.locale'), userLocale)),
    ),
    roles.el,
    h('p', { class: 'small text-body-secondary' }, t('admin.users.create.help')),
    submit,
    createFeedback,
  );

  // ---- The list.
  const roleFilter = h(
    'select',
    { class: 'form-select', id: 'users-role' },
    h('option', { value: '' }, t('admin.users.filter.anyRole')),
    ROLE_FILTERS.map((r) => h('option', { value: r, selected: r === role }, roleLabel(r))),
  );
  roleFilter.addEventListener('change', () => {
    history.replaceState(null, '', `${PATH}${query({ role: roleFilter.value })}`);
    void reload();
  });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table align-middle', 'data-testid': 'users-table' },
    h('caption', { class: 'visually-hidden' }, t('admin.users.title')),
    h(
      'thead',
      null,
      columnHeaders([
        t('admin.users.col.user'),
        t('admin.users.col.roles'),
        t('admin.users.col.status'),
        t('admin.users.col.lastLogin'),
        t('admin.users.col.actions'),
      ]),
    ),
    tbody,
  );
  const list = h('div', null, spinner());

  ctx.outlet.append(
    pageHeader(t('admin.users.title'), { subtitle: t('admin.users.subtitle') }),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-12' },
        card(h('span', null, icon('person-plus'), ' ', t('admin.users.create.title')), createForm, { id: 'create-user' }),
      ),
      h(
        'div',
        { class: 'col-12' },
        card(
          h('span', null, icon('people'), ' ', t('admin.users.list')),
          [
            h(
              'div',
              { class: 'mb-3', style: 'max-width: 20rem' },
              h('label', { class: 'form-label small', for: 'users-role' }, t('admin.users.filter.role')),
              roleFilter,
            ),
            list,
          ],
          { id: 'users' },
        ),
      ),
    ),
  );

  const reload = async () => {
    tbody.replaceChildren();
    await pagedList({
      container: list,
      fetchPage: (cursor) =>
        api.get<Page<AdminUser>>(`/api/admin/users${query({ limit: 50, role: roleFilter.value, cursor })}`, {
          signal: ctx.signal,
        }),
      add: (items) => tbody.append(...items.map((u) => userRow(u, me))),
      view: tableWithMore(table),
      empty: () => emptyState({ icon: 'people', title: t('admin.users.empty') }),
      failed: (error) => errorBox(error, () => void reload()),
    });
  };

  createForm.addEventListener('submit', (e) => {
    e.preventDefault();
    clearInvalid(createForm);
    createFeedback.replaceChildren();
    const chosen = roles.values();
    if (!chosen.length) return roles.invalid(t('admin.users.roles.required'));
    void withBusy(submit, async () => {
      try {
        const created = await api.post<Created>('/api/admin/users', {
          email: email.value.trim(),
          displayName: displayName.value.trim(),
          roles: chosen,
          locale: userLocale.value,
        });
        createForm.reset();
        createFeedback.replaceChildren(
          alertBox(
            'success',
            t('admin.users.created', { email: created.user.email }),
            t('admin.users.created.text', { date: formatDateTime(created.setupLinkExpiresAt) }),
          ),
        );
        await reload();
        tbody.querySelector(`[data-user-id="${CSS.escape(created.user.id)}"]`)?.classList.add('table-success');
      } catch (error) {
        // Shown at the field when the API names one (e-mail taken, invalid name…), as a message otherwise.
        if (!fieldErrors(createForm, error)) createFeedback.replaceChildren(errorBox(error));
      }
    });
  });

  await reload();
}

function statusCell(u: AdminUser) {
  return h(
    'div',
    { class: 'd-flex flex-wrap gap-1' },
    u.active
      ? badge(t('admin.users.status.active'), 'success', { 'data-status': 'active' })
      : badge(t('admin.users.status.inactive'), 'secondary', { 'data-status': 'inactive' }),
    u.totpEnabled ? badge(t('admin.users.totp.on'), 'info') : null,
    u.vendorId ? badge(t('admin.users.vendorAccount'), 'light') : null,
    u.demo ? badge(t('admin.users.demo'), 'warning') : null,
  );
}

// One row with its actions; it re-renders itself from the account the API returns.
function userRow(user: AdminUser, me: string | undefined): HTMLTableRowElement {
  const tr = h('tr', { 'data-user-id': user.id, 'data-email': user.email });
  const render = (u: AdminUser) => {
    const feedback = h('div', { 'aria-live': 'polite', class: 'mt-2' });
    const editor = h('div', { hidden: true, class: 'mt-2' });
    const run = (button: HTMLButtonElement, path: string, confirmText: string | null) => {
      if (confirmText && !window.confirm(confirmText)) return;
      void withBusy(button, async () => {
        feedback.replaceChildren();
        try {
          render((await api.post<UserAnswer>(path, {})).user);
        } catch (error) {
          feedback.replaceChildren(errorBox(error));
        }
      });
    };
    const actions: HTMLElement[] = [];
    const operator = isOperatorAccount(u);
    if (operator) {
      const edit = h(
        'button',
        { type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-action': 'edit-roles', 'aria-expanded': 'false' },
        icon('person-gear'),
        ' ',
        t('admin.users.roles.edit'),
      );
      edit.addEventListener('click', () => {
        editor.hidden = !editor.hidden;
        edit.setAttribute('aria-expanded', String(!editor.hidden));
        if (!editor.hidden) editor.replaceChildren(rolesEditor(u, me, render, () => edit.click()));
      });
      actions.push(edit);
    }
    if (u.active) {
      const deactivate = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-sm btn-outline-danger',
          'data-action': 'deactivate',
          disabled: u.id === me,
          title: u.id === me ? t('admin.users.deactivate.self') : null,
        },
        icon('person-slash'),
        ' ',
        t('admin.users.deactivate'),
      );
      deactivate.addEventListener('click', () =>
        run(deactivate, `/api/admin/users/${u.id}/deactivate`, t('admin.users.deactivate.confirm', { email: u.email })),
      );
      actions.push(deactivate);
    } else {
      const activate = h(
        'button',
        { type: 'button', class: 'btn btn-sm btn-outline-success', 'data-action': 'activate' },
        icon('person-check'),
        ' ',
        t('admin.users.activate'),
      );
      activate.addEventListener('click', () => run(activate, `/api/admin/users/${u.id}/activate`, null));
      actions.push(activate);
    }
    if (u.totpEnabled) {
      const reset = h(
        'button',
        { type: 'button', class: 'btn btn-sm btn-outline-warning', 'data-action': 'reset-totp' },
        icon('phone'),
        ' ',
        t('admin.users.totp.reset'),
      );
      reset.addEventListener('click', () =>
        run(reset, `/api/admin/users/${u.id}/totp/reset`, t('admin.users.totp.reset.confirm', { email: u.email })),
      );
      actions.push(reset);
    }
    actions.push(
      h(
        'a',
        {
          class: 'btn btn-sm btn-outline-secondary',
          href: `/back-office/audit${query({ caseId: u.id })}`,
          'data-action': 'audit',
        },
        icon('journal-text'),
        ' ',
        t('admin.users.audit'),
      ),
    );

    tr.classList.toggle('text-body-secondary', !u.active);
    tr.replaceChildren(
      h(
        'td',
        null,
        h(
          'div',
          { class: 'fw-semibold' },
          u.displayName,
          u.id === me ? h('span', { class: 'ms-1 badge text-bg-primary' }, t('queue.me')) : null,
        ),
        h('div', { class: 'small text-body-secondary text-break' }, u.email),
      ),
      h(
        'td',
        { 'data-testid': 'user-roles' },
        h(
          'div',
          { class: 'd-flex flex-wrap gap-1' },
          u.roles.map((r) => badge(roleLabel(r), r === 'admin' ? 'dark' : 'secondary', { 'data-role': r })),
        ),
        editor,
      ),
      h('td', null, statusCell(u)),
      h('td', { class: 'small text-nowrap' }, u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('admin.users.neverSignedIn')),
      h('td', null, h('div', { class: 'd-flex flex-wrap gap-1' }, actions), feedback),
    );
  };
  render(user);
  return tr;
}

function rolesEditor(u: AdminUser, me: string | undefined, done: (u: AdminUser) => void, close: () => void) {
  const roles = rolesFieldset(t('admin.users.roles.new'), u.roles, uid('roles'));
  const save = h(
    'button',
    { type: 'submit', class: 'btn btn-sm btn-primary', 'data-action': 'save-roles' },
    icon('check2'),
    ' ',
    t('common.save'),
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: close },
    t('admin.users.cancel'),
  );
  const errors = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { novalidate: true, class: 'border rounded p-2 bg-body-tertiary', 'data-testid': 'roles-form' },
    roles.el,
    h('div', { class: 'd-flex gap-2' }, save, cancel),
    errors,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearInvalid(form);
    errors.replaceChildren();
    const chosen = roles.values();
    if (!chosen.length) return roles.invalid(t('admin.users.roles.required'));
    // Losing the admin role is hard to undo (only another admin can give it back): ask first.
    const dropsAdmin = u.roles.includes('admin') && !chosen.includes('admin');
    if (
      dropsAdmin &&
      !window.confirm(u.id === me ? t('admin.users.roles.dropOwnAdmin') : t('admin.users.roles.dropAdmin', { email: u.email }))
    )
      return;
    void withBusy(save, async () => {
      try {
        done((await api.put<UserAnswer>(`/api/admin/users/${u.id}/roles`, { roles: chosen })).user);
      } catch (error) {
        if (fieldErrors(form, error)) return;
        // The last active admin, a vendor user's roles: refusals about the roles themselves, shown at them.
        if (error instanceof ApiError && error.status === 409) roles.invalid(error.problem.detail ?? error.message);
        else errors.replaceChildren(errorBox(error));
      }
    });
  });
  return form;
}
