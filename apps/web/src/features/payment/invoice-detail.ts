import { api, ApiError, hasRoute } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { newIdempotencyKey } from '../../app/drafts.js';
import { formatAmount, formatDate, formatDateTime, formatNumber } from '../../app/format.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import type { Role } from '../../app/session.js';
import {
  alertBox,
  badge,
  card,
  clearInvalid,
  columnHeaders,
  definitionList,
  emptyState,
  errorBox,
  field,
  markInvalid,
  pageHeader,
  timeline,
  type TimelineItem,
  type Tone,
  withBusy,
} from '../../app/ui.js';
import {
  balanceCents,
  centsToInput,
  luxembourgDate,
  parseEuroAmount,
  type InvoiceAction,
  type InvoiceStatus,
  type PaymentFlag,
} from '../../domain/billing.js';
import { CONTACT_BY_STEP, PARTY_NAME } from '../../domain/contact.js';
import { locale, t, type MessageKey } from '../../i18n/index.js';
import { actionForms, type ActionSpec } from '../shared/actions.js';

// One invoice (PROCESS.md Phase 3.3): the vendor reads it; AeS approves it, cancels it by a credit note or records the
// bank transfer that pays it. Contact point: invoicing and payment → AeS. The shapes mirror @sons/contracts billing.
export const INVOICE_TONE: Record<InvoiceStatus, Tone> = {
  issued: 'info',
  approved: 'primary',
  partially_paid: 'warning',
  paid: 'success',
  overpaid: 'warning',
  cancelled: 'secondary',
};
const FLAG_TONE: Record<PaymentFlag, Tone> = {
  partial: 'warning',
  overpaid: 'warning',
  reference_mismatch: 'warning',
  after_cancellation: 'danger',
};
// Who may act on invoices and read SEPA files (gateway: BillingController / TransferBatchesController @Access).
export const BILLING_ACTORS: readonly Role[] = ['aes', 'admin'];
export const TRANSFER_FILE_READERS: readonly Role[] = ['aes', 'admin', 'readonly'];
export const hasAnyRole = (roles: readonly Role[] | undefined, allowed: readonly Role[]): boolean =>
  Boolean(roles?.some((r) => allowed.includes(r)));

type Address = { street: string; postalCode: string; city: string; country: string };
export type InvoiceDetail = {
  invoiceId: string;
  number: string;
  connectionId: string;
  vendorId: string;
  vendorName: string;
  status: InvoiceStatus;
  issuedOn: string;
  dueOn: string;
  totalInclVatCents: number;
  paidCents: number;
  paymentFlagged: boolean;
  pdfStatus: 'pending' | 'rendered';
  version: number;
  issuer: {
    name: string;
    address: Address;
    vatNumber: string;
    iban: string;
    rcs: string | null;
    email: string | null;
    identityVersion: number;
  };
  addressee: { name: string; department: string | null; address: Address };
  software: { name: string; version: string };
  lines: { providerCode: string; providerName: string; site: string | null; connectedOn: string; amountInclVatCents: number }[];
  vat: { ratePercent: number };
  totals: { exclVatCents: number; vatCents: number; inclVatCents: number };
  pdf: { documentId: string; reference: string; attachmentId: string; sha256: string } | null;
  payments: {
    paymentId: string;
    paidOn: string;
    amountCents: number;
    reference: string;
    flags: PaymentFlag[];
    recordedBy: string;
    recordedAt: string;
  }[];
  creditNote: {
    creditNoteId: string;
    number: string;
    issuedOn: string;
    reason: string;
    amountInclVatCents: number;
    vatCents: number;
    exclVatCents: number;
  } | null;
  approvedAt: string | null;
  exportedInBatch: string | null;
  // What this caller may do now, from the billing service (empty for anyone but AeS and the platform admin).
  allowedActions: InvoiceAction[];
};

export const invoiceStatusBadge = (status: InvoiceStatus) =>
  badge(t(`invoice.status.${status}` as MessageKey), INVOICE_TONE[status], { 'data-status': status });
