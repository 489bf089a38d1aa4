import { api, hasRoute, query, type Page } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { formatAmount, formatDate, formatDateTime } from '../../app/format.js';
import { navigate, type FeatureModule, type RouteContext } from '../../app/router.js';
import { badge, emptyState, errorBox, notAvailable, pageHeader, spinner, type Tone } from '../../app/ui.js';
import { CONTACT_BY_STEP, PARTY_NAME } from '../../domain/contact.js';
import { t, type MessageKey } from '../../i18n/index.js';

// Phase 3 — connections (Form 4, delivery note, circuit check) and invoices/payments: the lists for the vendor and
// the back-office. Contact point: connection and payment request → INCERT; invoicing and payment → AeS.
const CONNECTION_STATUSES = ['submitted', 'under_verification', 'verified', 'refused', 'invoiceable'] as const;
type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
const INVOICE_STATUSES = ['issued', 'approved', 'partially_paid', 'paid', 'overpaid', 'cancelled'] as const;
type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
type ConnectionSummary = { connectionId: string; vendorName: string; status: ConnectionStatus; deliveryNoteType: string; softwareName: string; softwareVersion: string; providerCount: number; passedCount: number; submittedAt: string; updatedAt: string };
type InvoiceSummary = { invoiceId: string; number: string; connectionId: string; vendorName: string; status: InvoiceStatus; issuedOn: string; dueOn: string; totalInclVatCents: number; paidCents: number; paymentFlagged: boolean; pdfStatus: 'pending' | 'rendered' };

const CONNECTION_TONE: Record<ConnectionStatus, Tone> = { submitted: 'info', under_verification: 'primary', verified: 'success', refused: 'danger', invoiceable: 'success' };
const INVOICE_TONE: Record<InvoiceStatus, Tone> = { issued: 'info', approved: 'primary', partially_paid: 'warning', paid: 'success', overpaid: 'warning', cancelled: 'secondary' };

function statusFilter(id: string, statuses: readonly string[], current: string, label: (s: string) => string, path: string) {
  const select = h('select', { class: 'form-select', id }, h('option', { value: '' }, t('queue.filter.allStatuses')), statuses.map((s) => h('option', { value: s, selected: s === current }, label(s))));
  select.addEventListener('change', () => navigate(`${path}${query({ status: select.value })}`, { replace: true }));
  return h('div', { class: 'mb-3', style: 'max-width: 20rem' }, h('label', { class: 'form-label small', for: id }, t('queue.filter.status')), select);
}

