import { formatInvoiceNumber, vatBreakdown } from './money.js';

describe('VAT breakdown of a TTC amount', () => {
  it('should split 640 EUR TTC at 17 % into 547,01 net and 92,99 VAT', () => {
    expect(vatBreakdown(64000, 17)).toEqual({ exclVatCents: 54701, vatCents: 9299, inclVatCents: 64000 });
  });

  it('should round on the total, not per line, and always add up to the TTC amount', () => {
    expect(vatBreakdown(192000, 17)).toEqual({ exclVatCents: 164103, vatCents: 27897, inclVatCents: 192000 });
    for (let n = 1; n <= 200; n++) {
      const b = vatBreakdown(64000 * n, 17);
      expect(b.exclVatCents + b.vatCents).toBe(64000 * n);
      expect(Math.abs(b.exclVatCents * 1.17 - 64000 * n)).toBeLessThanOrEqual(1);
    }
  });

  it('should handle a zero rate and a fractional rate exactly', () => {
    expect(vatBreakdown(64000, 0)).toEqual({ exclVatCents: 64000, vatCents: 0, inclVatCents: 64000 });
    expect(vatBreakdown(11650, 16.5)).toEqual({ exclVatCents: 10000, vatCents: 1650, inclVatCents: 11650 });
  });

  it('should refuse fractional cents and a rate outside 0–100', () => {
    expect(() => vatBreakdown(10.5, 17)).toThrow();
    expect(() => vatBreakdown(100, 101)).toThrow();
  });

  it('should number invoices as PREFIX-YEAR-000001', () => {
    expect(formatInvoiceNumber('SONS', 2026, 1)).toBe('SONS-2026-000001');
    expect(formatInvoiceNumber('SONS-AV', 2027, 123456)).toBe('SONS-AV-2027-123456');
  });
});