export const invoicePdfLink = (invoiceId: string, rendered: boolean) =>
  rendered
    ? h(
        'a',
        { href: `/api/invoices/${invoiceId}/pdf`, 'data-external': 'true', download: '', 'data-testid': 'invoice-pdf' },
        icon('file-earmark-pdf'),
        ' PDF',
      )
    : h(
        'span',
        { class: 'text-body-secondary small', 'data-testid': 'invoice-pdf-pending' },
        icon('hourglass-split'),
        ' ',
        t('invoices.pdfPending'),
      );

const address = (a: Address) => h('span', null, a.street, h('br'), `${a.postalCode} ${a.city}`, h('br'), a.country);

const ACTION_SPECS: Record<Exclude<InvoiceAction, 'record_payment'>, ActionSpec> = {
  approve: { path: (id) => `/api/invoices/${id}/approve`, tone: 'success', icon: 'check2-circle' },
  cancel: {
    path: (id) => `/api/invoices/${id}/cancel`,
    fields: [{ name: 'reason', label: 'invoice.input.cancelReason', type: 'textarea', required: true, min: 5 }],
    tone: 'danger',
    icon: 'x-octagon',
    confirm: 'invoice.cancel.confirm',
  },
};
const PAYMENT_PATH = (id: string) => `/api/invoices/${id}/payments`;

// Record a bank transfer: the amount is typed in euros as AeS reads it on the statement (« 640,00 ») and sent in
// cents; the API's field errors (path amountCents, paidOn, reference) are shown under the matching control.
function paymentForm(d: InvoiceDetail, errors: HTMLElement, reload: () => Promise<void>): HTMLFormElement {
  // One key per form shown: a second click or a retry after a timeout records the transfer once.
  const idempotencyKey = newIdempotencyKey();
  const due = balanceCents(d);
  const amount = h('input', {
    class: 'form-control',
    name: 'amount',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    required: true,
    placeholder: centsToInput(d.totalInclVatCents, locale()),
    value: due > 0 ? centsToInput(due, locale()) : '',
  });
  const paidOn = h('input', { class: 'form-control', name: 'paidOn', type: 'date', required: true, value: luxembourgDate() });
  const reference = h('input', {
    class: 'form-control',
    name: 'reference',
    type: 'text',
    maxlength: '140',
    autocomplete: 'off',
    required: true,
  });
  const controls: Record<string, HTMLInputElement> = { amountCents: amount, paidOn, reference };
  const button = h(
    'button',
    { type: 'submit', class: 'btn btn-success', 'data-action': 'record_payment' },
    icon('cash-coin'),
    ' ',
    t('invoice.action.record_payment'),
  );
  const form = h(
    'form',
    {
      novalidate: true,
      class: 'action-form',
      'data-action-form': 'record_payment',
      'aria-label': t('invoice.action.record_payment'),
    },
    field(t('invoice.payment.amount'), amount, t('invoice.payment.amount.help')),
    field(t('invoice.payment.paidOn'), paidOn),
    field(t('invoice.payment.reference'), reference, t('invoice.payment.reference.help', { number: d.number })),
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    const parsed = parseEuroAmount(amount.value);
    const invalid: [HTMLInputElement, string][] = [];
    if (!parsed.ok)
      invalid.push([amount, parsed.error === 'empty' ? t('action.input.required') : t(`invoice.payment.amount.${parsed.error}`)]);
    if (!paidOn.value) invalid.push([paidOn, t('action.input.required')]);
    if (!reference.value.trim()) invalid.push([reference, t('action.input.required')]);
    if (invalid.length || !parsed.ok) {
      for (const [control, message] of invalid) markInvalid(control, message);
      invalid[0]?.[0].focus();
      return;
    }
    void withBusy(button, async () => {
      try {
        await api.post(
          PAYMENT_PATH(d.invoiceId),
          { amountCents: parsed.cents, paidOn: paidOn.value, reference: reference.value.trim() },
          { headers: { 'Idempotency-Key': idempotencyKey } },
        );
        setFlash('success', t('invoice.payment.recorded', { amount: formatAmount(parsed.cents) }));
        await reload();
      } catch (error) {
        let shown: HTMLInputElement | null = null;
        if (error instanceof ApiError) {
          for (const fe of error.fieldErrors) {
            const control = controls[fe.path];
            if (!control) continue;
            markInvalid(control, fe.message);
            shown ??= control;
          }
        }
        if (shown) shown.focus();
        else
          errors.replaceChildren(
            error instanceof ApiError && error.status === 409 ? errorBox(error, () => void reload()) : errorBox(error),
          );
      }
    });
  });
  return form;
}