async function connections(ctx: RouteContext, area: 'portal' | 'backoffice') {
  const path = area === 'portal' ? '/portal/connections' : '/back-office/connections';
  const status = ctx.query.get('status') ?? '';
  const body = h('div', null, spinner());
  append(ctx.outlet, [
    pageHeader(t('connections.title'), {
      subtitle: h('span', null, t('connections.subtitle'), ' ', t('dashboard.contact'), ' ', h('strong', null, t(PARTY_NAME[CONTACT_BY_STEP.connection]))),
      breadcrumb: area === 'portal' ? [{ href: '/portal', label: t('nav.dashboard') }] : undefined,
    }),
    statusFilter('connection-status', CONNECTION_STATUSES, status, (s) => t(`connection.status.${s}` as MessageKey), path),
    body,
  ]);
  if (!(await hasRoute('GET', '/api/connections'))) return void body.replaceChildren(notAvailable(t('connections.title')));
  try {
    const page = await api.get<Page<ConnectionSummary>>(`/api/connections${query({ limit: 50, status })}`, { signal: ctx.signal });
    body.replaceChildren(
      page.items.length
        ? h(
            'div',
            { class: 'table-responsive' },
            h(
              'table',
              { class: 'table align-middle', 'data-testid': 'connections' },
              h('thead', null, h('tr', null, [t('queue.col.vendor'), t('labelling.col.software'), t('connections.col.type'), t('connections.col.providers'), t('queue.col.status'), t('queue.col.submitted')].map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                null,
                page.items.map((c) =>
                  h(
                    'tr',
                    { 'data-connection-id': c.connectionId },
                    h('td', null, c.vendorName),
                    h('td', null, `${c.softwareName} ${c.softwareVersion}`),
                    h('td', null, t(`connections.type.${c.deliveryNoteType}` as MessageKey) || c.deliveryNoteType),
                    h('td', null, t('connections.passed', { passed: c.passedCount, total: c.providerCount })),
                    h('td', null, badge(t(`connection.status.${c.status}` as MessageKey), CONNECTION_TONE[c.status], { 'data-status': c.status })),
                    h('td', { class: 'text-nowrap' }, formatDateTime(c.submittedAt)),
                  ),
                ),
              ),
            ),
          )
        : emptyState({ icon: 'plug', title: status ? t('queue.empty.filtered') : t('connections.empty'), text: area === 'portal' ? t('connections.empty.text') : undefined }),
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
      subtitle: h('span', null, t('invoices.subtitle'), ' ', t('dashboard.contact'), ' ', h('strong', null, t(PARTY_NAME[CONTACT_BY_STEP.payment]))),
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
              h('thead', null, h('tr', null, [t('invoices.col.number'), t('queue.col.vendor'), t('invoices.col.issuedOn'), t('invoices.col.dueOn'), t('invoices.col.total'), t('invoices.col.paid'), t('queue.col.status'), t('invoices.col.pdf')].map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                null,
                page.items.map((i) =>
                  h(
                    'tr',
                    { 'data-invoice-id': i.invoiceId },
                    h('td', { class: 'fw-semibold' }, i.number),
                    h('td', null, i.vendorName),
                    h('td', { class: 'text-nowrap' }, formatDate(i.issuedOn)),
                    h('td', { class: 'text-nowrap' }, formatDate(i.dueOn)),
                    h('td', { class: 'text-end' }, formatAmount(i.totalInclVatCents)),
                    h('td', { class: 'text-end' }, formatAmount(i.paidCents), i.paymentFlagged ? h('span', { class: 'ms-1 text-warning' }, icon('flag-fill', t('invoices.flagged'))) : null),
                    h('td', null, badge(t(`invoice.status.${i.status}` as MessageKey), INVOICE_TONE[i.status], { 'data-status': i.status })),
                    h('td', null, i.pdfStatus === 'rendered' ? h('a', { href: `/api/invoices/${i.invoiceId}/pdf`, 'data-external': 'true', download: '' }, icon('file-earmark-pdf'), ' PDF') : h('span', { class: 'text-body-secondary small' }, t('invoices.pdfPending'))),
                  ),
                ),
              ),
            ),
          )
        : emptyState({ icon: 'receipt', title: status ? t('queue.empty.filtered') : t('invoices.empty'), text: area === 'portal' ? t('invoices.empty.text') : undefined }),
    );
  } catch (error) {
    body.replaceChildren(errorBox(error));
  }
}

export const paymentModule: FeatureModule = {
  id: 'payment',
  routes: [
    { path: '/portal/connections', area: 'portal', access: 'vendor', title: 'connections.title', render: (ctx) => connections(ctx, 'portal') },
    { path: '/portal/invoices', area: 'portal', access: 'vendor', title: 'invoices.title', render: (ctx) => invoices(ctx, 'portal') },
    { path: '/back-office/connections', area: 'backoffice', access: 'operator', title: 'connections.title', render: (ctx) => connections(ctx, 'backoffice') },
    { path: '/back-office/invoices', area: 'backoffice', access: 'operator', title: 'invoices.title', render: (ctx) => invoices(ctx, 'backoffice') },
  ],
  nav: [
    { area: 'portal', href: '/portal/connections', label: 'nav.connections', icon: 'plug', access: 'vendor' },
    { area: 'portal', href: '/portal/invoices', label: 'nav.invoices', icon: 'receipt', access: 'vendor' },
    { area: 'backoffice', href: '/back-office/connections', label: 'nav.connections', icon: 'plug', access: 'operator' },
    { area: 'backoffice', href: '/back-office/invoices', label: 'nav.invoices', icon: 'receipt', access: 'operator' },
  ],
};
