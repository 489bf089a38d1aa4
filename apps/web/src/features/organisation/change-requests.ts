import { api, query, type Page } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { daysBetween, formatDateTime } from '../../app/format.js';
import { pagedList, tableWithMore } from '../../app/paged-list.js';
import { navigate, type RouteContext } from '../../app/router.js';
import { alertBox, badge, card, definitionList, emptyState, errorBox, pageHeader, spinner, columnHeaders } from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { actionForms, type ActionSpec } from '../shared/actions.js';
import {
  CHANGE_REQUEST_STATUSES,
  changeRequestBadge,
  diffTable,
  fieldLabel,
  type ChangeRequest,
  type Vendor,
} from './identity.js';

// Change requests in the back-office (PROCESS.md, Eligibility 2): oldest first (the API's order), filterable by
// status, each with its age; the detail shows before/after of every changed field and lets INCERT or AeS approve
// (a new identity version starts now) or refuse with a reason the vendor reads.
const LIST_PATH = '/back-office/change-requests';

// Mirrors @sons/contracts CHANGE_REQUEST_ACTIONS: what the enrolment service lets this caller do with the request now
// (`allowedActions`, computed from the rule it enforces: INCERT or AeS, on a pending request).
type ChangeRequestAction = 'approve' | 'refuse';
type ChangeRequestView = ChangeRequest & { allowedActions: ChangeRequestAction[] };

export const changeRequestHref = (r: Pick<ChangeRequest, 'changeRequestId' | 'vendorId'>) =>
  `${LIST_PATH}/${encodeURIComponent(r.changeRequestId)}${query({ vendor: r.vendorId })}`;

export async function changeRequestList(ctx: RouteContext) {
  const status = ctx.query.get('status') ?? '';
  const statusSelect = h(
    'select',
    { class: 'form-select', id: 'cr-status', name: 'status' },
    h('option', { value: '' }, t('queue.filter.allStatuses')),
    CHANGE_REQUEST_STATUSES.map((s) => h('option', { value: s, selected: s === status }, t(`changeRequest.status.${s}`))),
  );
  statusSelect.addEventListener('change', () =>
    navigate(`${LIST_PATH}${query({ status: statusSelect.value })}`, { replace: true }),
  );
  const filters = h(
    'form',
    { class: 'row g-2 align-items-end mb-3', role: 'search', 'aria-label': t('queue.filters') },
    h(
      'div',
      { class: 'col-sm-6 col-md-4' },
      h('label', { class: 'form-label small', for: 'cr-status' }, t('queue.filter.status')),
      statusSelect,
    ),
    h(
      'div',
      { class: 'col-sm-6 col-md-2' },
      h('a', { class: 'btn btn-outline-secondary w-100', href: LIST_PATH }, t('queue.filter.reset')),
    ),
  );
  filters.addEventListener('submit', (e) => e.preventDefault());
  const body = h('div', null, spinner());
  ctx.outlet.append(pageHeader(t('changeRequests.title'), { subtitle: t('changeRequests.subtitle') }), filters, body);

  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table table-hover align-middle', 'data-testid': 'change-request-queue' },
    h('caption', { class: 'visually-hidden' }, t('changeRequests.title')),
    h(
      'thead',
      null,
      columnHeaders([
        t('queue.col.vendor'),
        t('changeRequests.col.fields'),
        t('queue.col.status'),
        t('changeRequests.col.requested'),
        t('queue.col.age'),
        t('changeRequests.col.decided'),
      ]),
    ),
    tbody,
  );
  const row = (r: ChangeRequest) => {
    const link = h('a', { href: changeRequestHref(r), class: 'fw-semibold' }, r.vendorName ?? r.vendorId);
    const days = daysBetween(r.requestedAt, r.decidedAt ? new Date(r.decidedAt) : new Date());
    return h(
      'tr',
      { 'data-change-request-id': r.changeRequestId },
      h('td', null, link),
      h('td', { class: 'small' }, r.fields.map(fieldLabel).join(', ')),
      h('td', null, changeRequestBadge(r.status)),
      h('td', { class: 'text-nowrap' }, formatDateTime(r.requestedAt)),
      // A pending request's age is how long the vendor has waited; a decided one's, how long the decision took.
      h(
        'td',
        null,
        badge(
          t('queue.days', { n: days }),
          r.status !== 'pending' ? 'light' : days >= 14 ? 'danger' : days >= 7 ? 'warning' : 'light',
        ),
      ),
      h('td', { class: 'text-nowrap small' }, r.decidedAt ? formatDateTime(r.decidedAt) : '—'),
    );
  };
  await pagedList({
    container: body,
    fetchPage: (cursor) =>
      api.get<Page<ChangeRequest>>(`/api/change-requests${query({ limit: 25, status, cursor })}`, { signal: ctx.signal }),
    add: (items) => tbody.append(...items.map(row)),
    view: tableWithMore(table),
    empty: () =>
      emptyState({
        icon: 'arrow-left-right',
        title: status ? t('queue.empty.filtered') : t('changeRequests.empty'),
        text: status ? t('queue.empty.filtered.text') : t('changeRequests.empty.text'),
        action: status ? h('a', { class: 'btn btn-outline-primary', href: LIST_PATH }, t('queue.filter.reset')) : undefined,
      }),
    failed: (e) => errorBox(e, () => navigate(location.pathname + location.search, { replace: true })),
  });
}

