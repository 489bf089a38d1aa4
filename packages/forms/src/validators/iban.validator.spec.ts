import { ibanValidator } from './iban.validator.js';

describe('ibanValidator', () => {
  it.each([
    ['LU280019400644750000'],
    ['LU28 0019 4006 4475 0000'],
    ['FR1420041010050500013M02606'],
    ['BE68539007547034'],
    ['DE89370400440532013000'],
    ['CH9300762011623852957'],
  ])('should accept %s when the checksum and country format are right', (iban) => {
    expect(ibanValidator.check(iban)).toEqual({ ok: true });
  });

  it.each([
    ['LU290019400644750000', 'checksum'],
    ['DE89370400440532013001', 'checksum'],
    ['LU2800194006447500001', 'format'],
    ['XX120019400644750000', 'country'],
    ['not an iban', 'format'],
    ['BR1800360305000010009795493C1', 'sepa'],
  ])('should refuse %s with reason %s when the IBAN is wrong', (iban, reason) => {
    expect(ibanValidator.check(iban)).toEqual({ ok: false, reason });
  });

  it('should have a French and an English message when any reason is reported', () => {
    for (const reason of ['format', 'country', 'checksum', 'sepa']) {
      expect(ibanValidator.messages.fr[reason]).toContain('{field}');
      expect(ibanValidator.messages.en[reason]).toContain('{field}');
    }
  });
});
