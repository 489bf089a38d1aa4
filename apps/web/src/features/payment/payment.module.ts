import { api, ApiError, hasRoute, query, type Page } from '../../app/api.js';
import { autosave, discardDraft, draftStatus, loadDraft, newIdempotencyKey, type Draft } from '../../app/drafts.js';
import { formDefinitionFor } from '../../formio/definitions.js';
import { renderForm } from '../../formio/render.js';
import { actionForms, type ActionSpec } from '../shared/actions.js';
import { append, h, icon } from '../../app/dom.js';
import { formatAmount, formatDate, formatDateTime } from '../../app/format.js';
import { navigate, setFlash, type FeatureModule, type RouteContext } from '../../app/router.js';
import {
  alertBox,
  badge,
  card,
  definitionList,
  emptyState,
  errorBox,
  notAvailable,
  pageHeader,
  spinner,
  type Tone,
  columnHeaders,
} from '../../app/ui.js';
import { INVOICE_STATUSES, type InvoiceStatus } from '../../domain/billing.js';
import { CONTACT_BY_STEP, PARTY_NAME } from '../../domain/contact.js';
import { pick, t, type MessageKey } from '../../i18n/index.js';
import { INVOICE_TONE, invoiceDetail, TRANSFER_FILE_READERS } from './invoice-detail.js';
import { transferBatchDetail, transferBatches, transferBatchNew } from './transfer-batches.js';

// Phase 3 — connections (Form 4, delivery note, circuit check) and invoices/payments: the lists for the vendor and
// the back-office. Contact point: connection and payment request → INCERT; invoicing and payment → AeS.
const CONNECTION_STATUSES = ['submitted', 'under_verification', 'verified', 'refused', 'invoiceable'] as const;
type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
type ConnectionSummary = {
  connectionId: string;
  vendorName: string;
  status: ConnectionStatus;
  deliveryNoteType: string;
  softwareName: string;
  softwareVersion: string;
  providerCount: number;
  passedCount: number;
  submittedAt: string;
  updatedAt: string;
};
type InvoiceSummary = {
  invoiceId: string;
  number: string;
  connectionId: string;
  vendorName: string;
  status: InvoiceStatus;
  issuedOn: string;
  dueOn: string;
  totalInclVatCents: number;
  paidCents: number;
  paymentFlagged: boolean;
  pdfStatus: 'pending' | 'rendered';
};

const CONNECTION_TONE: Record<ConnectionStatus, Tone> = {
  submitted: 'info',
  under_verification: 'primary',
  verified: 'success',
  refused: 'danger',
  invoiceable: 'success',
};

function statusFilter(id: string, statuses: readonly string[], current: string, label: (s: string) => string, path: string) {
  const select = h(
    'select',
    { class: 'form-select', id },
    h('option', { value: '' }, t('queue.filter.allStatuses')),
    statuses.map((s) => h('option', { value: s, selected: s === current }, label(s))),
  );
  select.addEventListener('change', () => navigate(`${path}${query({ status: select.value })}`, { replace: true }));
  return h(
    'div',
    { class: 'mb-3', style: 'max-width: 20rem' },
    h('label', { class: 'form-label small', for: id }, t('queue.filter.status')),
    select,
  );
}