// The invoice's history, from what the invoice itself records (the API has no separate event list for invoices).
function history(d: InvoiceDetail, area: 'portal' | 'backoffice', canReadFiles: boolean): TimelineItem[] {
  const items: TimelineItem[] = [
    { at: null, title: t('invoice.timeline.issued', { number: d.number }), text: formatDate(d.issuedOn), icon: 'receipt' },
  ];
  if (d.approvedAt)
    items.push({ at: d.approvedAt, title: t('invoice.timeline.approved'), icon: 'check2-circle', tone: 'primary' });
  if (d.exportedInBatch)
    items.push({
      at: null,
      title: t('invoice.timeline.exported'),
      text:
        area === 'backoffice' && canReadFiles
          ? h('a', { href: `/back-office/transfer-batches/${d.exportedInBatch}` }, t('transfers.open'))
          : undefined,
      icon: 'bank',
      tone: 'primary',
    });
  for (const p of d.payments)
    items.push({
      at: p.recordedAt,
      title: t('invoice.timeline.payment', { amount: formatAmount(p.amountCents) }),
      text: t('invoice.timeline.payment.text', { date: formatDate(p.paidOn), reference: p.reference }),
      icon: 'cash-coin',
      tone: p.flags.length ? 'warning' : 'success',
    });
  if (d.creditNote)
    items.push({
      at: null,
      title: t('invoice.timeline.cancelled', { number: d.creditNote.number }),
      text: `${formatDate(d.creditNote.issuedOn)} — ${d.creditNote.reason}`,
      icon: 'x-octagon',
      tone: 'secondary',
    });
  if (d.status === 'issued') items.push({ at: null, title: t('invoice.timeline.waitApproval'), pending: true });
  if (d.status === 'approved' || d.status === 'partially_paid')
    items.push({ at: null, title: t('invoice.timeline.waitPayment'), pending: true });
  return items;
}

