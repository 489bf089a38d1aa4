import { euVatValidator } from './eu-vat.validator.js';

// Published check-digit rules, written out independently to prove jsvat really verifies them.
const reference = {
  LU: (digits: string) => Number(digits.slice(0, 6)) % 89 === Number(digits.slice(6)),
  BE: (digits: string) => 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8)),
  FR: (digits: string) => (12 + 3 * (Number(digits.slice(2)) % 97)) % 97 === Number(digits.slice(0, 2)),
  DE: (digits: string) => {
    let product = 10;
    for (const char of digits.slice(0, 8)) {
      let sum = (Number(char) + product) % 10;
      if (sum === 0) sum = 10;
      product = (2 * sum) % 11;
    }
    const check = 11 - product === 10 ? 0 : 11 - product;
    return check === Number(digits.slice(8));
  },
} as const;

function withCheck(country: keyof typeof reference, body: string, positions: 'prefix' | 'suffix', width: number): string[] {
  const found: string[] = [];
  for (let check = 0; check < 10 ** width; check++) {
    const digits =
      positions === 'prefix' ? `${String(check).padStart(width, '0')}${body}` : `${body}${String(check).padStart(width, '0')}`;
    if (reference[country](digits)) found.push(`${country}${digits}`);
  }
  return found;
}

describe('euVatValidator', () => {
  it.each([
    ['LU26375245'],
    ['FR40303265045'],
    ['BE0403170701'],
    ['DE136695976'],
    ['EL094014201'],
    ['NL004495445B01'],
    ['LU 2637 5245'],
    ['NO123456785MVA'],
  ])('should accept %s when its format and check digits are right', (vat) => {
    expect(euVatValidator.check(vat)).toEqual({ ok: true });
  });

  it.each([
    ['LU26375246', 'checkDigits'],
    ['FR41303265045', 'checkDigits'],
    ['BE0403170702', 'checkDigits'],
    ['DE136695977', 'checkDigits'],
    ['LU2637524', 'format'],
    ['26375245', 'prefix'],
    ['CHE123456788', 'prefix'],
    ['US123456789', 'prefix'],
  ])('should refuse %s with reason %s when the VAT number is wrong', (vat, reason) => {
    expect(euVatValidator.check(vat)).toEqual({ ok: false, reason });
  });

  it.each([
    ['LU', '263752', 'suffix', 2],
    ['BE', '04031707', 'suffix', 2],
    ['FR', '303265045', 'prefix', 2],
    ['DE', '13669597', 'suffix', 1],
  ] as const)(
    'should agree with the published %s check-digit rule when every check value is tried',
    (country, body, where, width) => {
      const accepted: string[] = [];
      for (let check = 0; check < 10 ** width; check++) {
        const padded = String(check).padStart(width, '0');
        const vat = `${country}${where === 'prefix' ? padded + body : body + padded}`;
        if (euVatValidator.check(vat).ok) accepted.push(vat);
      }
      expect(accepted).toEqual(withCheck(country, body, where, width));
      expect(accepted).toHaveLength(1);
    },
  );

  it('should require the VAT country to match the country of establishment when one is given', () => {
    expect(euVatValidator.check('LU26375245', 'LU')).toEqual({ ok: true });
    expect(euVatValidator.check('EL094014201', 'GR')).toEqual({ ok: true });
    expect(euVatValidator.check('FR40303265045', 'LU')).toEqual({ ok: false, reason: 'countryMismatch' });
  });

  it('should leave the number to the eligibility check when the vendor is established outside the checked countries', () => {
    expect(euVatValidator.check('CHE-123.456.788 MWST', 'CH')).toEqual({ ok: true });
    expect(euVatValidator.check('LU26375246', 'LU')).toEqual({ ok: false, reason: 'checkDigits' });
  });
});
