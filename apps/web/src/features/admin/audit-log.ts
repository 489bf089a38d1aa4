import { api, query, type Page } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { navigate, type RouteContext } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import {
  alertBox,
  badge,
  emptyState,
  errorBox,
  pageHeader,
  showFieldErrors,
  spinner,
  withBusy,
  type Tone,
  columnHeaders,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { code, CursorPages, formatInstant, roleLabel } from './admin-view.js';

// The audit trail (GET /api/audit): every command and every read of confidential data, newest first, a keyset page at
// a time. Filters are the ones the API has (actor, action, case/target, period) and live in the URL so a view can be shared;
// export (GET /api/audit/export) and, for admins, the hash-chain check (GET /api/audit/verify).
type AuditAction = 'command' | 'read';
type AuditOutcome = 'success' | 'denied' | 'failed';
export type AuditEntry = {
  id: number;
  chain: string;
  seq: number;
  at: string;
  action: AuditAction;
  resource: string | null;
  method: string;
  route: string;
  path: string;
  caseId: string | null;
  status: number;
  outcome: AuditOutcome;
  userId: string | null;
  email: string | null;
  roles: string[];
  vendorId: string | null;
  correlationId: string | null;
  changes: { before: unknown; after: unknown } | null;
  details: Record<string, unknown> | null;
  hash: string;
};
type VerifyReport = {
  ok: boolean;
  chains: number;
  entries: number;
  broken: { id: number; chain: string; seq: number; reason: string; detail: string }[];
};

const ACTIONS: readonly AuditAction[] = ['command', 'read'];
const PAGE_SIZES = ['10', '25', '50', '100'] as const;
const OUTCOME_TONE: Record<AuditOutcome, Tone> = { success: 'success', denied: 'warning', failed: 'danger' };
const PATH = '/back-office/audit';

export async function auditLogPage(ctx: RouteContext) {
  const filters = {
    userId: ctx.query.get('userId')?.trim() ?? '',
    action: ACTIONS.find((a) => a === ctx.query.get('action')) ?? '',
    caseId: ctx.query.get('caseId')?.trim() ?? '',
    from: ctx.query.get('from')?.trim() ?? '',
    to: ctx.query.get('to')?.trim() ?? '',
  };
  const limit = PAGE_SIZES.find((s) => s === ctx.query.get('limit')) ?? '25';
  const filtered = Boolean(filters.userId || filters.action || filters.caseId || filters.from || filters.to);

  const userInput = h('input', {
    class: 'form-control',
    id: 'audit-user',
    name: 'userId',
    value: filters.userId,
    maxlength: '36',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: t('admin.audit.filter.userId.placeholder'),
  });
  const caseInput = h('input', {
    class: 'form-control',
    id: 'audit-case',
    name: 'caseId',
    value: filters.caseId,
    maxlength: '100',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: t('admin.audit.filter.caseId.placeholder'),
  });
  // A period of Luxembourg days, both included (the API checks the dates and their order).
  const dayInput = (name: 'from' | 'to') =>
    h('input', { class: 'form-control', type: 'date', id: `audit-${name}`, name, value: filters[name] });
  const fromInput = dayInput('from');
  const toInput = dayInput('to');
  const actionSelect = h(
    'select',
    { class: 'form-select', id: 'audit-action', name: 'action' },
    h('option', { value: '' }, t('admin.audit.filter.anyAction')),
    ACTIONS.map((a) => h('option', { value: a, selected: a === filters.action }, t(`admin.audit.action.${a}`))),
  );
  const sizeSelect = h(
    'select',
    { class: 'form-select', id: 'audit-limit', name: 'limit' },
    PAGE_SIZES.map((s) => h('option', { value: s, selected: s === limit }, s)),
  );
  const col = (cls: string, label: string, control: HTMLElement) =>
    h(
      'div',
      { class: cls },
      h('label', { class: 'form-label small', for: control.id }, label),
      control,
      h('div', { class: 'invalid-feedback' }),
    );
  const form = h(
    'form',
    {
      class: 'row g-2 align-items-end mb-3',
      role: 'search',
      'aria-label': t('admin.audit.filters'),
      novalidate: true,
      'data-testid': 'audit-filters',
    },
    col('col-md-6 col-lg-6', t('admin.audit.filter.userId'), userInput),
    col('col-md-6 col-lg-6', t('admin.audit.filter.caseId'), caseInput),
    col('col-sm-6 col-lg-3', t('admin.audit.filter.from'), fromInput),
    col('col-sm-6 col-lg-3', t('admin.audit.filter.to'), toInput),
    col('col-sm-6 col-lg-3', t('admin.audit.filter.action'), actionSelect),
    col('col-sm-6 col-lg-2', t('admin.audit.filter.limit'), sizeSelect),
    h(
      'div',
      { class: 'col-lg-4 d-flex gap-2' },
      h('button', { type: 'submit', class: 'btn btn-primary flex-grow-1' }, icon('funnel'), ' ', t('admin.audit.filter.apply')),
      h('a', { class: 'btn btn-outline-secondary', href: PATH }, t('queue.filter.reset')),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(
      `${PATH}${query({
        userId: userInput.value.trim(),
        caseId: caseInput.value.trim(),
        from: fromInput.value,
        to: toInput.value,
        action: actionSelect.value,
        limit: sizeSelect.value === '25' ? '' : sizeSelect.value,
      })}`,
    );
  });
  for (const s of [actionSelect, sizeSelect]) s.addEventListener('change', () => form.requestSubmit());

  // The export covers one case or the whole trail, over the chosen period (the API filters the export by case and period).
  const exportLink = (format: 'csv' | 'jsonl', label: string) =>
    h(
      'a',
      {
        class: 'btn btn-outline-secondary',
        href: `/api/audit/export${query({ format, caseId: filters.caseId, from: filters.from, to: filters.to })}`,
        download: '',
        'data-testid': `audit-export-${format}`,
      },
      icon('download'),
      ' ',
      label,
    );
  const verifyButton = hasRole('admin')
    ? h(
        'button',
        { type: 'button', class: 'btn btn-outline-primary', 'data-testid': 'audit-verify' },
        icon('shield-check'),
        ' ',
        t('admin.audit.verify'),
      )
    : null;
  const verifyResult = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-verify-result' });

  const body = h('div', null, spinner());
  const pager = h('nav', {
    class: 'd-flex align-items-center justify-content-between gap-2 mt-2',
    'aria-label': t('admin.audit.pagination'),
  });
  ctx.outlet.append(
    pageHeader(t('admin.audit.title'), {
      subtitle: t('admin.audit.subtitle'),
      actions: [exportLink('csv', t('admin.audit.export.csv')), exportLink('jsonl', t('admin.audit.export.jsonl')), verifyButton],
    }),
    verifyResult,
    form,
    body,
    pager,
  );
  verifyButton?.addEventListener(
    'click',
    () =>
      void withBusy(verifyButton, async () => {
        verifyResult.replaceChildren();
        try {
          verifyResult.replaceChildren(verifyReport(await api.get<VerifyReport>('/api/audit/verify', { signal: ctx.signal })));
        } catch (error) {
          verifyResult.replaceChildren(errorBox(error));
        }
      }),
  );

  const pages = new CursorPages();
  const previous = h(
    'button',
    { type: 'button', class: 'btn btn-outline-primary', 'data-testid': 'audit-previous' },
    icon('chevron-left'),
    ' ',
    t('admin.audit.previous'),
  );
  const next = h(
    'button',
    { type: 'button', class: 'btn btn-outline-primary', 'data-testid': 'audit-next' },
    t('admin.audit.next'),
    ' ',
    icon('chevron-right'),
  );
  const pageLabel = h('span', { class: 'small text-body-secondary', 'data-testid': 'audit-page' });
  let nextCursor: string | null = null;

  const show = async () => {
    const page = await api.get<Page<AuditEntry>>(`/api/audit${query({ ...filters, limit, cursor: pages.current })}`, {
      signal: ctx.signal,
    });
    nextCursor = page.nextCursor;
    body.replaceChildren(
      page.items.length
        ? h(
            'div',
            { class: 'table-responsive' },
            h(
              'table',
              { class: 'table table-sm align-middle audit-table', 'data-testid': 'audit-table' },
              h('caption', { class: 'visually-hidden' }, t('admin.audit.title')),
              h(
                'thead',
                null,
                columnHeaders([
                  t('admin.audit.col.at'),
                  t('admin.audit.col.actor'),
                  t('admin.audit.col.roles'),
                  t('admin.audit.col.action'),
                  t('admin.audit.col.target'),
                  t('admin.audit.col.outcome'),
                  t('admin.audit.col.correlation'),
                ]),
              ),
              h('tbody', null, page.items.map(row)),
            ),
          )
        : emptyState({
            icon: 'journal-text',
            title: filtered ? t('admin.audit.empty.filtered') : t('admin.audit.empty'),
            action: filtered ? h('a', { class: 'btn btn-outline-primary', href: PATH }, t('queue.filter.reset')) : undefined,
          }),
    );
    previous.disabled = !pages.hasPrevious;
    next.disabled = !nextCursor;
    pageLabel.textContent = t('admin.audit.page', { n: pages.number });
    pager.replaceChildren(previous, pageLabel, next);
    pager.hidden = !pages.hasPrevious && !nextCursor;
  };
  const turn = (button: HTMLButtonElement, move: () => void) =>
    void withBusy(button, async () => {
      move();
      try {
        await show();
        body.scrollIntoView?.({ block: 'start' });
      } catch (error) {
        body.replaceChildren(errorBox(error, () => void turn(button, () => undefined)));
      }
    });
  previous.addEventListener('click', () => turn(previous, () => pages.previous()));
  next.addEventListener('click', () => turn(next, () => nextCursor && pages.next(nextCursor)));

  try {
    await show();
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    // A filter the API refuses (e.g. an actor id that is too long) is shown at its field.
    showFieldErrors(form, error);
    body.replaceChildren(errorBox(error, () => navigate(location.pathname + location.search, { replace: true })));
  }
}

function actorCell(e: AuditEntry) {
  if (!e.userId) return h('span', { class: 'text-body-secondary' }, e.email ?? t('admin.audit.anonymous'));
  return h(
    'a',
    { href: `${PATH}${query({ userId: e.userId })}`, title: t('admin.audit.filterByActor'), 'data-user-id': e.userId },
    e.email ?? e.userId,
  );
}

function actionCell(e: AuditEntry) {
  const extra = { ...(e.changes ? { changes: e.changes } : {}), ...(e.details ? { details: e.details } : {}) };
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'd-flex flex-wrap align-items-center gap-1' },
      badge(t(`admin.audit.action.${e.action}`), e.action === 'command' ? 'primary' : 'info'),
      e.resource ? badge(e.resource, 'light') : null,
    ),
    h('code', { class: 'small d-block text-break' }, `${e.method} ${e.route}`),
    Object.keys(extra).length
      ? h(
          'details',
          { class: 'small' },
          h('summary', null, t('admin.audit.details')),
          h('pre', { class: 'small mb-0 text-wrap' }, JSON.stringify(extra, null, 2)),
        )
      : null,
  );
}