async function connections(ctx: RouteContext, area: 'portal' | 'backoffice') {
  const path = area === 'portal' ? '/portal/connections' : '/back-office/connections';
  const status = ctx.query.get('status') ?? '';
  const body = h('div', null, spinner());
  append(ctx.outlet, [
    pageHeader(t('connections.title'), {
      subtitle: h(
        'span',
        null,
        t('connections.subtitle'),
        ' ',
        t('dashboard.contact'),
        ' ',
        h('strong', null, t(PARTY_NAME[CONTACT_BY_STEP.connection])),
      ),
      breadcrumb: area === 'portal' ? [{ href: '/portal', label: t('nav.dashboard') }] : undefined,
      actions:
        area === 'portal' && (await hasRoute('POST', '/api/connections'))
          ? h('a', { class: 'btn btn-primary', href: '/portal/connections/new' }, icon('plus-lg'), ' ', t('connections.new'))
          : null,
    }),
    statusFilter('connection-status', CONNECTION_STATUSES, status, (s) => t(`connection.status.${s}` as MessageKey), path),
    body,
  ]);
  if (!(await hasRoute('GET', '/api/connections'))) return void body.replaceChildren(notAvailable(t('connections.title')));
  try {
    const page = await api.get<Page<ConnectionSummary>>(`/api/connections${query({ limit: 50, status })}`, {
      signal: ctx.signal,
    });
    body.replaceChildren(
      page.items.length
        ? h(
            'div',
            { class: 'table-responsive' },
            h(
              'table',
              { class: 'table align-middle', 'data-testid': 'connections' },
              h(
                'thead',
                null,
                columnHeaders([
                  t('queue.col.vendor'),
                  t('labelling.col.software'),
                  t('connections.col.type'),
                  t('connections.col.providers'),
                  t('queue.col.status'),
                  t('queue.col.submitted'),
                ]),
              ),
              h(
                'tbody',
                null,
                page.items.map((c) =>
                  h(
                    'tr',
                    { 'data-connection-id': c.connectionId },
                    h('td', null, h('a', { href: `${path}/${c.connectionId}`, class: 'fw-semibold' }, c.vendorName)),
                    h('td', null, `${c.softwareName} ${c.softwareVersion}`),
                    h('td', null, t(`connections.type.${c.deliveryNoteType}` as MessageKey) || c.deliveryNoteType),
                    h('td', null, t('connections.passed', { passed: c.passedCount, total: c.providerCount })),
                    h(
                      'td',
                      null,
                      badge(t(`connection.status.${c.status}` as MessageKey), CONNECTION_TONE[c.status], {
                        'data-status': c.status,
                      }),
                    ),
                    h('td', { class: 'text-nowrap' }, formatDateTime(c.submittedAt)),
                  ),
                ),
              ),
            ),
          )
        : emptyState({
            icon: 'plug',
            title: status ? t('queue.empty.filtered') : t('connections.empty'),
            text: area === 'portal' ? t('connections.empty.text') : undefined,
          }),
    );
  } catch (error) {
    body.replaceChildren(errorBox(error));
  }
}

