import { checkIban, checkMatricule, checkRcs, checkVat } from './identity-formats.rule.js';

describe('eligibility 1 — IBAN checksum', () => {
  it('should pass when the IBAN check digits are right, in print or electronic format', () => {
    expect(checkIban('LU28 0019 4006 4475 0000').outcome).toBe('pass');
    expect(checkIban('DE89370400440532013000').outcome).toBe('pass');
  });

  it('should fail hard with a French and English reason when the check digits are wrong', () => {
    const verdict = checkIban('LU28 0019 4006 4475 0001');
    expect(verdict).toMatchObject({ rule: 'iban', outcome: 'fail', hard: true, field: 'iban' });
    expect(verdict.reason.fr).toContain('clé de contrôle');
    expect(verdict.reason.en).toContain('check digits');
    expect(verdict.reason.fr).not.toContain('{field}');
  });

  it('should fail hard when the value is not an IBAN at all', () => {
    expect(checkIban('not an iban')).toMatchObject({ outcome: 'fail', hard: true });
  });
});

describe('eligibility 1 — Luxembourg matricule (check digits not enforced)', () => {
  it('should pass a natural-person matricule of 13 digits starting with a valid birth date', () => {
    expect(checkMatricule('1985061512345', 'natural').outcome).toBe('pass');
  });

  it('should pass whatever the last digits are, because the check digits are not enforced', () => {
    expect(checkMatricule('1985061500000', 'natural').outcome).toBe('pass');
    expect(checkMatricule('20181234599', 'legal').outcome).toBe('pass');
  });

  it('should fail hard when the birth date is not a real date', () => {
    const verdict = checkMatricule('1985133112345', 'natural');
    expect(verdict).toMatchObject({ outcome: 'fail', hard: true, field: 'matricule' });
    expect(verdict.reason.en).toContain('birth date');
  });

  it('should fail hard when a legal person gives 13 digits', () => {
    expect(checkMatricule('1985061512345', 'legal')).toMatchObject({ outcome: 'fail', hard: true });
  });

  it('should fail hard when a legal-person matricule does not start with a plausible year', () => {
    expect(checkMatricule('30001234567', 'legal').outcome).toBe('fail');
  });
});

describe('eligibility 1 — EU VAT number (format and check digits)', () => {
  it('should pass a Luxembourg VAT number with right check digits for a company in Luxembourg', () => {
    expect(checkVat('LU26375245', 'legal', 'LU').outcome).toBe('pass');
    expect(checkVat('LU 2637 5245', 'legal', 'LU').outcome).toBe('pass');
  });

  it('should fail hard when the check digits are wrong', () => {
    const verdict = checkVat('LU26375246', 'legal', 'LU');
    expect(verdict).toMatchObject({ rule: 'vat', outcome: 'fail', hard: true, field: 'vatNumber' });
    expect(verdict.reason.fr).toContain('contrôle');
  });

  it('should fail hard when the country prefix is missing', () => {
    expect(checkVat('26375245', 'legal', 'LU')).toMatchObject({ outcome: 'fail', hard: true });
  });

  it('should fail hard when a legal person gives no VAT number', () => {
    expect(checkVat(undefined, 'legal', 'LU')).toMatchObject({ outcome: 'fail', hard: true });
  });

  it('should pass when a natural person gives no VAT number', () => {
    expect(checkVat(null, 'natural', 'DE').outcome).toBe('pass');
  });

  it('should ask an operator when a valid VAT number belongs to another country than the establishment', () => {
    expect(checkVat('LU26375245', 'legal', 'DE').outcome).toBe('needs_operator_judgement');
  });

  it('should ask an operator when the country of establishment has numbers that cannot be checked automatically', () => {
    expect(checkVat('CHE123456789', 'legal', 'CH').outcome).toBe('needs_operator_judgement');
  });
});

describe('eligibility 1 — RCS number when established in Luxembourg', () => {
  it('should pass a well-formed RCS number of a company in Luxembourg', () => {
    expect(checkRcs('B123456', 'legal', 'LU').outcome).toBe('pass');
  });

  it('should fail hard when a company in Luxembourg gives no RCS number', () => {
    const verdict = checkRcs(undefined, 'legal', 'LU');
    expect(verdict).toMatchObject({ outcome: 'fail', hard: true, field: 'rcsNumber' });
    expect(verdict.reason.fr).toContain('B123456');
  });

  it('should fail hard when the RCS number is malformed or its section does not exist', () => {
    expect(checkRcs('123456', 'legal', 'LU')).toMatchObject({ outcome: 'fail', hard: true });
    expect(checkRcs('I123456', 'legal', 'LU')).toMatchObject({ outcome: 'fail', hard: true });
  });

  it('should not require an RCS number outside Luxembourg or for a natural person', () => {
    expect(checkRcs(undefined, 'legal', 'BE').outcome).toBe('pass');
    expect(checkRcs(undefined, 'natural', 'LU').outcome).toBe('pass');
  });
});
