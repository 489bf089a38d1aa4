import { api, ApiError, hasRoute, query, type Page } from '../../app/api.js';
import { h, icon, replace } from '../../app/dom.js';
import { formatAmount, formatDate, formatDateTime } from '../../app/format.js';
import { pagedList, showMore, tableWithMore } from '../../app/paged-list.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import {
  alertBox,
  badge,
  card,
  definitionList,
  emptyState,
  errorBox,
  field,
  notAvailable,
  pageHeader,
  spinner,
  withBusy,
  columnHeaders,
} from '../../app/ui.js';
import { luxembourgDate, type InvoiceStatus } from '../../domain/billing.js';
import { t } from '../../i18n/index.js';
import { BILLING_ACTORS, TRANSFER_FILE_READERS, hasAnyRole, invoiceStatusBadge, type InvoiceDetail } from './invoice-detail.js';

// AeS pays by bank transfer (PROCESS.md Phase 3.3): approved unpaid invoices become one SEPA credit transfer file
// (pain.001.001.09) for AeS's bank — one transfer per invoice to the vendor's IBAN valid at the invoice date.
// The shapes mirror @sons/contracts transferBatchSchema and invoiceSummarySchema.
export type TransferBatch = {
  batchId: string;
  messageId: string;
  createdAt: string;
  requestedExecutionDate: string;
  numberOfTransactions: number;
  controlSumCents: number;
  invoiceIds: string[];
  attachmentId: string;
  sha256: string;
};
type InvoiceSummary = {
  invoiceId: string;
  number: string;
  vendorName: string;
  status: InvoiceStatus;
  dueOn: string;
  totalInclVatCents: number;
  paidCents: number;
};

const LIST = '/back-office/transfer-batches';
const xmlHref = (batchId: string) => `/api/transfer-batches/${batchId}/xml`;
const xmlLink = (batchId: string) =>
  h(
    'a',
    { href: xmlHref(batchId), 'data-external': 'true', download: '', 'data-testid': 'batch-xml' },
    icon('filetype-xml'),
    ' ',
    t('transfers.xml'),
  );
const canExport = async (roles: Parameters<typeof hasAnyRole>[0]) =>
  hasAnyRole(roles, BILLING_ACTORS) && (await hasRoute('POST', '/api/transfer-batches'));

export async function transferBatches(ctx: RouteContext) {
  const body = h('div', null, spinner());
  ctx.outlet.append(
    pageHeader(t('transfers.title'), {
      subtitle: t('transfers.subtitle'),
      actions: (await canExport(ctx.user?.roles))
        ? h(
            'a',
            { class: 'btn btn-primary', href: `${LIST}/new`, 'data-testid': 'new-batch' },
            icon('plus-lg'),
            ' ',
            t('transfers.new'),
          )
        : null,
    }),
    body,
  );
  if (!(await hasRoute('GET', '/api/transfer-batches'))) return void body.replaceChildren(notAvailable(t('transfers.title')));
  const readsXml = hasAnyRole(ctx.user?.roles, TRANSFER_FILE_READERS);
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table align-middle', 'data-testid': 'transfer-batches' },
    h(
      'thead',
      null,
      columnHeaders([
        t('transfers.col.messageId'),
        t('transfers.col.createdAt'),
        t('transfers.col.executionDate'),
        t('transfers.col.count'),
        t('transfers.col.total'),
        t('transfers.col.file'),
      ]),
    ),
    tbody,
  );
  const row = (b: TransferBatch) =>
    h(
      'tr',
      { 'data-batch-id': b.batchId },
      h('td', null, h('a', { href: `${LIST}/${b.batchId}`, class: 'fw-semibold' }, h('code', null, b.messageId))),
      h('td', { class: 'text-nowrap' }, formatDateTime(b.createdAt)),
      h('td', { class: 'text-nowrap' }, formatDate(b.requestedExecutionDate)),
      h('td', { class: 'text-end' }, String(b.numberOfTransactions)),
      h('td', { class: 'text-end text-nowrap' }, formatAmount(b.controlSumCents)),
      h('td', null, readsXml ? xmlLink(b.batchId) : '—'),
    );
  await pagedList({
    container: body,
    fetchPage: (cursor) =>
      api.get<Page<TransferBatch>>(`/api/transfer-batches${query({ limit: 20, cursor })}`, { signal: ctx.signal }),
    add: (items) => tbody.append(...items.map(row)),
    view: tableWithMore(table),
    empty: () => emptyState({ icon: 'bank', title: t('transfers.empty'), text: t('transfers.empty.text') }),
    failed: (error) => errorBox(error, () => navigate(ctx.path, { replace: true })),
  });
}

