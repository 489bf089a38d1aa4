import { describe, expect, it } from '@jest/globals';
import { balanceCents, centsToInput, luxembourgDate, parseEuroAmount } from './billing.js';

describe('parseEuroAmount', () => {
  it('should read French amounts to cents when written with a decimal comma', () => {
    expect(parseEuroAmount('640,00')).toEqual({ ok: true, cents: 64000 });
    expect(parseEuroAmount('640,5')).toEqual({ ok: true, cents: 64050 });
    expect(parseEuroAmount(' 1 280,50 € ')).toEqual({ ok: true, cents: 128050 });
    expect(parseEuroAmount('1\u202f280,50')).toEqual({ ok: true, cents: 128050 });
    expect(parseEuroAmount('1.280,50')).toEqual({ ok: true, cents: 128050 });
    expect(parseEuroAmount('1.280.000')).toEqual({ ok: true, cents: 128000000 });
  });

  it('should read plain and English amounts when written with a decimal point or none', () => {
    expect(parseEuroAmount('640')).toEqual({ ok: true, cents: 64000 });
    expect(parseEuroAmount('640.00')).toEqual({ ok: true, cents: 64000 });
    expect(parseEuroAmount('EUR 1,280.50')).toEqual({ ok: true, cents: 128050 });
    expect(parseEuroAmount('0,01')).toEqual({ ok: true, cents: 1 });
  });

  it('should leave zero and negative amounts to the API when they are well formed', () => {
    expect(parseEuroAmount('0,00')).toEqual({ ok: true, cents: 0 });
    expect(parseEuroAmount('-5')).toEqual({ ok: true, cents: -500 });
  });

  it('should refuse an amount when it is empty, not a number, ambiguous or finer than a cent', () => {
    expect(parseEuroAmount('  ')).toEqual({ ok: false, error: 'empty' });
    expect(parseEuroAmount('abc')).toEqual({ ok: false, error: 'invalid' });
    expect(parseEuroAmount('64,0,0')).toEqual({ ok: false, error: 'invalid' });
    expect(parseEuroAmount('1e3')).toEqual({ ok: false, error: 'invalid' });
    expect(parseEuroAmount('640,001')).toEqual({ ok: false, error: 'tooPrecise' });
    expect(parseEuroAmount('1.280')).toEqual({ ok: false, error: 'tooPrecise' });
    expect(parseEuroAmount('99999999999999')).toEqual({ ok: false, error: 'invalid' });
  });

  it('should read back what centsToInput writes in both languages', () => {
    for (const cents of [0, 1, 64000, 128050, 99_999_999_999]) {
      expect(parseEuroAmount(centsToInput(cents, 'fr'))).toEqual({ ok: true, cents });
      expect(parseEuroAmount(centsToInput(cents, 'en'))).toEqual({ ok: true, cents });
    }
    expect(centsToInput(64000, 'fr')).toBe('640,00');
    expect(centsToInput(64005, 'en')).toBe('640.05');
  });
});

describe('balanceCents and luxembourgDate', () => {
  it('should owe the rest of the total, nothing once cancelled, and a negative balance when overpaid', () => {
    expect(balanceCents({ status: 'partially_paid', totalInclVatCents: 64000, paidCents: 40000 })).toBe(24000);
    expect(balanceCents({ status: 'overpaid', totalInclVatCents: 64000, paidCents: 65000 })).toBe(-1000);
    expect(balanceCents({ status: 'cancelled', totalInclVatCents: 64000, paidCents: 0 })).toBe(0);
  });

  it('should give the Luxembourg date when UTC is still on the previous day', () => {
    expect(luxembourgDate(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(luxembourgDate(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01-15');
  });
});
