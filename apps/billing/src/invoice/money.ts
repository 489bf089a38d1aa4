// Amounts are integer cents. The programme's tariff is TTC (VAT included); the invoice still shows the breakdown:
// net = round(TTC / (1 + rate)), VAT = TTC − net, so net + VAT is always exactly the TTC amount.
export function vatBreakdown(
  inclVatCents: number,
  ratePercent: number,
): { exclVatCents: number; vatCents: number; inclVatCents: number } {
  if (!Number.isSafeInteger(inclVatCents) || inclVatCents < 0)
    throw new Error(`amount must be a non-negative integer of cents, got ${inclVatCents}`);
  if (!(ratePercent >= 0 && ratePercent <= 100)) throw new Error(`VAT rate must be within 0–100 %, got ${ratePercent}`);
  // Scaled to avoid binary fractions: rates like 17 or 16.5 are exact at 1/1000 %.
  const exclVatCents = Math.round((inclVatCents * 100_000) / (100_000 + Math.round(ratePercent * 1000)));
  return { exclVatCents, vatCents: inclVatCents - exclVatCents, inclVatCents };
}

export const formatInvoiceNumber = (prefix: string, year: number, sequence: number): string =>
  `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
