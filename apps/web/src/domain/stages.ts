import type { MessageKey } from '../i18n/index.js';
import { labellingVendorNext, type LabellingStatus } from './labelling.js';

// Where a vendor stands in the later programme steps, from the statuses of its cases: whether it has something to do
// (current), waits for an operator (waiting) or is through (done), and the one next action to show. Pure, so the
// dashboard's wording is tested without a browser.
export type StageVerdict = { state: 'current' | 'waiting' | 'done'; next: MessageKey };

export function labellingVerdict(statuses: readonly LabellingStatus[]): StageVerdict {
  if (!statuses.length) return { state: 'current', next: 'dashboard.labelling.start' };
  const open = statuses.filter((s) => s !== 'labelled');
  const mine = open.find((s) => labellingVendorNext(s).vendor);
  if (mine) return { state: 'current', next: labellingVendorNext(mine).key };
  if (open.length) return { state: 'waiting', next: labellingVendorNext(open[0]).key };
  return { state: 'done', next: 'labelling.next.labelled' };
}

export type ConnectionStatus = 'submitted' | 'under_verification' | 'verified' | 'refused' | 'invoiceable';

export function connectionsVerdict(statuses: readonly ConnectionStatus[]): StageVerdict {
  if (!statuses.length) return { state: 'current', next: 'dashboard.connections.start' };
  if (statuses.includes('verified')) return { state: 'current', next: 'dashboard.connections.requestPayment' };
  if (statuses.some((s) => s === 'submitted' || s === 'under_verification'))
    return { state: 'waiting', next: 'dashboard.connections.verifying' };
  return { state: 'done', next: 'dashboard.connections.more' };
}

export type InvoiceStatus = 'issued' | 'approved' | 'partially_paid' | 'paid' | 'overpaid' | 'cancelled';

export function invoicesVerdict(statuses: readonly InvoiceStatus[]): StageVerdict {
  if (statuses.some((s) => s === 'issued' || s === 'approved' || s === 'partially_paid'))
    return { state: 'waiting', next: 'dashboard.invoices.waiting' };
  if (statuses.includes('overpaid')) return { state: 'waiting', next: 'dashboard.invoices.overpaid' };
  if (!statuses.length) return { state: 'waiting', next: 'dashboard.invoices.none' };
  return { state: 'done', next: 'dashboard.invoices.paid' };
}

// « 2 × Payée · 1 × Approuvée »: how many cases in each status, most frequent first.
export function countByStatus<S extends string>(statuses: readonly S[]): [S, number][] {
  const counts = new Map<S, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
