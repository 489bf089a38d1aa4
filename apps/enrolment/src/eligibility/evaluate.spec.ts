import { EU_EEA_COUNTRIES } from '@sons/contracts';
import { evaluateForm1, evaluateForm2, hardFailures, mergeChecklist, toChecklist } from './evaluate.js';

const programme = {
  eligibleCountries: EU_EEA_COUNTRIES,
  vague1DirectAccessEnd: new Date('2026-07-01T00:00:00+02:00'),
  now: new Date('2025-06-01T10:00:00Z'),
};
const identity = {
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
};
const form1 = {
  identity,
  enrolledName: identity.companyName,
  ndaAttachmentId: '7d0f5e0c-0000-4000-8000-000000000001',
  ndaSignatoryCompany: 'Medisoft Luxembourg SARL',
  vague1Participant: false,
  integrationMode: 'econnector_ng' as const,
};

describe('eligibility checklist', () => {
  it('should list every Form 1 rule as passing when the enrolment is complete and consistent', () => {
    const verdicts = evaluateForm1(form1, programme);
    expect(verdicts.map((v) => v.rule)).toEqual([
      'completeness',
      'matricule',
      'iban',
      'vat',
      'rcs',
      'establishment',
      'vague1ProviderCode',
      'nameConsistency',
      'integrationMode',
    ]);
    expect(verdicts.filter((v) => v.outcome !== 'pass')).toEqual([]);
  });

  it('should turn only the hard format failures into field errors', () => {
    const verdicts = evaluateForm1(
      { ...form1, identity: { ...identity, iban: 'LU280019400644750001' }, ndaAttachmentId: null },
      programme,
    );
    expect(hardFailures(verdicts).map((e) => [e.path, e.rule])).toEqual([['iban', 'iban']]);
    expect(verdicts.find((v) => v.rule === 'completeness')?.outcome).toBe('fail');
  });

  it('should evaluate Form 2 against the enrolled name and matricule', () => {
    const verdicts = evaluateForm2({
      enrolledName: identity.companyName,
      enrolledMatricule: identity.matricule,
      vague1Participant: false,
      form2: {
        vendorName: 'MediSoft Luxembourg S.à r.l.',
        providerCodeChoice: 'request',
        eHealthIdActive: true,
        mySecuActive: true,
        mySecuMatricule: '20181234567',
      },
    });
    expect(verdicts.every((v) => v.outcome === 'pass')).toBe(true);
  });

  it('should replace one stage of the checklist and keep the other', () => {
    const at = new Date('2025-06-01T10:00:00Z');
    const first = toChecklist(evaluateForm1(form1, programme), 'form1', at);
    const form2 = toChecklist(
      evaluateForm2({
        enrolledName: identity.companyName,
        enrolledMatricule: identity.matricule,
        vague1Participant: false,
        form2: {
          vendorName: 'x',
          providerCodeChoice: 'request',
          eHealthIdActive: true,
          mySecuActive: true,
          mySecuMatricule: '20181234567',
        },
      }),
      'form2',
      at,
    );
    const merged = mergeChecklist(first, 'form2', form2);
    expect(merged).toHaveLength(first.length + form2.length);
    expect(mergeChecklist(merged, 'form1', []).every((c) => c.stage === 'form2')).toBe(true);
  });
});
