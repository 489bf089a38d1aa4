import { EU_EEA_COUNTRIES } from '@sons/contracts';
import { checkEstablishment } from './establishment.rule.js';

describe('eligibility 3 — EU/EEA establishment', () => {
  it('should pass when the country is in the programme list, EEA included', () => {
    expect(checkEstablishment('LU', EU_EEA_COUNTRIES).outcome).toBe('pass');
    expect(checkEstablishment('no', EU_EEA_COUNTRIES).outcome).toBe('pass');
  });

  it('should fail with a reason naming the country when it is outside the EU/EEA', () => {
    const verdict = checkEstablishment('CH', EU_EEA_COUNTRIES);
    expect(verdict).toMatchObject({ rule: 'establishment', criterion: 3, outcome: 'fail', field: 'countryOfEstablishment' });
    expect(verdict.hard).toBeUndefined();
    expect(verdict.reason.fr).toContain('(CH)');
    expect(verdict.reason.en).toContain('European Economic Area');
  });

  it('should read the country list as data when the programme changes it', () => {
    expect(checkEstablishment('CH', [...EU_EEA_COUNTRIES, 'CH']).outcome).toBe('pass');
    expect(checkEstablishment('LU', ['BE']).outcome).toBe('fail');
  });
});