// The API lists change requests (there is no read by id): the list links carry the vendor so one short, filtered
// page finds it; without it the pages are read in order, up to a bound.
async function findChangeRequest(id: string, vendorId: string | null, signal: AbortSignal): Promise<ChangeRequestView | null> {
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<ChangeRequestView> = await api.get<Page<ChangeRequestView>>(
      `/api/change-requests${query({ limit: 100, vendorId, cursor })}`,
      { signal },
    );
    const found = page.items.find((r) => r.changeRequestId === id);
    if (found) return found;
    cursor = page.nextCursor;
    if (!cursor) return null;
  }
  return null;
}

const DECISIONS: Record<ChangeRequestAction, ActionSpec> = {
  approve: {
    path: (id) => `/api/change-requests/${encodeURIComponent(id)}/approve`,
    fields: [{ name: 'note', label: 'action.input.note', type: 'textarea', required: false }],
    tone: 'success',
    icon: 'check2-circle',
  },
  refuse: {
    path: (id) => `/api/change-requests/${encodeURIComponent(id)}/refuse`,
    fields: [{ name: 'reason', label: 'action.input.reason', type: 'textarea', required: true, min: 5 }],
    tone: 'danger',
    icon: 'x-octagon',
    confirm: 'changeRequest.refuse.confirm',
  },
};

export async function changeRequestDetail(ctx: RouteContext) {
  const id = ctx.params.id ?? '';
  const request = await findChangeRequest(id, ctx.query.get('vendor'), ctx.signal);
  if (!request) {
    ctx.outlet.append(
      pageHeader(t('changeRequest.title'), { breadcrumb: [{ href: LIST_PATH, label: t('changeRequests.title') }] }),
      emptyState({
        icon: 'question-circle',
        title: t('changeRequest.notFound'),
        action: h('a', { class: 'btn btn-outline-primary', href: LIST_PATH }, t('changeRequests.title')),
      }),
    );
    return;
  }
  const vendor = await api
    .get<Vendor>(`/api/vendors/${encodeURIComponent(request.vendorId)}`, { signal: ctx.signal })
    .catch(() => null);
  const name = vendor?.name ?? request.vendorId;
  ctx.setTitle(`${name} — ${t('changeRequest.title')}`);
  const reload = async () => navigate(location.pathname + location.search, { replace: true });
  const pending = request.status === 'pending';

  // The decisions the enrolment service allows this caller now.
  const usable = request.allowedActions.map((a) => [a, DECISIONS[a]] as const);
  const actions = h('div', { class: 'd-flex flex-column gap-3', 'data-testid': 'change-request-actions' });
  if (usable.length) {
    const errors = h('div', { 'aria-live': 'assertive' });
    actions.append(
      errors,
      ...actionForms(
        usable,
        request.version,
        errors,
        reload,
        (a) => t(a === 'approve' ? 'changeRequest.action.approve' : 'changeRequest.action.refuse'),
        request.changeRequestId,
      ),
    );
  } else if (pending) {
    actions.append(emptyState({ icon: 'lock', title: t('changeRequest.readonly') }));
  } else {
    actions.append(
      alertBox(
        request.status === 'approved' ? 'success' : 'danger',
        t(request.status === 'approved' ? 'changeRequest.approvedOn' : 'changeRequest.refusedOn', {
          date: formatDateTime(request.decidedAt),
        }),
        request.decisionReason ? h('span', { class: 'message-body' }, request.decisionReason) : null,
        request.identityVersion
          ? h('div', { class: 'small mt-1' }, t('changeRequest.identityVersion', { n: request.identityVersion }))
          : null,
      ),
    );
  }

  append(ctx.outlet, [
    pageHeader(name, {
      subtitle: h('span', null, t('changeRequest.title'), ' ', changeRequestBadge(request.status)),
      breadcrumb: [{ href: LIST_PATH, label: t('changeRequests.title') }],
    }),
    // Eligibility 5: the name must be the same in every document; a new name makes earlier documents differ.
    request.fields.includes('companyName') || request.fields.includes('firstName') || request.fields.includes('lastName')
      ? alertBox('warning', t('changeRequest.nameChange'), t('changeRequest.nameChange.text'))
      : null,
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-8 d-flex flex-column gap-4' },
        card(h('span', null, icon('arrow-left-right'), ' ', t('changeRequest.diff')), diffTable(request), { id: 'diff' }),
        card(
          h('span', null, icon('chat-left-text'), ' ', t('changeRequest.reasonTitle')),
          h('p', { class: 'message-body mb-0', 'data-testid': 'change-reason' }, request.reason),
          { id: 'reason' },
        ),
      ),
      h(
        'div',
        { class: 'col-lg-4 d-flex flex-column gap-4' },
        card(h('span', null, icon('lightning'), ' ', t('actions.title')), actions, { id: 'actions' }),
        card(
          t('case.facts'),
          definitionList([
            [t('queue.col.status'), changeRequestBadge(request.status)],
            [t('changeRequests.col.requested'), formatDateTime(request.requestedAt)],
            [t('queue.col.age'), t('queue.days', { n: daysBetween(request.requestedAt) })],
            [t('changeRequests.col.decided'), request.decidedAt ? formatDateTime(request.decidedAt) : '—'],
            [t('changeRequest.currentVersion'), vendor ? `v${vendor.identityVersion}` : '—'],
            [
              t('changeRequest.case'),
              h(
                'a',
                { href: `/back-office/enrolments/${encodeURIComponent(request.enrolmentId)}` },
                icon('folder2-open'),
                ' ',
                t('changeRequest.openCase'),
              ),
            ],
          ]),
        ),
      ),
    ),
  ]);
}