export async function invoiceDetail(ctx: RouteContext, area: 'portal' | 'backoffice') {
  const base = area === 'portal' ? '/portal' : '/back-office';
  const d = await api.get<InvoiceDetail>(`/api/invoices/${encodeURIComponent(ctx.params.id ?? '')}`, { signal: ctx.signal });
  ctx.setTitle(`${t('invoice.title')} ${d.number}`);
  const roles = ctx.user?.roles;
  const canReadFiles = hasAnyRole(roles, TRANSFER_FILE_READERS);
  const reload = async () => navigate(ctx.path, { replace: true });
  const due = balanceCents(d);

  // AeS actions: those the billing service allows this caller now (`allowedActions`), and only for routes the running
  // gateway serves.
  let actions: HTMLElement | null = null;
  if (area === 'backoffice') {
    const errors = h('div', { 'aria-live': 'assertive' });
    const forms: HTMLElement[] = [];
    const usable: [string, ActionSpec][] = [];
    for (const a of d.allowedActions) {
      if (a === 'record_payment') continue;
      if (await hasRoute('POST', ACTION_SPECS[a].path(':id'))) usable.push([a, ACTION_SPECS[a]]);
    }
    if (d.allowedActions.includes('record_payment') && (await hasRoute('POST', PAYMENT_PATH(':id'))))
      forms.push(paymentForm(d, errors, reload));
    forms.push(...actionForms(usable, d.version, errors, reload, (a) => t(`invoice.action.${a}` as MessageKey), d.invoiceId));
    actions = h('div', { class: 'd-flex flex-column gap-3', 'data-testid': 'case-actions' }, errors, forms);
    if (!forms.length)
      actions.append(
        emptyState({
          icon: 'check2-all',
          title: hasAnyRole(roles, BILLING_ACTORS) ? t('actions.none') : t('invoice.actions.aesOnly'),
        }),
      );
  }

  const amountRows: [string, HTMLElement | string][] = [
    [t('invoice.amount.exclVat'), formatAmount(d.totals.exclVatCents)],
    [t('invoice.amount.vat', { rate: formatNumber(d.vat.ratePercent) }), formatAmount(d.totals.vatCents)],
    [t('invoice.amount.inclVat'), h('strong', null, formatAmount(d.totals.inclVatCents))],
    [t('invoice.amount.paid'), h('span', { 'data-testid': 'invoice-paid' }, formatAmount(d.paidCents))],
    [
      t('invoice.amount.balance'),
      h(
        'span',
        { 'data-testid': 'invoice-balance', class: due < 0 ? 'text-warning-emphasis fw-semibold' : due > 0 ? 'fw-semibold' : '' },
        formatAmount(due),
      ),
    ],
  ];
  if (d.creditNote) amountRows.push([t('invoice.amount.credited'), formatAmount(-d.creditNote.amountInclVatCents)]);

  const payments = d.payments.length
    ? h(
        'div',
        { class: 'table-responsive' },
        h(
          'table',
          { class: 'table table-sm align-middle mb-0', 'data-testid': 'payments' },
          h(
            'thead',
            null,
            columnHeaders([
              t('invoice.payment.paidOn'),
              t('invoice.payment.amountCol'),
              t('invoice.payment.reference'),
              t('invoice.payment.flags'),
              t('invoice.payment.recordedAt'),
            ]),
          ),
          h(
            'tbody',
            null,
            d.payments.map((p) =>
              h(
                'tr',
                { 'data-payment-id': p.paymentId },
                h('td', { class: 'text-nowrap' }, formatDate(p.paidOn)),
                h('td', { class: 'text-end text-nowrap' }, formatAmount(p.amountCents)),
                h('td', null, h('code', null, p.reference)),
                h(
                  'td',
                  null,
                  p.flags.length
                    ? p.flags.map((f) => badge(t(`invoice.flag.${f}` as MessageKey), FLAG_TONE[f], { 'data-flag': f }))
                    : h('span', { class: 'text-body-secondary small' }, t('invoice.flag.none')),
                ),
                h('td', { class: 'text-nowrap small' }, formatDateTime(p.recordedAt)),
              ),
            ),
          ),
        ),
      )
    : emptyState({
        icon: 'cash-stack',
        title: t('invoice.payments.empty'),
        text: d.status === 'cancelled' ? undefined : t('invoice.payments.empty.text'),
      });

  const lines = h(
    'div',
    { class: 'table-responsive' },
    h(
      'table',
      { class: 'table table-sm align-middle mb-0', 'data-testid': 'invoice-lines' },
      h(
        'thead',
        null,
        columnHeaders([
          t('invoice.line.provider'),
          t('invoice.line.site'),
          t('invoice.line.connectedOn'),
          t('invoice.amount.inclVat'),
        ]),
      ),
      h(
        'tbody',
        null,
        d.lines.map((l) =>
          h(
            'tr',
            null,
            h('td', null, h('strong', null, l.providerName), ' · ', h('code', null, l.providerCode)),
            h('td', null, l.site ?? '—'),
            h('td', { class: 'text-nowrap' }, formatDate(l.connectedOn)),
            h('td', { class: 'text-end text-nowrap' }, formatAmount(l.amountInclVatCents)),
          ),
        ),
      ),
    ),
  );

  const transferFile: [string, HTMLElement | string][] = d.exportedInBatch
    ? [
        [
          t('invoice.transferFile'),
          area === 'backoffice' && canReadFiles
            ? h(
                'a',
                { href: `/back-office/transfer-batches/${d.exportedInBatch}`, 'data-testid': 'invoice-batch' },
                t('transfers.open'),
              )
            : t('invoice.transferFile.yes'),
        ],
      ]
    : [];

  ctx.outlet.append(
    pageHeader(`${t('invoice.title')} ${d.number}`, {
      subtitle: h(
        'span',
        null,
        d.vendorName,
        ' · ',
        `${d.software.name} ${d.software.version}`,
        ' ',
        invoiceStatusBadge(d.status),
      ),
      breadcrumb: [{ href: `${base}/invoices`, label: t('invoices.title') }],
    }),
  );
  if (d.creditNote)
    ctx.outlet.append(alertBox('warning', t('invoice.cancelled.title', { number: d.creditNote.number }), d.creditNote.reason));
  if (d.paymentFlagged) ctx.outlet.append(alertBox('warning', t('invoice.flagged.title'), t('invoice.flagged.text')));
  ctx.outlet.append(
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-8 d-flex flex-column gap-4' },
        card(h('span', null, icon('calculator'), ' ', t('invoice.amounts')), definitionList(amountRows), {
          id: 'invoice-amounts',
        }),
        card(h('span', null, icon('people'), ' ', t('invoice.lines', { n: d.lines.length })), lines),
        card(h('span', null, icon('cash-stack'), ' ', t('invoice.payments')), payments, { id: 'invoice-payments' }),
        d.creditNote
          ? card(
              h('span', null, icon('file-earmark-minus'), ' ', t('invoice.creditNote')),
              definitionList([
                [t('invoices.col.number'), h('strong', { 'data-testid': 'credit-note-number' }, d.creditNote.number)],
                [t('invoices.col.issuedOn'), formatDate(d.creditNote.issuedOn)],
                [t('invoice.creditNote.reason'), d.creditNote.reason],
                [t('invoice.amount.exclVat'), formatAmount(d.creditNote.exclVatCents)],
                [t('invoice.amount.vat', { rate: formatNumber(d.vat.ratePercent) }), formatAmount(d.creditNote.vatCents)],
                [t('invoice.amount.inclVat'), formatAmount(d.creditNote.amountInclVatCents)],
              ]),
            )
          : null,
        card(h('span', null, icon('clock-history'), ' ', t('case.timeline')), timeline(history(d, area, canReadFiles)), {
          id: 'timeline',
        }),
      ),
      h(
        'div',
        { class: 'col-lg-4 d-flex flex-column gap-4' },
        actions ? card(h('span', null, icon('lightning'), ' ', t('actions.title')), actions) : null,
        card(
          t('case.facts'),
          definitionList([
            [t('invoices.col.number'), h('strong', { 'data-testid': 'invoice-number' }, d.number)],
            [t('queue.col.status'), invoiceStatusBadge(d.status)],
            [t('queue.col.vendor'), d.vendorName],
            [
              t('invoice.connection'),
              h(
                'a',
                { href: `${base}/connections/${d.connectionId}`, 'data-testid': 'invoice-connection' },
                `${d.software.name} ${d.software.version}`,
              ),
            ],
            [t('invoices.col.issuedOn'), formatDate(d.issuedOn)],
            [t('invoices.col.dueOn'), formatDate(d.dueOn)],
            ...(d.approvedAt ? ([[t('invoice.approvedAt'), formatDateTime(d.approvedAt)]] as [string, string][]) : []),
            [t('invoices.col.pdf'), invoicePdfLink(d.invoiceId, d.pdfStatus === 'rendered' && d.pdf !== null)],
            ...transferFile,
          ]),
        ),
        card(
          h('span', null, icon('building'), ' ', t('invoice.parties')),
          h(
            'div',
            { class: 'small' },
            h('p', { class: 'fw-semibold mb-1' }, t('invoice.issuer')),
            h('p', { class: 'mb-1' }, h('strong', null, d.issuer.name), h('br'), address(d.issuer.address)),
            definitionList([
              [t('invoice.issuer.vat'), h('code', null, d.issuer.vatNumber)],
              [t('invoice.issuer.iban'), h('code', { 'data-testid': 'invoice-iban' }, d.issuer.iban)],
              ...(d.issuer.rcs ? ([[t('invoice.issuer.rcs'), d.issuer.rcs]] as [string, string][]) : []),
            ]),
            h('p', { class: 'fw-semibold mb-1 mt-3' }, t('invoice.addressee')),
            h(
              'p',
              { class: 'mb-0' },
              h('strong', null, d.addressee.name),
              d.addressee.department ? [h('br'), d.addressee.department] : null,
              h('br'),
              address(d.addressee.address),
            ),
          ),
        ),
        card(h('span', null, icon('person-lines-fill'), ' ', t('contact.title')), [
          h('strong', { 'data-testid': 'contact-party' }, t(PARTY_NAME[CONTACT_BY_STEP.payment])),
          h('p', { class: 'small text-body-secondary mb-0' }, t('invoice.contact.topic')),
        ]),
      ),
    ),
  );
}
