import { api, hasRoute, query, type Page } from '../../app/api.js';
import { h } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { pagedList, tableWithMore } from '../../app/paged-list.js';
import { navigate, type RouteContext } from '../../app/router.js';
import { badge, columnHeaders, emptyState, errorBox, notAvailable, pageHeader, spinner, type Tone } from '../../app/ui.js';
import { t } from '../../i18n/index.js';

// The e-mails the notifications service wrote for case events (GET /api/notifications/emails, operators): to whom,
// about what, and whether they left — sent, failed after its retries, not sent (no SMTP relay configured) or without a
// known recipient. Filtered by status or case; newest first, a page at a time. Mirrors @sons/contracts emailMessageSchema.
type EmailStatus = 'pending' | 'sent' | 'failed' | 'not_sent' | 'recipient_unknown';
type EmailMessage = {
  id: string;
  eventType: string;
  caseId: string;
  audience: 'vendor' | 'incert' | 'aes';
  to: string[];
  locale: 'fr' | 'en';
  subject: string | null;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

const STATUSES: readonly EmailStatus[] = ['pending', 'sent', 'failed', 'not_sent', 'recipient_unknown'];
const TONE: Record<EmailStatus, Tone> = {
  pending: 'info',
  sent: 'success',
  failed: 'danger',
  not_sent: 'warning',
  recipient_unknown: 'secondary',
};
const PATH = '/back-office/emails';

export async function emailLogPage(ctx: RouteContext) {
  const status = STATUSES.find((s) => s === ctx.query.get('status')) ?? '';
  const caseId = ctx.query.get('caseId')?.trim() ?? '';
  const select = h(
    'select',
    { class: 'form-select', id: 'email-status', name: 'status' },
    h('option', { value: '' }, t('queue.filter.allStatuses')),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, t(`emails.status.${s}`))),
  );
  const caseInput = h('input', { class: 'form-control', id: 'email-case', name: 'caseId', value: caseId, autocomplete: 'off' });
  const filters = h(
    'form',
    { class: 'row g-2 align-items-end mb-3', role: 'search', 'data-testid': 'email-filters' },
    h(
      'div',
      { class: 'col-sm-4' },
      h('label', { class: 'form-label small', for: 'email-status' }, t('queue.filter.status')),
      select,
    ),
    h(
      'div',
      { class: 'col-sm-5' },
      h('label', { class: 'form-label small', for: 'email-case' }, t('emails.filter.case')),
      caseInput,
    ),
    h(
      'div',
      { class: 'col-sm-3' },
      h('button', { type: 'submit', class: 'btn btn-outline-primary w-100' }, t('emails.filter.apply')),
    ),
  );
  const apply = () => navigate(`${PATH}${query({ status: select.value, caseId: caseInput.value.trim() })}`, { replace: true });
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  select.addEventListener('change', apply);
  const body = h('div', null, spinner());
  ctx.outlet.append(pageHeader(t('emails.title'), { subtitle: t('emails.subtitle') }), filters, body);
  if (!(await hasRoute('GET', '/api/notifications/emails'))) return void body.replaceChildren(notAvailable(t('emails.title')));
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table table-sm align-middle', 'data-testid': 'email-log' },
    h(
      'thead',
      null,
      columnHeaders([
        t('emails.col.created'),
        t('emails.col.to'),
        t('emails.col.subject'),
        t('emails.col.status'),
        t('emails.col.attempts'),
        t('emails.col.sent'),
      ]),
    ),
    tbody,
  );
  const row = (m: EmailMessage) =>
    h(
      'tr',
      { 'data-email': m.id, 'data-case': m.caseId },
      h('td', { class: 'text-nowrap small' }, formatDateTime(m.createdAt)),
      h(
        'td',
        { class: 'small text-break' },
        m.to.join(', ') || '—',
        h('div', { class: 'text-body-secondary' }, t(`emails.audience.${m.audience}`)),
      ),
      h(
        'td',
        { class: 'small' },
        m.subject ?? '—',
        h('div', { class: 'text-body-secondary' }, h('code', null, m.eventType)),
        h(
          'div',
          { class: 'text-body-secondary' },
          t('webhooks.case'),
          ' ',
          h('a', { href: `${PATH}${query({ caseId: m.caseId })}` }, h('code', null, m.caseId)),
        ),
      ),
      h(
        'td',
        null,
        badge(t(`emails.status.${m.status}`), TONE[m.status], { 'data-email-status': m.status }),
        m.lastError ? h('div', { class: 'small text-danger' }, m.lastError) : null,
      ),
      h('td', { class: 'text-end' }, String(m.attempts)),
      h('td', { class: 'text-nowrap small' }, m.sentAt ? formatDateTime(m.sentAt) : '—'),
    );
  await pagedList({
    container: body,
    fetchPage: (cursor) =>
      api.get<Page<EmailMessage>>(`/api/notifications/emails${query({ limit: 50, cursor, status, caseId })}`, {
        signal: ctx.signal,
      }),
    add: (items) => tbody.append(...items.map(row)),
    view: tableWithMore(table),
    empty: () => emptyState({ icon: 'envelope', title: status || caseId ? t('queue.empty.filtered') : t('emails.empty') }),
    failed: (error) => errorBox(error, () => navigate(ctx.path, { replace: true })),
  });
}
