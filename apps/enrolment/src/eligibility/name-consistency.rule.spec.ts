import { checkNameConsistency, normaliseName, sameName } from './name-consistency.rule.js';

const nda = (name: string | null) => [{ field: 'ndaSignatoryCompany', label: { fr: 'NDA', en: 'NDA' }, name }];

describe('eligibility 5 — name consistency', () => {
  it('should treat case, accents, punctuation and the spelling of the legal form as the same name', () => {
    expect(sameName('MediSoft Luxembourg S.à r.l.', 'MEDISOFT LUXEMBOURG SARL')).toBe(true);
    expect(sameName('Médisoft Luxembourg société à responsabilité limitée', 'Medisoft Luxembourg S.à r.l.')).toBe(true);
    expect(sameName('Doc & Co S.A.', 'Doc et Co SA')).toBe(true);
    expect(sameName('Marc Schmit', 'SCHMIT Marc')).toBe(true);
    expect(normaliseName('  Medi-Soft  ')).toBe('medi soft');
  });

  it('should pass when the NDA signatory company is the enrolled name', () => {
    expect(checkNameConsistency('MediSoft Luxembourg S.à r.l.', nda('Medisoft Luxembourg SARL')).outcome).toBe('pass');
  });

  it('should flag the document whose name differs from the enrolled one', () => {
    const verdict = checkNameConsistency('MediSoft Luxembourg S.à r.l.', [
      ...nda('MediSoft Luxembourg S.à r.l.'),
      { field: 'vendorName', label: { fr: 'formulaire 2', en: 'Form 2' }, name: 'MediSoft Holding SA' },
    ]);
    expect(verdict).toMatchObject({ rule: 'nameConsistency', criterion: 5, outcome: 'fail', field: 'vendorName' });
    expect(verdict.reason.fr).toContain('MediSoft Holding SA');
    expect(verdict.reason.en).toContain('Form 2');
  });

  it('should ask an operator to compare when a document declares no name', () => {
    expect(checkNameConsistency('Marc Schmit', nda(null)).outcome).toBe('needs_operator_judgement');
  });
});
