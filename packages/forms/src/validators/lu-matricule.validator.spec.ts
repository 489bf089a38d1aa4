import { luMatriculeValidator } from './lu-matricule.validator.js';

describe('luMatriculeValidator', () => {
  it.each([
    ['1980010112345', 'natural'],
    ['2000022912345', 'natural'],
    ['1980010112345', undefined],
    ['20022212345', 'legal'],
    ['19991234567', undefined],
  ])('should accept %s when it is well formed for a %s person', (value, personType) => {
    expect(luMatriculeValidator.check(value, personType)).toEqual({ ok: true });
  });

  it.each([
    ['1980023012345', 'natural', 'birthDate'],
    ['1900022912345', 'natural', 'birthDate'],
    ['1980130112345', 'natural', 'birthDate'],
    ['1850010112345', 'natural', 'birthDate'],
    ['2999010112345', 'natural', 'birthDate'],
    ['20022212345', 'natural', 'lengthNatural'],
    ['1980010112345', 'legal', 'lengthLegal'],
    ['17002212345', 'legal', 'year'],
    ['29992212345', 'legal', 'year'],
    ['1980 0101 12345', 'natural', 'digits'],
    ['198001011234', undefined, 'length'],
  ])('should refuse %s for a %s person with reason %s when it is malformed', (value, personType, reason) => {
    expect(luMatriculeValidator.check(value, personType)).toEqual({ ok: false, reason });
  });

  it('should not enforce check digits when the date part is valid', () => {
    // Same birth date, every possible trailing digit pair: all accepted by decision (PROCESS.md).
    const accepted = Array.from({ length: 100 }, (_, n) => `19800101123${String(n).padStart(2, '0')}`).filter(
      (value) => luMatriculeValidator.check(value, 'natural').ok,
    );
    expect(accepted).toHaveLength(100);
  });

  it('should validate its static param when a schema sets one', () => {
    expect(luMatriculeValidator.checkParam?.('legal')).toBeUndefined();
    expect(luMatriculeValidator.checkParam?.('company')).toBeDefined();
  });
});
