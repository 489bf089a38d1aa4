import { ApiClient, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1, naturalForm1 } from './fixtures.js';
import {
  act,
  enrol,
  publishDocumentation,
  signInOperators,
  submitForm2,
  throughDocumentation,
  upload,
  type Case,
  type Operators,
} from './enrolment-steps.js';

type Problem = {
  status: number;
  code: string;
  detail: string;
  errors: { path: string; rule: string; message: string }[];
  existingVendorId?: string;
  field?: string;
};
type Check = { rule: string; criterion: number; outcome: string; field?: string; reason: { fr: string; en: string } };

// Eligibility 1–6 (PROCESS.md), each failing through the gateway: format rules refuse Form 1 / Form 2 outright
// (400 naming the field and the rule), other failures are recorded on the case as the operators' checklist, and
// block validation until they are fixed.
describe('enrolment eligibility: every rule failing', () => {
  let system: RunningSystem;
  let ops: Operators;
  let n = 0;
  // Unique identifiers per created case (valid LU VAT check digits: first six digits mod 89).
  const ids = () => {
    n += 1;
    const six = String(300000 + n);
    return {
      matricule: `2017${String(10000000 + n).slice(1)}`,
      vatNumber: `LU${six}${String(Number(six) % 89).padStart(2, '0')}`,
    };
  };

  const submit = async (data: Record<string, unknown>, locale: 'fr' | 'en' = 'en') => {
    const vendor = await new ApiClient(system.baseUrl, locale).register(`refused${++n}@example.lu`);
    const response = await vendor.post<Problem>('/api/enrolments', { data });
    return response;
  };
  const checklist = async (enrolmentId: string) =>
    (await ops.incert.get<{ eligibility: Check[] }>(`/api/enrolments/${enrolmentId}`)).body.eligibility;
  const check = (list: Check[], rule: string) => list.find((c) => c.rule === rule)!;

  beforeAll(async () => {
    system = await startSystem({ name: 'enrol-eligibility', services: ['enrolment'] });
    ops = await signInOperators(system.baseUrl);
    await publishDocumentation(ops, '2025.1');
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('should refuse Form 1 with the field and the rule when a format rule fails (IBAN, VAT, matricule, RCS, provider code)', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [legalForm1({ iban: 'LU28 0019 4006 4475 0001' }), 'iban', 'iban'],
      [legalForm1({ vatNumber: 'LU26375246' }), 'vatNumber', 'vat'],
      [legalForm1({ vatNumber: '26375245' }), 'vatNumber', 'vat'],
      [naturalForm1({ matricule: '1985133112345' }), 'matricule', 'matricule'],
      [legalForm1({ matricule: '1985061512345' }), 'matricule', 'matricule'],
      [legalForm1({ rcsNumber: undefined }), 'rcsNumber', 'rcs'],
      [legalForm1({ rcsNumber: 'Z12' }), 'rcsNumber', 'rcs'],
      [legalForm1({ vague1Participant: true, existingProviderCode: '1234' }), 'existingProviderCode', 'vague1ProviderCode'],
    ];
    for (const [data, path, rule] of cases) {
      const response = await submit(data);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e) => [e.path, e.rule])).toEqual([[path, rule]]);
      expect(response.body.errors[0].message.length).toBeGreaterThan(20);
    }
    const french = await submit(legalForm1({ vatNumber: 'LU26375246' }), 'fr');
    expect(french.body.errors[0].message).toContain('chiffres de contrôle');
  });

  it('should refuse an NDA that is not the vendor’s own upload or not uploaded as an NDA', async () => {
    const other = await new ApiClient(system.baseUrl).register('other-nda@example.lu');
    const foreign = await upload(other, 'someone-elses-nda', 'nda');
    const response = await submit({ ...legalForm1(), ndaAttachmentId: foreign });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ path: 'ndaAttachmentId', rule: 'attachment' });
    const vendor = await new ApiClient(system.baseUrl).register('wrong-purpose@example.lu');
    const evidence = await upload(vendor, 'not-an-nda', 'evidence');
    const wrong = await vendor.post<Problem>('/api/enrolments', { data: { ...legalForm1(), ndaAttachmentId: evidence } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'ndaAttachmentId', rule: 'attachmentPurpose' });
  });

  it('should record a missing NDA (completeness), block validation, and pass once the vendor sends it', async () => {
    const { vendor, enrolmentId } = await enrol(
      system,
      'no-nda@example.lu',
      legalForm1({ ...ids(), ndaSignatoryCompany: 'MediSoft Luxembourg SARL' }),
      { nda: false },
    );
    expect(check(await checklist(enrolmentId), 'completeness')).toMatchObject({
      criterion: 1,
      outcome: 'fail',
      field: 'ndaAttachmentId',
    });
    await act(ops.incert, enrolmentId, 'assign');
    const refused = await ops.incert.post<Problem>(`/api/enrolments/${enrolmentId}/validate`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ELIGIBILITY_NOT_MET');
    expect(refused.body.errors.map((e) => e.rule)).toEqual(['completeness']);
    expect(refused.body.errors[0].message).toContain('NDA');

    await act(ops.incert, enrolmentId, 'request-information', { message: 'Le NDA signé manque : merci de le déposer.' });
    const nda = await upload(vendor, 'late-nda', 'nda');
    const answered = await act(vendor, enrolmentId, 'answer', { message: 'Voici le NDA signé.', ndaAttachmentId: nda });
    expect(answered.status).toBe('under_review');
    expect(check(answered.eligibility as unknown as Check[], 'completeness').outcome).toBe('pass');
    expect((await act(ops.incert, enrolmentId, 'validate')).status).toBe('validated_incert');
  });

  it('should record a vendor established outside the EU/EEA (criterion 3)', async () => {
    const { enrolmentId } = await enrol(
      system,
      'swiss@example.ch',
      legalForm1({
        ...ids(),
        vatNumber: 'CHE-116.281.710',
        countryOfEstablishment: 'CH',
        rcsNumber: undefined,
        iban: 'CH93 0076 2011 6238 5295 7',
      }),
    );
    const list = await checklist(enrolmentId);
    expect(check(list, 'establishment')).toMatchObject({ criterion: 3, outcome: 'fail', field: 'countryOfEstablishment' });
    expect(check(list, 'establishment').reason.en).toContain('(CH)');
    expect(check(list, 'vat').outcome).toBe('needs_operator_judgement');
  });

  it('should record a « Vague 1 » participant without its provider code (criterion 4)', async () => {
    const { enrolmentId } = await enrol(system, 'vague1-nocode@example.lu', legalForm1({ ...ids(), vague1Participant: true }));
    expect(check(await checklist(enrolmentId), 'vague1ProviderCode')).toMatchObject({
      criterion: 4,
      outcome: 'fail',
      field: 'existingProviderCode',
    });
  });

  it('should flag an NDA whose signatory company differs from the enrolled name (criterion 5)', async () => {
    const { enrolmentId } = await enrol(
      system,
      'other-name@example.lu',
      legalForm1({ ...ids(), ndaSignatoryCompany: 'MediSoft Holding SA' }),
    );
    const verdict = check(await checklist(enrolmentId), 'nameConsistency');
    expect(verdict).toMatchObject({ criterion: 5, outcome: 'fail', field: 'ndaSignatoryCompany' });
    expect(verdict.reason.fr).toContain('MediSoft Holding SA');
  });

  it('should record direct access asked by a vendor outside « Vague 1 », and by a « Vague 1 » vendor after 2026-07-01 (criterion 6)', async () => {
    const outsider = await enrol(system, 'direct@example.lu', legalForm1({ ...ids(), integrationMode: 'direct_access' }));
    expect(check(await checklist(outsider.enrolmentId), 'integrationMode').reason.en).toContain(
      'reserved for « Vague 1 » participants',
    );
    // The platform's clock is past the calendar's vague1DirectAccessEnd (2026-07-01).
    const late = await enrol(
      system,
      'late-direct@example.lu',
      legalForm1({ ...ids(), integrationMode: 'direct_access', vague1Participant: true, existingProviderCode: '22334455' }),
    );
    const verdict = check(await checklist(late.enrolmentId), 'integrationMode');
    expect(verdict).toMatchObject({ criterion: 6, outcome: 'fail' });
    expect(verdict.reason.fr).toContain('2026-07-01');
  });

  it('should answer 409 pointing at the existing vendor when the VAT number is already enrolled', async () => {
    const first = await enrol(system, 'vat-first@example.lu', legalForm1({ ...ids(), vatNumber: 'LU55555517' }));
    const response = await submit(legalForm1({ ...ids(), vatNumber: 'LU 5555 5517' }));
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'DUPLICATE_ENROLMENT', field: 'vatNumber', existingVendorId: first.vendorId });
  });

  it('should refuse Form 2 naming the rule when it breaks Eligibility 4 or 5, and accept it once corrected', async () => {
    const { vendor, enrolmentId } = await enrol(
      system,
      'form2-rules@example.lu',
      legalForm1({
        ...ids(),
        matricule: '20161234567',
        vague1Participant: true,
        existingProviderCode: '123456-78',
        ndaSignatoryCompany: 'MediSoft Luxembourg S.à r.l.',
      }),
    );
    expect((await checklist(enrolmentId)).filter((c) => c.outcome !== 'pass')).toEqual([]);
    await throughDocumentation(ops, enrolmentId);

    const refusals: [Record<string, unknown>, number, string, string][] = [
      [
        { mySecuMatricule: '20151234567', providerCodeChoice: 'existing', existingProviderCode: '12345678' },
        422,
        'mySecuMatricule',
        'mySecuMatricule',
      ],
      [
        { mySecuMatricule: '20161234567', providerCodeChoice: 'existing', existingProviderCode: '12345678', mySecuActive: false },
        422,
        'mySecuActive',
        'eHealthAndMySecu',
      ],
      [
        {
          mySecuMatricule: '20161234567',
          providerCodeChoice: 'existing',
          existingProviderCode: '12345678',
          eHealthIdActive: false,
        },
        422,
        'eHealthIdActive',
        'eHealthAndMySecu',
      ],
      [{ mySecuMatricule: '20161234567', providerCodeChoice: 'request' }, 422, 'providerCodeChoice', 'providerCodeRequest'],
      [
        { mySecuMatricule: '20161234567', providerCodeChoice: 'existing', existingProviderCode: '87654321' },
        422,
        'existingProviderCode',
        'providerCodeRequest',
      ],
      [
        {
          mySecuMatricule: '20161234567',
          providerCodeChoice: 'existing',
          existingProviderCode: '12345678',
          vendorName: 'Medisoft Group',
        },
        422,
        'vendorName',
        'nameConsistency',
      ],
      [{ mySecuMatricule: '20161234567', providerCodeChoice: 'existing' }, 400, 'existingProviderCode', 'providerCodeRequest'],
      [
        { mySecuMatricule: '1985133112345', providerCodeChoice: 'existing', existingProviderCode: '12345678' },
        400,
        'mySecuMatricule',
        'mySecuMatricule',
      ],
    ];
    for (const [overrides, status, path, rule] of refusals) {
      const response = await submitForm2(vendor, enrolmentId, overrides);
      expect([rule, response.status]).toEqual([rule, status]);
      expect(response.body.code).toBe(status === 422 ? 'FORM2_ELIGIBILITY_NOT_MET' : 'VALIDATION_FAILED');
      expect(response.body.errors?.map((e) => [e.path, e.rule])).toEqual([[path, rule]]);
    }
    const unsigned = await vendor.post<Problem>(`/api/enrolments/${enrolmentId}/form2`, {
      data: { ...(await import('./fixtures.js')).form2Data({ mySecuMatricule: '20161234567' }) },
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.errors.map((e) => e.path)).toContain('signedForm2AttachmentId');

    const accepted = await submitForm2(vendor, enrolmentId, {
      mySecuMatricule: '20161234567',
      providerCodeChoice: 'existing',
      existingProviderCode: '12345678',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('test_access_requested');
    const form2Checks = (accepted.body.eligibility as unknown as (Check & { stage: string })[]).filter(
      (c) => c.stage === 'form2',
    );
    expect(form2Checks.map((c) => [c.rule, c.outcome])).toEqual([
      ['providerCodeRequest', 'pass'],
      ['mySecuMatricule', 'pass'],
      ['eHealthAndMySecu', 'pass'],
      ['nameConsistency', 'pass'],
    ]);
  });

  it('should refuse Form 2 before the documentation was shared', async () => {
    const { vendor, enrolmentId } = await enrol(system, 'early-form2@example.lu', legalForm1({ ...ids() }));
    const response = await submitForm2(vendor, enrolmentId);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INVALID_TRANSITION');
    const seen = (await vendor.get<Case>(`/api/enrolments/${enrolmentId}`)).body;
    expect(seen.status).toBe('submitted');
  });
});
