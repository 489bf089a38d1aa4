// Phase 3.3 — invoices, payments and SEPA transfer files, as the screens need them (PROCESS.md Phase 3; contact
// point: invoicing and payment → AeS). Pure functions: no DOM, no API.

// Mirrors @sons/contracts INVOICE_STATUSES and PAYMENT_FLAGS (the web app does not import the server packages).
export const INVOICE_STATUSES = ['issued', 'approved', 'partially_paid', 'paid', 'overpaid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const PAYMENT_FLAGS = ['partial', 'overpaid', 'reference_mismatch', 'after_cancellation'] as const;
export type PaymentFlag = (typeof PAYMENT_FLAGS)[number];

// Mirrors @sons/contracts INVOICE_ACTIONS: the invoice view's `allowedActions`, which the billing service computes per
// caller from the rule it enforces (apps/billing invoice-access.ts); the screens never restate that rule.
export type InvoiceAction = 'approve' | 'record_payment' | 'cancel';

export type AmountParse = { ok: true; cents: number } | { ok: false; error: 'empty' | 'invalid' | 'tooPrecise' };

// The API's upper bound for one transfer (contracts: recordPayment amountCents max).
const MAX_CENTS = 99_999_999_999;

// An amount in euros as people type it, to integer cents without floating point: « 640,00 », « 640 », « 1 280,50 »
// (French: comma decimal, space or dot thousands), « 1,280.50 » or « 640.00 » (English), with or without « € ».
// A single separator followed by three digits (« 1.280 ») is refused as too precise rather than guessed.
// Zero and negative amounts parse: the API decides what it accepts and says so at the field.
export function parseEuroAmount(input: string): AmountParse {
  let s = input
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^(€|EUR)/i, '')
    .replace(/(€|EUR)$/i, '');
  if (!s) return { ok: false, error: 'empty' };
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  }
  let euros: string;
  let decimals = '';
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)$/.exec(s))) euros = m[1]!;
  else if ((m = /^(\d+)[.,](\d{1,2})$/.exec(s))) [euros, decimals] = [m[1], m[2]];
  // Thousands groups with the other sign as decimal separator: 1.280,50 / 1,280.50 / 1.280.000 / 1 280 (spaces gone).
  else if ((m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(s)) && (m[2] !== undefined || m[1].split('.').length > 2))
    [euros, decimals] = [m[1].replace(/\./g, ''), m[2] ?? ''];
  else if ((m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(s)) && (m[2] !== undefined || m[1].split(',').length > 2))
    [euros, decimals] = [m[1].replace(/,/g, ''), m[2] ?? ''];
  else if (/^\d+[.,]\d{3,}$/.test(s)) return { ok: false, error: 'tooPrecise' };
  else return { ok: false, error: 'invalid' };
  const cents = Number(euros) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return { ok: false, error: 'invalid' };
  return { ok: true, cents: cents === 0 ? 0 : sign * cents };
}

// Cents as an amount input value: « 640,00 » in French, « 640.00 » in English (no thousands separator, so it reads
// back unambiguously).
export function centsToInput(cents: number, locale: 'fr' | 'en'): string {
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}${locale === 'fr' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

// What is left to pay (negative when overpaid). A cancelled invoice owes nothing: its credit note cancels it.
export function balanceCents(invoice: { status: InvoiceStatus; totalInclVatCents: number; paidCents: number }): number {
  return invoice.status === 'cancelled' ? 0 : invoice.totalInclVatCents - invoice.paidCents;
}

// Today's date in Luxembourg (YYYY-MM-DD): the programme's dates are Luxembourg dates (the value date of a transfer).
export function luxembourgDate(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Luxembourg' }).format(now);
}