async function invoices(ctx: RouteContext, area: 'portal' | 'backoffice') {
  const path = area === 'portal' ? '/portal/invoices' : '/back-office/invoices';
  const status = ctx.query.get('status') ?? '';
  const body = h('div', null, spinner());
  append(ctx.outlet, [
    pageHeader(t('invoices.title'), {
      subtitle: h(
        'span',
        null,
        t('invoices.subtitle'),
        ' ',
        t('dashboard.contact'),
        ' ',
        h('strong', null, t(PARTY_NAME[CONTACT_BY_STEP.payment])),
      ),
      breadcrumb: area === 'portal' ? [{ href: '/portal', label: t('nav.dashboard') }] : undefined,
    }),
    statusFilter('invoice-status', INVOICE_STATUSES, status, (s) => t(`invoice.status.${s}` as MessageKey), path),
    body,
  ]);
  if (!(await hasRoute('GET', '/api/invoices'))) return void body.replaceChildren(notAvailable(t('invoices.title')));
  try {
    const page = await api.get<Page<InvoiceSummary>>(`/api/invoices${query({ limit: 50, status })}`, { signal: ctx.signal });
    body.replaceChildren(
      page.items.length
        ? h(
            'div',
            { class: 'table-responsive' },
            h(
              'table',
              { class: 'table align-middle', 'data-testid': 'invoices' },
              h(
                'thead',
                null,
                columnHeaders([
                  t('invoices.col.number'),
                  t('queue.col.vendor'),
                  t('invoices.col.issuedOn'),
                  t('invoices.col.dueOn'),
                  t('invoices.col.total'),
                  t('invoices.col.paid'),
                  t('queue.col.status'),
                  t('invoices.col.pdf'),
                ]),
              ),
              h(
                'tbody',
                null,
                page.items.map((i) =>
                  h(
                    'tr',
                    { 'data-invoice-id': i.invoiceId },
                    h(
                      'td',
                      null,
                      h('a', { href: `${path}/${i.invoiceId}`, class: 'fw-semibold', 'data-testid': 'invoice-link' }, i.number),
                    ),
                    h('td', null, i.vendorName),
                    h('td', { class: 'text-nowrap' }, formatDate(i.issuedOn)),
                    h('td', { class: 'text-nowrap' }, formatDate(i.dueOn)),
                    h('td', { class: 'text-end' }, formatAmount(i.totalInclVatCents)),
                    h(
                      'td',
                      { class: 'text-end' },
                      formatAmount(i.paidCents),
                      i.paymentFlagged
                        ? h('span', { class: 'ms-1 text-warning' }, icon('flag-fill', t('invoices.flagged')))
                        : null,
                    ),
                    h(
                      'td',
                      null,
                      badge(t(`invoice.status.${i.status}` as MessageKey), INVOICE_TONE[i.status], { 'data-status': i.status }),
                    ),
                    h(
                      'td',
                      null,
                      i.pdfStatus === 'rendered'
                        ? h(
                            'a',
                            { href: `/api/invoices/${i.invoiceId}/pdf`, 'data-external': 'true', download: '' },
                            icon('file-earmark-pdf'),
                            ' PDF',
                          )
                        : h('span', { class: 'text-body-secondary small' }, t('invoices.pdfPending')),
                    ),
                  ),
                ),
              ),
            ),
          )
        : emptyState({
            icon: 'receipt',
            title: status ? t('queue.empty.filtered') : t('invoices.empty'),
            text: area === 'portal' ? t('invoices.empty.text') : undefined,
          }),
    );
  } catch (error) {
    body.replaceChildren(errorBox(error));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Form 4 and the connection case.
type ConnectionDetail = ConnectionSummary & {
  version: number;
  vendorNameCheck: { declared: string | null; enrolled: string; matches: boolean };
  labelledAt: string;
  sites: { siteName: string; workstationCount: number }[];
  validator: { name: string; role: string } | null;
  deliveryNoteAttachmentId: string;
  providers: {
    providerId: string;
    providerCode: string;
    doctorName: string;
    siteName: string | null;
    transactionReference: string;
    outcome: 'pending' | 'passed' | 'failed';
    checks: { rule: string; outcome: 'pass' | 'fail' | 'not_evaluated'; reason: { fr: string; en: string } }[];
    checkedAt: string | null;
  }[];
  refusal: { reason: string; at: string } | null;
  paymentRequestedAt: string | null;
  contactPoint: { party: 'aes' | 'incert'; topic: { fr: string; en: string } };
  allowedActions: string[];
};

const CONNECTION_ACTIONS: Record<string, ActionSpec> = {
  start_verification: { path: (id) => `/api/connections/${id}/start-verification`, tone: 'primary', icon: 'play' },
  recheck: { path: (id) => `/api/connections/${id}/recheck`, tone: 'secondary', icon: 'arrow-repeat' },
  verify: {
    path: (id) => `/api/connections/${id}/verify`,
    fields: [{ name: 'note', label: 'action.input.note', type: 'textarea', required: false }],
    tone: 'success',
    icon: 'check2-circle',
  },
  refuse: {
    path: (id) => `/api/connections/${id}/refuse`,
    fields: [{ name: 'reason', label: 'action.input.reason', type: 'textarea', required: true, min: 5 }],
    tone: 'danger',
    icon: 'x-octagon',
  },
  request_payment: { path: (id) => `/api/connections/${id}/payment-request`, tone: 'success', icon: 'cash-coin' },
};
const PROVIDER_TONE = { pending: 'light', passed: 'success', failed: 'danger' } as const;
const CHECK_TONE = { pass: 'success', fail: 'danger', not_evaluated: 'secondary' } as const;

async function connectionDetail(ctx: RouteContext, area: 'portal' | 'backoffice') {
  const list = area === 'portal' ? '/portal/connections' : '/back-office/connections';
  const d = await api.get<ConnectionDetail>(`/api/connections/${encodeURIComponent(ctx.params.id ?? '')}`, {
    signal: ctx.signal,
  });
  const usable: [string, ActionSpec][] = [];
  for (const a of d.allowedActions) {
    const spec = CONNECTION_ACTIONS[a];
    if (spec && (await hasRoute('POST', spec.path(':id')))) usable.push([a, spec]);
  }
  const errors = h('div', { 'aria-live': 'assertive' });
  const actions = h(
    'div',
    { class: 'd-flex flex-column gap-3', 'data-testid': 'case-actions' },
    errors,
    ...actionForms(
      usable,
      d.version,
      errors,
      async () => navigate(ctx.path, { replace: true }),
      (a) => t(`connection.action.${a}` as MessageKey),
      d.connectionId,
    ),
  );
  if (!usable.length) actions.append(emptyState({ icon: 'check2-all', title: t('actions.none') }));
  append(ctx.outlet, [
    pageHeader(`${d.vendorName} — ${d.softwareName} ${d.softwareVersion}`, {
      subtitle: h(
        'span',
        null,
        t('connections.case'),
        ' ',
        badge(t(`connection.status.${d.status}` as MessageKey), CONNECTION_TONE[d.status], { 'data-status': d.status }),
      ),
      breadcrumb: [{ href: list, label: t('connections.title') }],
    }),
    d.refusal ? alertBox('danger', t('connections.refused'), d.refusal.reason) : null,
    d.vendorNameCheck.matches
      ? null
      : alertBox(
          'warning',
          t('connections.nameMismatch'),
          t('connections.nameMismatch.text', {
            declared: d.vendorNameCheck.declared ?? '—',
            enrolled: d.vendorNameCheck.enrolled,
          }),
        ),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-8 d-flex flex-column gap-4' },
        card(
          h('span', null, icon('people'), ' ', t('connections.providers')),
          h(
            'ul',
            { class: 'list-group list-group-flush', 'data-testid': 'providers' },
            d.providers.map((p) =>
              h(
                'li',
                { class: 'list-group-item' },
                h(
                  'div',
                  { class: 'd-flex justify-content-between gap-2' },
                  h(
                    'span',
                    null,
                    h('strong', null, p.doctorName),
                    ' · ',
                    h('code', null, p.providerCode),
                    p.siteName ? ` · ${p.siteName}` : '',
                  ),
                  badge(t(`connections.provider.${p.outcome}` as MessageKey), PROVIDER_TONE[p.outcome]),
                ),
                h(
                  'div',
                  { class: 'small text-body-secondary' },
                  t('connections.transaction'),
                  ' ',
                  h('code', null, p.transactionReference),
                ),
                p.checks.length
                  ? h(
                      'ul',
                      { class: 'small mb-0 mt-1' },
                      p.checks.map((c) =>
                        h(
                          'li',
                          null,
                          badge(
                            t(
                              `eligibility.outcome.${c.outcome === 'not_evaluated' ? 'needs_operator_judgement' : c.outcome}` as MessageKey,
                            ),
                            CHECK_TONE[c.outcome],
                          ),
                          ' ',
                          pick(c.reason),
                        ),
                      ),
                    )
                  : null,
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'col-lg-4 d-flex flex-column gap-4' },
        card(h('span', null, icon('lightning'), ' ', t('actions.title')), actions),
        card(
          t('case.facts'),
          definitionList([
            [t('queue.col.status'), badge(t(`connection.status.${d.status}` as MessageKey), CONNECTION_TONE[d.status])],
            [t('connections.col.type'), t(`connections.type.${d.deliveryNoteType}` as MessageKey)],
            [
              t('connections.deliveryNote'),
              h(
                'a',
                { href: `/api/attachments/${d.deliveryNoteAttachmentId}/content`, 'data-external': 'true', download: '' },
                icon('file-earmark-pdf'),
                ' ',
                t('labelling.download'),
              ),
            ],
            [t('queue.col.submitted'), formatDateTime(d.submittedAt)],
            ...(d.paymentRequestedAt
              ? ([[t('connections.paymentRequested'), formatDateTime(d.paymentRequestedAt)]] as [string, string][])
              : []),
          ]),
        ),
        card(h('span', null, icon('person-lines-fill'), ' ', t('contact.title')), [
          h('strong', { 'data-testid': 'contact-party' }, t(PARTY_NAME[d.contactPoint.party])),
          h('p', { class: 'small text-body-secondary mb-0' }, pick(d.contactPoint.topic)),
        ]),
      ),
    ),
  ]);
}

async function connectionNew(ctx: RouteContext) {
  const u = ctx.user!;
  const saved = await loadDraft(u.id, 'form4');
  const definition = await formDefinitionFor('form4', saved?.formVersion);
  const draft: Draft = saved ?? { data: {}, savedAt: new Date().toISOString(), idempotencyKey: newIdempotencyKey() };
  const status = h('div', { class: 'small text-body-secondary', 'aria-live': 'polite', 'data-testid': 'draft-status' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const target = h('div', { class: 'formio-host', 'data-testid': 'form4' });
  append(ctx.outlet, [
    pageHeader(pick(definition.title) || t('connections.new'), {
      subtitle: t('connections.new.subtitle'),
      breadcrumb: [{ href: '/portal/connections', label: t('connections.title') }],
      actions: status,
    }),
    errors,
    h('div', { class: 'card' }, h('div', { class: 'card-body' }, target)),
  ]);
  const save = autosave(u.id, 'form4', draft, (where) => (status.textContent = draftStatus(where)));
  ctx.onCleanup(() => save.flush());
  const mounted = await renderForm(target, definition, {
    data: draft.data,
    onChange: (data) => save(data),
    onSubmit: async (data) => {
      errors.replaceChildren();
      try {
        const created = await api.post<ConnectionDetail>(
          '/api/connections',
          {
            data,
            ...((draft.formVersion ?? definition.version) ? { formVersion: draft.formVersion ?? definition.version } : {}),
          },
          { headers: { 'Idempotency-Key': draft.idempotencyKey } },
        );
        save.cancel();
        await save.settled();
        await discardDraft(u.id, 'form4');
        setFlash('success', t('connections.sent'));
        navigate(`/portal/connections/${created.connectionId}`);
      } catch (error) {
        if (error instanceof ApiError && !error.fieldErrors.length) errors.replaceChildren(errorBox(error));
        throw error;
      }
    },
  });
  ctx.onCleanup(mounted.destroy);
}

export const paymentModule: FeatureModule = {
  id: 'payment',
  routes: [
    {
      path: '/portal/connections',
      area: 'portal',
      access: 'vendor',
      title: 'connections.title',
      render: (ctx) => connections(ctx, 'portal'),
    },
    { path: '/portal/connections/new', area: 'portal', access: 'vendor', title: 'connections.new', render: connectionNew },
    {
      path: '/portal/connections/:id',
      area: 'portal',
      access: 'vendor',
      title: 'connections.case',
      render: (ctx) => connectionDetail(ctx, 'portal'),
    },
    {
      path: '/back-office/connections/:id',
      area: 'backoffice',
      access: 'operator',
      title: 'connections.case',
      render: (ctx) => connectionDetail(ctx, 'backoffice'),
    },
    {
      path: '/portal/invoices',
      area: 'portal',
      access: 'vendor',
      title: 'invoices.title',
      render: (ctx) => invoices(ctx, 'portal'),
    },
    {
      path: '/back-office/connections',
      area: 'backoffice',
      access: 'operator',
      title: 'connections.title',
      render: (ctx) => connections(ctx, 'backoffice'),
    },
    {
      path: '/back-office/invoices',
      area: 'backoffice',
      access: 'operator',
      title: 'invoices.title',
      render: (ctx) => invoices(ctx, 'backoffice'),
    },
    {
      path: '/portal/invoices/:id',
      area: 'portal',
      access: 'vendor',
      title: 'invoice.title',
      render: (ctx) => invoiceDetail(ctx, 'portal'),
    },
    {
      path: '/back-office/invoices/:id',
      area: 'backoffice',
      access: 'operator',
      title: 'invoice.title',
      render: (ctx) => invoiceDetail(ctx, 'backoffice'),
    },
    {
      path: '/back-office/transfer-batches',
      area: 'backoffice',
      access: TRANSFER_FILE_READERS,
      title: 'transfers.title',
      render: transferBatches,
    },
    {
      path: '/back-office/transfer-batches/new',
      area: 'backoffice',
      access: ['aes', 'admin'],
      title: 'transfers.new',
      render: transferBatchNew,
    },
    {
      path: '/back-office/transfer-batches/:id',
      area: 'backoffice',
      access: TRANSFER_FILE_READERS,
      title: 'transfers.batch',
      render: transferBatchDetail,
    },
  ],
  nav: [
    { area: 'portal', href: '/portal/connections', label: 'nav.connections', icon: 'plug', access: 'vendor' },
    {
      area: 'portal',
      href: '/portal/invoices',
      label: 'nav.invoices',
      icon: 'receipt',
      access: 'vendor',
      match: /^\/portal\/invoices(\/|$)/,
    },
    { area: 'backoffice', href: '/back-office/connections', label: 'nav.connections', icon: 'plug', access: 'operator' },
    {
      area: 'backoffice',
      href: '/back-office/invoices',
      label: 'nav.invoices',
      icon: 'receipt',
      access: 'operator',
      match: /^\/back-office\/invoices(\/|$)/,
    },
    {
      area: 'backoffice',
      href: '/back-office/transfer-batches',
      label: 'nav.transferBatches',
      icon: 'bank',
      access: TRANSFER_FILE_READERS,
      match: /^\/back-office\/transfer-batches(\/|$)/,
    },
  ],
};
