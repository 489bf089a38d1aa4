import { formatDate, formatMoney, HelperValueError } from './template.helpers.js';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('should format integer cents the French way when the locale is fr', () => {
    expect(formatMoney(64000, 'fr')).toBe(`640,00${NBSP}€`);
    expect(formatMoney(12800005, 'fr')).toBe(`128.000,05${NBSP}€`);
    expect(formatMoney(7, 'fr')).toBe(`0,07${NBSP}€`);
  });

  // The e-mails (notifications) and the web app format amounts with Intl fr-LU / en-GB: a PDF must say the same.
  it('should write amounts as the e-mails and the web app do (Intl fr-LU and en-GB)', () => {
    const intl = (locale: string, cents: number) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
    for (const cents of [0, 7, 64000, 192000, 54701, 12800005, 123456789, -64000]) {
      expect(formatMoney(cents, 'fr')).toBe(intl('fr-LU', cents));
      expect(formatMoney(cents, 'en')).toBe(intl('en-GB', cents));
    }
  });

  it('should format integer cents the English way when the locale is en', () => {
    expect(formatMoney(64000, 'en')).toBe('€640.00');
    expect(formatMoney(123456789, 'en')).toBe('€1,234,567.89');
    expect(formatMoney(-64000, 'en')).toBe('-€640.00');
  });

  it('should refuse the amount when it is not an integer number of cents', () => {
    expect(() => formatMoney(640.5, 'fr')).toThrow(HelperValueError);
    expect(() => formatMoney('64000', 'fr')).toThrow(HelperValueError);
    expect(() => formatMoney(undefined, 'en')).toThrow(/integer amount in cents/);
  });
});

describe('formatDate', () => {
  it('should write the date in words when the value is an ISO date', () => {
    expect(formatDate('2025-07-01', 'fr')).toBe('1 juillet 2025');
    expect(formatDate('2025-07-01', 'en')).toBe('1 July 2025');
    expect(formatDate('2025-12-31', 'fr', 'short')).toBe('31/12/2025');
  });

  it('should show Luxembourg time when the value is an instant', () => {
    // 23:30 UTC on 31 December is already 1 January in Luxembourg (UTC+1 in winter).
    expect(formatDate('2025-12-31T23:30:00Z', 'fr', 'datetime')).toBe('1 janvier 2026 à 00:30');
    expect(formatDate('2025-09-30T14:27:05Z', 'en', 'datetime')).toBe('30 September 2025 at 16:27');
  });

  it('should refuse the value when it is not a date', () => {
    expect(() => formatDate('not a date', 'fr')).toThrow(HelperValueError);
    expect(() => formatDate(20250701, 'en')).toThrow(HelperValueError);
  });
});