function row(e: AuditEntry) {
  return h(
    'tr',
    { 'data-audit-id': String(e.id), 'data-route': `${e.method} ${e.route}`, 'data-case-id': e.caseId ?? '' },
    h('td', { class: 'text-nowrap small' }, h('time', { datetime: e.at }, formatInstant(e.at))),
    h('td', { class: 'small text-break' }, actorCell(e)),
    h('td', { class: 'small' }, e.roles.length ? e.roles.map(roleLabel).join(', ') : '—'),
    h('td', null, actionCell(e)),
    h(
      'td',
      { class: 'small' },
      e.caseId
        ? h('a', { href: `${PATH}${query({ caseId: e.caseId })}`, title: t('admin.audit.filterByTarget') }, code(e.caseId))
        : h('span', { class: 'text-body-secondary' }, t('admin.audit.global')),
      h('div', { class: 'text-body-secondary text-break' }, e.path),
    ),
    h(
      'td',
      { class: 'text-nowrap' },
      badge(t(`admin.audit.outcome.${e.outcome}`), OUTCOME_TONE[e.outcome]),
      ' ',
      h('span', { class: 'small text-body-secondary' }, String(e.status)),
    ),
    h('td', null, code(e.correlationId, 12)),
  );
}

function verifyReport(report: VerifyReport) {
  if (report.ok)
    return alertBox(
      'success',
      t('admin.audit.verify.ok'),
      t('admin.audit.verify.counts', { entries: report.entries, chains: report.chains }),
    );
  return alertBox(
    'danger',
    t('admin.audit.verify.broken', { n: report.broken.length }),
    t('admin.audit.verify.counts', { entries: report.entries, chains: report.chains }),
    h(
      'ul',
      { class: 'mb-0 mt-1 small' },
      report.broken.map((b) =>
        h(
          'li',
          null,
          h('code', null, `#${b.id}`),
          ' ',
          t('admin.audit.verify.entry', { chain: b.chain, seq: b.seq }),
          ' — ',
          b.reason,
          ': ',
          b.detail,
        ),
      ),
    ),
  );
}
