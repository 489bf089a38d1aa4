import {
  checkEHealthAndMySecu,
  checkMySecuMatricule,
  checkProviderCodeRequest,
  checkVague1ProviderCode,
} from './provider-code.rule.js';

describe('eligibility 4 — « Vague 1 » vendors keep their provider code (Form 1)', () => {
  it('should pass when a « Vague 1 » participant gives its existing code', () => {
    expect(checkVague1ProviderCode({ vague1Participant: true, existingProviderCode: '12345678' }).outcome).toBe('pass');
  });

  it('should fail when a « Vague 1 » participant gives no code', () => {
    const verdict = checkVague1ProviderCode({ vague1Participant: true });
    expect(verdict).toMatchObject({ outcome: 'fail', criterion: 4, field: 'existingProviderCode' });
    expect(verdict.hard).toBeUndefined();
  });

  it('should fail hard when the code is not 8 digits', () => {
    expect(checkVague1ProviderCode({ vague1Participant: true, existingProviderCode: '1234' })).toMatchObject({
      outcome: 'fail',
      hard: true,
    });
  });

  it('should pass a new vendor without a code, who requests it with Form 2', () => {
    expect(checkVague1ProviderCode({ vague1Participant: false }).outcome).toBe('pass');
  });

  it('should ask an operator when a vendor outside « Vague 1 » gives an existing code', () => {
    expect(checkVague1ProviderCode({ vague1Participant: false, existingProviderCode: '12345678' }).outcome).toBe(
      'needs_operator_judgement',
    );
  });
});

describe('eligibility 4 — provider code choice on Form 2', () => {
  it('should pass a provider code request from a new vendor', () => {
    expect(checkProviderCodeRequest({ vague1Participant: false }, { providerCodeChoice: 'request' }).outcome).toBe('pass');
  });

  it('should fail when a « Vague 1 » vendor requests a new code instead of keeping its own', () => {
    const verdict = checkProviderCodeRequest(
      { vague1Participant: true, existingProviderCode: '12345678' },
      { providerCodeChoice: 'request' },
    );
    expect(verdict.outcome).toBe('fail');
    expect(verdict.reason.en).toContain('keeps its existing provider code (12345678)');
  });

  it('should fail when a « Vague 1 » vendor gives another code than the one declared at enrolment', () => {
    expect(
      checkProviderCodeRequest(
        { vague1Participant: true, existingProviderCode: '12345678' },
        { providerCodeChoice: 'existing', existingProviderCode: '87654321' },
      ).outcome,
    ).toBe('fail');
  });

  it('should pass when a « Vague 1 » vendor keeps its code, printed with a dash', () => {
    expect(
      checkProviderCodeRequest(
        { vague1Participant: true, existingProviderCode: '12345678' },
        { providerCodeChoice: 'existing', existingProviderCode: '123456-78' },
      ).outcome,
    ).toBe('pass');
  });

  it('should fail hard when "existing" is chosen without a code', () => {
    expect(checkProviderCodeRequest({ vague1Participant: false }, { providerCodeChoice: 'existing' })).toMatchObject({
      outcome: 'fail',
      hard: true,
    });
  });
});

describe('eligibility 4 — the MySecu matricule is the provider code matricule', () => {
  it('should pass when Form 2 gives the enrolled matricule', () => {
    expect(checkMySecuMatricule('1985061512345', '1985061512345').outcome).toBe('pass');
  });

  it('should fail when Form 2 gives another matricule', () => {
    const verdict = checkMySecuMatricule('1985061512345', '1990010112345');
    expect(verdict).toMatchObject({ outcome: 'fail', field: 'mySecuMatricule' });
    expect(verdict.hard).toBeUndefined();
    expect(verdict.reason.fr).toContain('MySecu');
  });

  it('should fail hard when the MySecu matricule is malformed', () => {
    expect(checkMySecuMatricule('1985061512345', '1985133112345')).toMatchObject({ outcome: 'fail', hard: true });
  });
});

describe('eligibility 4 — active eHealth ID and MySecu space', () => {
  it('should pass when both are active', () => {
    expect(checkEHealthAndMySecu({ eHealthIdActive: true, mySecuActive: true }).outcome).toBe('pass');
  });

  it('should fail naming what to activate when one is not active', () => {
    expect(checkEHealthAndMySecu({ eHealthIdActive: false, mySecuActive: true })).toMatchObject({
      outcome: 'fail',
      field: 'eHealthIdActive',
    });
    expect(checkEHealthAndMySecu({ eHealthIdActive: true, mySecuActive: false })).toMatchObject({
      outcome: 'fail',
      field: 'mySecuActive',
    });
  });
});
