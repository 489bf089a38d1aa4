import { checkCompleteness } from './completeness.rule.js';

const legal = {
  personType: 'legal' as const,
  companyName: 'MediSoft Luxembourg S.à r.l.',
  ceoFirstName: 'Claire',
  ceoLastName: 'Weber',
  matricule: '20181234567',
  rcsNumber: 'B123456',
  vatNumber: 'LU26375245',
  iban: 'LU280019400644750000',
  email: 'contact@medisoft.lu',
  countryOfEstablishment: 'LU',
  ndaAttachmentId: '7d0f5e0c-0000-4000-8000-000000000001',
};
const natural = {
  personType: 'natural' as const,
  firstName: 'Marc',
  lastName: 'Schmit',
  matricule: '1985061512345',
  iban: 'DE89370400440532013000',
  email: 'marc.schmit@example.lu',
  countryOfEstablishment: 'DE',
  ndaAttachmentId: '7d0f5e0c-0000-4000-8000-000000000002',
};

describe('eligibility 1 — completeness', () => {
  it('should pass when a legal person gives every required field and the signed NDA', () => {
    expect(checkCompleteness(legal).outcome).toBe('pass');
  });

  it('should pass when a natural person gives name, matricule, IBAN, e-mail and the NDA, without VAT or RCS', () => {
    expect(checkCompleteness(natural).outcome).toBe('pass');
  });

  it('should fail naming the NDA when the signed NDA is missing', () => {
    const verdict = checkCompleteness({ ...legal, ndaAttachmentId: null });
    expect(verdict.outcome).toBe('fail');
    expect(verdict.field).toBe('ndaAttachmentId');
    expect(verdict.reason.fr).toContain('NDA');
    expect(verdict.reason.en).toContain('NDA');
    expect(verdict.hard).toBeUndefined();
  });

  it('should fail listing every missing field when a legal person in Luxembourg omits the CEO and the RCS number', () => {
    const verdict = checkCompleteness({ ...legal, ceoLastName: '', rcsNumber: null });
    expect(verdict.outcome).toBe('fail');
    expect(verdict.reason.fr).toContain('nom du dirigeant');
    expect(verdict.reason.fr).toContain('numéro RCS');
    expect(verdict.reason.en).toContain('RCS number');
  });

  it('should not require the RCS number when the legal person is established outside Luxembourg', () => {
    expect(checkCompleteness({ ...legal, countryOfEstablishment: 'BE', rcsNumber: null }).outcome).toBe('pass');
  });

  it('should require first and last name when the vendor is a natural person', () => {
    const verdict = checkCompleteness({ ...natural, lastName: ' ' });
    expect(verdict.outcome).toBe('fail');
    expect(verdict.field).toBe('lastName');
  });
});