// A new SEPA file from approved invoices. The billing service is the authority (it refuses an invoice that is not
// approved, already paid or already in a file, and names it); the page only preselects what it knows to be payable.
export async function transferBatchNew(ctx: RouteContext) {
  const body = h('div', null, spinner());
  ctx.outlet.append(
    pageHeader(t('transfers.new'), {
      subtitle: t('transfers.new.subtitle'),
      breadcrumb: [{ href: LIST, label: t('transfers.title') }],
    }),
    body,
  );
  if (!(await canExport(ctx.user?.roles))) return void body.replaceChildren(notAvailable(t('transfers.new')));

  // Invoices already in one of the recent files (the invoice list does not say whether an invoice was exported).
  const exported = new Map<string, string>();
  const recent = await api.get<Page<TransferBatch>>(`/api/transfer-batches${query({ limit: 100 })}`, { signal: ctx.signal });
  for (const b of recent.items) for (const id of b.invoiceIds) exported.set(id, b.batchId);

  const tbody = h('tbody');
  const rows = new Map<string, { checkbox: HTMLInputElement; row: HTMLTableRowElement; cents: number }>();
  const total = h('strong', { 'data-testid': 'batch-selection-total' });
  const refreshTotal = () => {
    const selected = [...rows.values()].filter((r) => r.checkbox.checked);
    total.textContent = t('transfers.selection', {
      n: selected.length,
      amount: formatAmount(selected.reduce((s, r) => s + r.cents, 0)),
    });
  };
  const addInvoices = (items: InvoiceSummary[]) => {
    for (const i of items) {
      const inFile = exported.get(i.invoiceId);
      const cents = i.totalInclVatCents - i.paidCents;
      const checkbox = h('input', {
        class: 'form-check-input',
        type: 'checkbox',
        name: 'invoiceIds',
        value: i.invoiceId,
        checked: !inFile,
        disabled: Boolean(inFile),
        'aria-label': t('transfers.select', { number: i.number }),
      });
      checkbox.addEventListener('change', refreshTotal);
      const row = h(
        'tr',
        { 'data-invoice-id': i.invoiceId },
        h('td', null, checkbox),
        h('td', null, h('a', { href: `/back-office/invoices/${i.invoiceId}`, class: 'fw-semibold' }, i.number)),
        h('td', null, i.vendorName),
        h('td', { class: 'text-nowrap' }, formatDate(i.dueOn)),
        h('td', { class: 'text-end text-nowrap' }, formatAmount(cents)),
        h(
          'td',
          { class: 'state' },
          inFile
            ? h('a', { href: `${LIST}/${inFile}` }, badge(t('transfers.inFile'), 'secondary'))
            : invoiceStatusBadge(i.status),
        ),
      );
      rows.set(i.invoiceId, { checkbox, row, cents });
      tbody.append(row);
    }
    refreshTotal();
  };
  const { more, next } = showMore({
    fetchPage: (cursor) =>
      api.get<Page<InvoiceSummary>>(`/api/invoices${query({ status: 'approved', limit: 100, cursor })}`, {
        signal: ctx.signal,
      }),
    add: addInvoices,
    moreClass: 'btn btn-outline-primary btn-sm',
  });
  await next();
  if (!rows.size) {
    return void body.replaceChildren(
      emptyState({
        icon: 'inbox',
        title: t('transfers.nothing'),
        text: t('transfers.nothing.text'),
        action: h('a', { class: 'btn btn-outline-primary', href: '/back-office/invoices?status=approved' }, t('invoices.title')),
      }),
    );
  }

  const date = h('input', { class: 'form-control', type: 'date', name: 'requestedExecutionDate', min: luxembourgDate() });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', 'data-action': 'export' },
    icon('bank'),
    ' ',
    t('transfers.create'),
  );
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'new-batch-form' },
    errors,
    h(
      'div',
      { class: 'table-responsive' },
      h(
        'table',
        { class: 'table align-middle', 'data-testid': 'approved-invoices' },
        h('caption', { class: 'caption-top' }, t('transfers.approved')),
        h(
          'thead',
          null,
          columnHeaders([
            '',
            t('invoices.col.number'),
            t('queue.col.vendor'),
            t('invoices.col.dueOn'),
            t('transfers.col.toPay'),
            t('queue.col.status'),
          ]),
        ),
        tbody,
      ),
    ),
    h('div', { class: 'd-flex justify-content-between align-items-center mb-3' }, total, more),
    h('div', { style: 'max-width: 20rem' }, field(t('transfers.executionDate'), date, t('transfers.executionDate.help'))),
    submit,
  );
  body.replaceChildren(card(h('span', null, icon('bank'), ' ', t('transfers.new')), form));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    date.classList.remove('is-invalid');
    const invoiceIds = [...rows.entries()].filter(([, r]) => r.checkbox.checked).map(([id]) => id);
    if (!invoiceIds.length) return void errors.replaceChildren(alertBox('warning', t('transfers.noneSelected')));
    void withBusy(submit, async () => {
      try {
        const batch = await api.post<TransferBatch>('/api/transfer-batches', {
          invoiceIds,
          ...(date.value ? { requestedExecutionDate: date.value } : {}),
        });
        setFlash(
          'success',
          t('transfers.created', { n: batch.numberOfTransactions, amount: formatAmount(batch.controlSumCents) }),
        );
        navigate(`${LIST}/${batch.batchId}`);
      } catch (error) {
        if (error instanceof ApiError) {
          // The service names the invoices it refused (problem detail `invoiceIds`): unselect them and say why.
          const refused = Array.isArray(error.problem.invoiceIds)
            ? (error.problem.invoiceIds as unknown[]).filter((id): id is string => typeof id === 'string')
            : [];
          for (const id of refused) {
            const r = rows.get(id);
            if (!r) continue;
            r.checkbox.checked = false;
            r.row.classList.add('table-warning');
            r.row
              .querySelector('td.state')
              ?.replaceChildren(badge(t('transfers.refused'), 'warning', { 'data-refused': 'true' }));
          }
          refreshTotal();
          const dateError =
            error.fieldErrors.find((fe) => fe.path === 'requestedExecutionDate')?.message ??
            (error.code === 'EXECUTION_DATE_PAST' ? error.message : null);
          if (dateError) {
            date.classList.add('is-invalid');
            const feedback = date.parentElement?.querySelector('.invalid-feedback');
            if (feedback) feedback.textContent = dateError;
            date.focus();
          }
        }
        errors.replaceChildren(errorBox(error));
      }
    });
  });
}

