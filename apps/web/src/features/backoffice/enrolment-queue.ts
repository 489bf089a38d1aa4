import { api, query, type Page } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { daysBetween, formatDate } from '../../app/format.js';
import { pagedList, tableWithMore } from '../../app/paged-list.js';
import { navigate, type RouteContext } from '../../app/router.js';
import { badge, emptyState, errorBox, pageHeader, spinner, columnHeaders } from '../../app/ui.js';
import { ENROLMENT_STATUSES, operatorNextAction, statusLabel, type EnrolmentSummary } from '../../domain/enrolment.js';
import { t } from '../../i18n/index.js';
import { statusBadge } from '../shared/enrolment-view.js';

// The enrolment work queue: oldest first (the API's order), filterable by status, age and assignee; the filters
// live in the URL so a queue view can be bookmarked and shared.
const AGES = ['', '3', '7', '14', '30'] as const;

export async function enrolmentQueue(ctx: RouteContext) {
  const status = ctx.query.get('status') ?? '';
  const age = ctx.query.get('olderThanDays') ?? '';
  const assignee = ctx.query.get('assignee') ?? '';

  const statusSelect = h(
    'select',
    { class: 'form-select', id: 'filter-status', name: 'status' },
    h('option', { value: '' }, t('queue.filter.allStatuses')),
    ENROLMENT_STATUSES.map((s) => h('option', { value: s, selected: s === status }, t(statusLabel(s)))),
  );
  const ageSelect = h(
    'select',
    { class: 'form-select', id: 'filter-age', name: 'olderThanDays' },
    AGES.map((a) =>
      h('option', { value: a, selected: a === age }, a ? t('queue.filter.olderThan', { n: a }) : t('queue.filter.anyAge')),
    ),
  );
  const assigneeSelect = h(
    'select',
    { class: 'form-select', id: 'filter-assignee', name: 'assignee' },
    h('option', { value: '' }, t('queue.filter.anyAssignee')),
    h('option', { value: 'me', selected: assignee === 'me' }, t('queue.filter.mine')),
    h('option', { value: 'none', selected: assignee === 'none' }, t('queue.filter.unassigned')),
  );
  const filters = h(
    'form',
    { class: 'row g-2 align-items-end mb-3', role: 'search', 'aria-label': t('queue.filters') },
    h(
      'div',
      { class: 'col-sm-6 col-md-4' },
      h('label', { class: 'form-label small', for: 'filter-status' }, t('queue.filter.status')),
      statusSelect,
    ),
    h(
      'div',
      { class: 'col-sm-6 col-md-3' },
      h('label', { class: 'form-label small', for: 'filter-age' }, t('queue.filter.age')),
      ageSelect,
    ),
    h(
      'div',
      { class: 'col-sm-6 col-md-3' },
      h('label', { class: 'form-label small', for: 'filter-assignee' }, t('queue.filter.assignee')),
      assigneeSelect,
    ),
    h(
      'div',
      { class: 'col-sm-6 col-md-2' },
      h('a', { class: 'btn btn-outline-secondary w-100', href: '/back-office/enrolments' }, t('queue.filter.reset')),
    ),
  );
  const apply = () =>
    navigate(
      `/back-office/enrolments${query({ status: statusSelect.value, olderThanDays: ageSelect.value, assignee: assigneeSelect.value })}`,
      { replace: true },
    );
  for (const s of [statusSelect, ageSelect, assigneeSelect]) s.addEventListener('change', apply);
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });

  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table table-hover align-middle queue-table', 'data-testid': 'enrolment-queue' },
    h('caption', { class: 'visually-hidden' }, t('queue.title')),
    h(
      'thead',
      null,
      columnHeaders([
        t('queue.col.vendor'),
        t('queue.col.type'),
        t('queue.col.status'),
        t('queue.col.submitted'),
        t('queue.col.age'),
        t('queue.col.assignee'),
        t('queue.col.next'),
      ]),
    ),
    tbody,
  );
  const body = h('div', null, spinner());
  ctx.outlet.append(pageHeader(t('queue.title'), { subtitle: t('queue.subtitle') }), filters, body);

  const row = (e: EnrolmentSummary) => {
    const days = daysBetween(e.submittedAt);
    return h(
      'tr',
      { 'data-enrolment-id': e.enrolmentId },
      h('td', null, h('a', { href: `/back-office/enrolments/${e.enrolmentId}`, class: 'fw-semibold' }, e.vendorName)),
      h('td', null, e.personType ? t(`personType.${e.personType}`) : '—'),
      h('td', null, statusBadge(e.status)),
      h('td', { class: 'text-nowrap' }, formatDate(e.submittedAt)),
      h('td', null, badge(t('queue.days', { n: days }), days >= 14 ? 'danger' : days >= 7 ? 'warning' : 'light')),
      h(
        'td',
        null,
        e.assigneeId
          ? e.assigneeId === ctx.user?.id
            ? badge(t('queue.me'), 'primary')
            : icon('person-fill', t('queue.assigned'))
          : h('span', { class: 'text-body-secondary' }, '—'),
      ),
      h('td', { class: 'small' }, t(operatorNextAction(e.status).key)),
    );
  };
  const filtered = status || age || assignee;
  await pagedList({
    container: body,
    fetchPage: (cursor) =>
      api.get<Page<EnrolmentSummary>>(`/api/enrolments${query({ limit: 25, status, olderThanDays: age, assignee, cursor })}`, {
        signal: ctx.signal,
      }),
    add: (items) => tbody.append(...items.map(row)),
    view: tableWithMore(table),
    empty: () =>
      emptyState({
        icon: 'inbox',
        title: filtered ? t('queue.empty.filtered') : t('queue.empty'),
        text: filtered ? t('queue.empty.filtered.text') : t('queue.empty.text'),
        action: filtered
          ? h('a', { class: 'btn btn-outline-primary', href: '/back-office/enrolments' }, t('queue.filter.reset'))
          : undefined,
      }),
    failed: (e) => errorBox(e, () => navigate(location.pathname + location.search, { replace: true })),
  });
}