// Invoices of a file are read one by one (the file keeps their ids); a file can hold thousands, so the page shows the
// first ones and says how many more there are. The file's totals come from the file itself.
const SHOWN_INVOICES = 100;

async function invoicesOf(
  ids: string[],
  signal: AbortSignal,
): Promise<(InvoiceDetail | { invoiceId: string; error: unknown })[]> {
  const out: (InvoiceDetail | { invoiceId: string; error: unknown })[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const id = ids[i];
      try {
        out[i] = await api.get<InvoiceDetail>(`/api/invoices/${id}`, { signal });
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        out[i] = { invoiceId: id, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, ids.length) }, worker));
  return out;
}

export async function transferBatchDetail(ctx: RouteContext) {
  const b = await api.get<TransferBatch>(`/api/transfer-batches/${encodeURIComponent(ctx.params.id ?? '')}`, {
    signal: ctx.signal,
  });
  ctx.setTitle(`${t('transfers.batch')} ${b.messageId}`);
  const readsXml = hasAnyRole(ctx.user?.roles, TRANSFER_FILE_READERS);
  const invoices = h('div', null, spinner());
  ctx.outlet.append(
    pageHeader(`${t('transfers.batch')} ${b.messageId}`, {
      subtitle: t('transfers.batch.subtitle', { n: b.numberOfTransactions, amount: formatAmount(b.controlSumCents) }),
      breadcrumb: [{ href: LIST, label: t('transfers.title') }],
      actions: readsXml
        ? h(
            'a',
            { class: 'btn btn-primary', href: xmlHref(b.batchId), 'data-external': 'true', download: '' },
            icon('download'),
            ' ',
            t('transfers.xml'),
          )
        : null,
    }),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-8' },
        card(h('span', null, icon('receipt'), ' ', t('transfers.invoices')), invoices, { id: 'batch-invoices' }),
      ),
      h(
        'div',
        { class: 'col-lg-4' },
        card(
          t('transfers.facts'),
          definitionList([
            [t('transfers.col.messageId'), h('code', { 'data-testid': 'batch-message-id' }, b.messageId)],
            [t('transfers.col.createdAt'), formatDateTime(b.createdAt)],
            [t('transfers.col.executionDate'), formatDate(b.requestedExecutionDate)],
            [t('transfers.col.count'), h('span', { 'data-testid': 'batch-count' }, String(b.numberOfTransactions))],
            [t('transfers.col.total'), h('strong', { 'data-testid': 'batch-total' }, formatAmount(b.controlSumCents))],
            [t('transfers.col.file'), readsXml ? xmlLink(b.batchId) : t('transfers.xml.restricted')],
            [t('transfers.sha256'), h('code', { class: 'small text-break' }, b.sha256)],
          ]),
        ),
      ),
    ),
  );
  const shown = b.invoiceIds.slice(0, SHOWN_INVOICES);
  const details = await invoicesOf(shown, ctx.signal);
  replace(
    invoices,
    h(
      'div',
      { class: 'table-responsive' },
      h(
        'table',
        { class: 'table table-sm align-middle mb-0', 'data-testid': 'batch-invoices' },
        h(
          'thead',
          null,
          columnHeaders([
            t('invoices.col.number'),
            t('queue.col.vendor'),
            t('invoice.issuer.iban'),
            t('invoices.col.total'),
            t('queue.col.status'),
          ]),
        ),
        h(
          'tbody',
          null,
          details.map((d) =>
            'error' in d
              ? h(
                  'tr',
                  { 'data-invoice-id': d.invoiceId },
                  h(
                    'td',
                    { colspan: '5' },
                    h('a', { href: `/back-office/invoices/${d.invoiceId}` }, h('code', null, d.invoiceId)),
                    ' ',
                    errorBox(d.error),
                  ),
                )
              : h(
                  'tr',
                  { 'data-invoice-id': d.invoiceId },
                  h('td', null, h('a', { href: `/back-office/invoices/${d.invoiceId}`, class: 'fw-semibold' }, d.number)),
                  h('td', null, d.vendorName),
                  h('td', null, h('code', null, d.issuer.iban)),
                  h('td', { class: 'text-end text-nowrap' }, formatAmount(d.totalInclVatCents)),
                  h('td', null, invoiceStatusBadge(d.status)),
                ),
          ),
        ),
        h(
          'tfoot',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'row', colspan: '3' }, t('transfers.total', { n: b.numberOfTransactions })),
            h('th', { class: 'text-end text-nowrap' }, formatAmount(b.controlSumCents)),
            h('th'),
          ),
        ),
      ),
    ),
    b.invoiceIds.length > shown.length
      ? h(
          'p',
          { class: 'small text-body-secondary mt-2 mb-0' },
          t('transfers.invoices.more', { n: b.invoiceIds.length - shown.length }),
        )
      : null,
  );
}
