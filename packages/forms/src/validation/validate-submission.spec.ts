import type { FormSchema, SubmissionData } from '../form-schema.types.js';
import { SEED_FORMS } from '../seeds/seed-forms.js';
import type { FormKey } from '../seeds/seed-form.types.js';
import { SAMPLE_VENDOR, SEED_SAMPLES, sampleFile } from '../seeds/seed-samples.js';
import { SchemaLintError } from './compile-form.js';
import { validateSubmission, type ValidationResult } from './validate-submission.js';

type Row = Record<string, unknown>;
const rows = (data: SubmissionData, key: string): Row[] => structuredClone(data[key]) as Row[];
const withRow = (data: SubmissionData, key: string, index: number, patch: Row): SubmissionData => {
  const list = rows(data, key);
  list[index] = { ...list[index], ...patch };
  return { ...data, [key]: list };
};

function errorsOf(result: ValidationResult) {
  if (result.ok) throw new Error('expected the submission to be refused');
  return result.errors;
}

describe('validateSubmission', () => {
  describe('complete submissions', () => {
    it.each([
      ['form1', 'form1Legal'],
      ['form1', 'form1Natural'],
      ['form2', 'form2'],
      ['form3', 'form3'],
      ['form4', 'form4Individual'],
      ['form4', 'form4MedicalHouse'],
      ['form4', 'form4FlexibleCentre'],
      ['form4', 'form4Hospital'],
    ] as const)('should accept the %s sample %s when it is complete', (formKey, sampleKey) => {
      const sample = SEED_SAMPLES[sampleKey];
      const result = validateSubmission(SEED_FORMS[formKey], sample, { locale: 'fr' });
      expect(result).toEqual({ ok: true, data: sample });
    });

    it('should strip keys the schema does not know when the submission carries extra data', () => {
      const result = validateSubmission(SEED_FORMS.form3, { ...SEED_SAMPLES.form3, isAdmin: true, submit: true });
      expect(result).toEqual({ ok: true, data: SEED_SAMPLES.form3 });
    });

    it('should leave the caller data untouched when fields are hidden and cleared', () => {
      const input = { ...SEED_SAMPLES.form1Natural, companyName: 'Ghost SARL' };
      const snapshot = structuredClone(input);
      validateSubmission(SEED_FORMS.form1, input);
      expect(input).toEqual(snapshot);
    });

    it('should accept a raw schema without i18n when no definition wrapper is given', () => {
      expect(validateSubmission(SEED_FORMS.form2.schema, SEED_SAMPLES.form2).ok).toBe(true);
    });
  });

  type RuleCase = { form: FormKey; name: string; data: SubmissionData; path: string; rule: string };
  const f1 = SEED_SAMPLES.form1Legal;
  const f1n = SEED_SAMPLES.form1Natural;
  const f2 = SEED_SAMPLES.form2;
  const f3 = SEED_SAMPLES.form3;
  const f4 = SEED_SAMPLES.form4Hospital;
  const f4i = SEED_SAMPLES.form4Individual;
  const pdf = sampleFile('doc.pdf', 'att_x');

  const cases: RuleCase[] = [
    // Form 1 — enrolment
    {
      form: 'form1',
      name: 'the person type is missing',
      data: { ...f1, personType: undefined },
      path: 'personType',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'the person type is not an option',
      data: { ...f1, personType: 'company' },
      path: 'personType',
      rule: 'choice',
    },
    {
      form: 'form1',
      name: 'a legal person has no company name',
      data: { ...f1, companyName: '' },
      path: 'companyName',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'a legal person has no CEO first name',
      data: { ...f1, ceoFirstName: undefined },
      path: 'ceoFirstName',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'a legal person has no CEO last name',
      data: { ...f1, ceoLastName: '' },
      path: 'ceoLastName',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'a natural person has no first name',
      data: { ...f1n, firstName: '' },
      path: 'firstName',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'a natural person has no last name',
      data: { ...f1n, lastName: undefined },
      path: 'lastName',
      rule: 'required',
    },
    { form: 'form1', name: 'the matricule is missing', data: { ...f1, matricule: '' }, path: 'matricule', rule: 'required' },
    {
      form: 'form1',
      name: 'a legal person gives a natural person matricule',
      data: { ...f1, matricule: '1980010112345' },
      path: 'matricule',
      rule: 'luMatricule',
    },
    {
      form: 'form1',
      name: 'a natural person matricule has an impossible birth date',
      data: { ...f1n, matricule: '1980023012345' },
      path: 'matricule',
      rule: 'luMatricule',
    },
    {
      form: 'form1',
      name: 'a Luxembourg company gives no RCS number',
      data: { ...f1, rcsNumber: undefined },
      path: 'rcsNumber',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'the RCS number has no section letter',
      data: { ...f1, rcsNumber: '123456' },
      path: 'rcsNumber',
      rule: 'rcs',
    },
    {
      form: 'form1',
      name: 'a legal person gives no VAT number',
      data: { ...f1, vatNumber: '' },
      path: 'vatNumber',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'the VAT check digits are wrong',
      data: { ...f1, vatNumber: 'LU26375246' },
      path: 'vatNumber',
      rule: 'euVat',
    },
    {
      form: 'form1',
      name: 'the VAT number belongs to another country than the establishment',
      data: { ...f1, vatNumber: 'FR40303265045' },
      path: 'vatNumber',
      rule: 'euVat',
    },
    {
      form: 'form1',
      name: 'the country of establishment is missing',
      data: { ...f1n, countryOfEstablishment: '' },
      path: 'countryOfEstablishment',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'the country of establishment is not offered',
      data: { ...f1n, countryOfEstablishment: 'ZZ' },
      path: 'countryOfEstablishment',
      rule: 'choice',
    },
    { form: 'form1', name: 'the street is missing', data: { ...f1, addressStreet: '' }, path: 'addressStreet', rule: 'required' },
    {
      form: 'form1',
      name: 'the postal code is too long',
      data: { ...f1, addressPostalCode: 'L-1611-LUXEMBOURG' },
      path: 'addressPostalCode',
      rule: 'maxLength',
    },
    {
      form: 'form1',
      name: 'the city is missing',
      data: { ...f1, addressCity: undefined },
      path: 'addressCity',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'the e-mail is malformed',
      data: { ...f1, email: 'contact-at-medisoft.lu' },
      path: 'email',
      rule: 'email',
    },
    { form: 'form1', name: 'the e-mail is missing', data: { ...f1n, email: '' }, path: 'email', rule: 'required' },
    {
      form: 'form1',
      name: 'the IBAN checksum is wrong',
      data: { ...f1, iban: 'LU29 0019 4006 4475 0000' },
      path: 'iban',
      rule: 'iban',
    },
    { form: 'form1', name: 'the IBAN is missing', data: { ...f1n, iban: '' }, path: 'iban', rule: 'required' },
    {
      form: 'form1',
      name: 'a Vague 1 participant gives no provider code',
      data: { ...f1, existingProviderCode: '' },
      path: 'existingProviderCode',
      rule: 'required',
    },
    {
      form: 'form1',
      name: 'the existing provider code is not 8 digits',
      data: { ...f1, existingProviderCode: '1234' },
      path: 'existingProviderCode',
      rule: 'providerCode',
    },
    {
      form: 'form1',
      name: 'the integration mode is not offered',
      data: { ...f1, integrationMode: 'ftp' },
      path: 'integrationMode',
      rule: 'choice',
    },
    {
      form: 'form1',
      name: 'the software name is missing',
      data: { ...f1, intendedSoftwareName: '' },
      path: 'intendedSoftwareName',
      rule: 'required',
    },
    { form: 'form1', name: 'the NDA is missing', data: { ...f1, ndaFile: undefined }, path: 'ndaFile', rule: 'required' },
    { form: 'form1', name: 'the NDA list is empty', data: { ...f1, ndaFile: [] }, path: 'ndaFile', rule: 'required' },
    {
      form: 'form1',
      name: 'two NDA files are sent to a single-file field',
      data: { ...f1, ndaFile: [pdf, pdf] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the NDA was stored elsewhere',
      data: { ...f1, ndaFile: [{ ...pdf, storage: 'base64' }] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the NDA has no digest',
      data: { ...f1, ndaFile: [{ ...pdf, sha256: 'abc' }] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the NDA carries inline content',
      data: { ...f1, ndaFile: [{ ...pdf, url: 'data:application/pdf;base64,AAAA' }] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the NDA has an unexpected property',
      data: { ...f1, ndaFile: [{ ...pdf, data: 'AAAA' }] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the NDA is not a PDF',
      data: { ...f1, ndaFile: [{ ...pdf, name: 'nda.exe', type: 'application/octet-stream' }] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the NDA is larger than allowed',
      data: { ...f1, ndaFile: [{ ...pdf, size: 21 * 1024 * 1024 }] },
      path: 'ndaFile',
      rule: 'file',
    },
    {
      form: 'form1',
      name: 'the declaration is not ticked',
      data: { ...f1, declaration: false },
      path: 'declaration',
      rule: 'required',
    },
    // Form 2 — test environment access
    { form: 'form2', name: 'the vendor name is missing', data: { ...f2, vendorName: '' }, path: 'vendorName', rule: 'required' },
    {
      form: 'form2',
      name: 'no provider code choice is made',
      data: { ...f2, providerCodeChoice: undefined },
      path: 'providerCodeChoice',
      rule: 'required',
    },
    {
      form: 'form2',
      name: 'the provider code choice is not offered',
      data: { ...f2, providerCodeChoice: 'maybe' },
      path: 'providerCodeChoice',
      rule: 'choice',
    },
    {
      form: 'form2',
      name: 'an existing provider code is announced but not given',
      data: { ...f2, existingProviderCode: '' },
      path: 'existingProviderCode',
      rule: 'required',
    },
    {
      form: 'form2',
      name: 'the existing provider code is malformed',
      data: { ...f2, existingProviderCode: '123456-78' },
      path: 'existingProviderCode',
      rule: 'providerCode',
    },
    { form: 'form2', name: 'the eHealth ID is missing', data: { ...f2, eHealthId: '' }, path: 'eHealthId', rule: 'required' },
    {
      form: 'form2',
      name: 'the eHealth ID flag is a string',
      data: { ...f2, eHealthIdActive: 'yes' },
      path: 'eHealthIdActive',
      rule: 'type',
    },
    {
      form: 'form2',
      name: 'the MySecu matricule is malformed',
      data: { ...f2, mySecuMatricule: '12345' },
      path: 'mySecuMatricule',
      rule: 'luMatricule',
    },
    {
      form: 'form2',
      name: 'no technical contact is given',
      data: { ...f2, technicalContacts: [] },
      path: 'technicalContacts',
      rule: 'required',
    },
    {
      form: 'form2',
      name: 'the second contact e-mail is malformed',
      data: withRow(f2, 'technicalContacts', 1, { email: 'sara@' }),
      path: 'technicalContacts[1].email',
      rule: 'email',
    },
    {
      form: 'form2',
      name: 'the first contact has no phone',
      data: withRow(f2, 'technicalContacts', 0, { phone: '' }),
      path: 'technicalContacts[0].phone',
      rule: 'required',
    },
    {
      form: 'form2',
      name: 'more than five contacts are given',
      data: { ...f2, technicalContacts: Array.from({ length: 6 }, () => rows(f2, 'technicalContacts')[0]) },
      path: 'technicalContacts',
      rule: 'maxRows',
    },
    {
      form: 'form2',
      name: 'the signed form is missing',
      data: { ...f2, signedForm2: [] },
      path: 'signedForm2',
      rule: 'required',
    },
    // Form 3 — labelling start
    {
      form: 'form3',
      name: 'the software name is missing',
      data: { ...f3, softwareName: '' },
      path: 'softwareName',
      rule: 'required',
    },
    {
      form: 'form3',
      name: 'the software version is too long',
      data: { ...f3, softwareVersion: 'v'.repeat(51) },
      path: 'softwareVersion',
      rule: 'maxLength',
    },
    {
      form: 'form3',
      name: 'the integration mode is missing',
      data: { ...f3, integrationMode: undefined },
      path: 'integrationMode',
      rule: 'required',
    },
    {
      form: 'form3',
      name: 'the RECL version is missing',
      data: { ...f3, reclVersion: '' },
      path: 'reclVersion',
      rule: 'required',
    },
    { form: 'form3', name: 'no evidence is given', data: { ...f3, evidence: [] }, path: 'evidence', rule: 'required' },
    {
      form: 'form3',
      name: 'an evidence row has no requirement',
      data: withRow(f3, 'evidence', 0, { requirementId: '' }),
      path: 'evidence[0].requirementId',
      rule: 'required',
    },
    {
      form: 'form3',
      name: 'an evidence result is not offered',
      data: withRow(f3, 'evidence', 0, { result: 'ok' }),
      path: 'evidence[0].result',
      rule: 'choice',
    },
    {
      form: 'form3',
      name: 'a passed requirement has no proof',
      data: withRow(f3, 'evidence', 0, { proofFiles: [] }),
      path: 'evidence[0].proofFiles',
      rule: 'required',
    },
    {
      form: 'form3',
      name: 'a non-applicable requirement has no justification',
      data: withRow(f3, 'evidence', 1, { justification: '' }),
      path: 'evidence[1].justification',
      rule: 'required',
    },
    {
      form: 'form3',
      name: 'a proof file has a forbidden type',
      data: withRow(f3, 'evidence', 0, { proofFiles: [{ ...pdf, name: 'run.exe', type: 'application/x-msdownload' }] }),
      path: 'evidence[0].proofFiles',
      rule: 'file',
    },
    {
      form: 'form3',
      name: 'the declaration is not ticked',
      data: { ...f3, declaration: false },
      path: 'declaration',
      rule: 'required',
    },
    // Form 4 — connection request
    {
      form: 'form4',
      name: 'the delivery note type is missing',
      data: { ...f4, deliveryNoteType: '' },
      path: 'deliveryNoteType',
      rule: 'required',
    },
    {
      form: 'form4',
      name: 'the delivery note type is not offered',
      data: { ...f4, deliveryNoteType: 'pharmacy' },
      path: 'deliveryNoteType',
      rule: 'choice',
    },
    {
      form: 'form4',
      name: 'the software version is missing',
      data: { ...f4i, softwareVersion: '' },
      path: 'softwareVersion',
      rule: 'required',
    },
    { form: 'form4', name: 'a hospital lists no site', data: { ...f4, sites: [] }, path: 'sites', rule: 'required' },
    {
      form: 'form4',
      name: 'a site has no name',
      data: withRow(f4, 'sites', 1, { siteName: '' }),
      path: 'sites[1].siteName',
      rule: 'required',
    },
    {
      form: 'form4',
      name: 'a site has no workstation',
      data: withRow(f4, 'sites', 0, { workstationCount: 0 }),
      path: 'sites[0].workstationCount',
      rule: 'min',
    },
    {
      form: 'form4',
      name: 'a workstation count has decimals',
      data: withRow(f4, 'sites', 0, { workstationCount: 2.5 }),
      path: 'sites[0].workstationCount',
      rule: 'type',
    },
    { form: 'form4', name: 'no doctor is listed', data: { ...f4i, providers: [] }, path: 'providers', rule: 'required' },
    {
      form: 'form4',
      name: 'a doctor provider code is malformed',
      data: withRow(f4, 'providers', 1, { providerCode: '1122334' }),
      path: 'providers[1].providerCode',
      rule: 'providerCode',
    },
    {
      form: 'form4',
      name: 'a doctor has no check transaction',
      data: withRow(f4, 'providers', 1, { transactionReference: '' }),
      path: 'providers[1].transactionReference',
      rule: 'required',
    },
    {
      form: 'form4',
      name: 'a collective gives no validating manager',
      data: { ...SEED_SAMPLES.form4MedicalHouse, validatorName: '' },
      path: 'validatorName',
      rule: 'required',
    },
    {
      form: 'form4',
      name: 'a collective gives no manager role',
      data: { ...SEED_SAMPLES.form4FlexibleCentre, validatorRole: undefined },
      path: 'validatorRole',
      rule: 'required',
    },
    {
      form: 'form4',
      name: 'the delivery note is missing',
      data: { ...f4i, deliveryNoteFile: undefined },
      path: 'deliveryNoteFile',
      rule: 'required',
    },
  ];

  it.each(cases)('should report exactly $rule at $path when $name ($form)', ({ form, data, path, rule }) => {
    const errors = errorsOf(validateSubmission(SEED_FORMS[form], data, { locale: 'fr' }));
    expect(errors).toEqual([expect.objectContaining({ path, rule })]);
  });

  describe('conditional fields', () => {
    it('should clear company fields when the vendor is a natural person', () => {
      const result = validateSubmission(SEED_FORMS.form1, {
        ...f1n,
        companyName: 'Ghost SARL',
        rcsNumber: 'B1',
        vatNumber: 'not checked',
      });
      expect(result).toEqual({ ok: true, data: f1n });
    });

    it('should not require an RCS number when the company is established outside Luxembourg', () => {
      const foreign = { ...f1, countryOfEstablishment: 'BE', vatNumber: 'BE0403170701', rcsNumber: undefined };
      const result = validateSubmission(SEED_FORMS.form1, foreign);
      expect(result.ok).toBe(true);
      expect(result.ok && 'rcsNumber' in result.data).toBe(false);
    });

    it('should clear the existing provider code when the vendor did not take part in Vague 1', () => {
      const result = validateSubmission(SEED_FORMS.form1, { ...f1, vague1Participant: false, existingProviderCode: 'garbage' });
      expect(result.ok).toBe(true);
      expect(result.ok && result.data.existingProviderCode).toBeUndefined();
    });

    it('should clear sites and manager when the delivery note is individual', () => {
      const result = validateSubmission(SEED_FORMS.form4, {
        ...f4i,
        sites: [{ siteName: 'X', workstationCount: 1 }],
        validatorName: 'A',
        validatorRole: 'B',
      });
      expect(result).toEqual({ ok: true, data: f4i });
    });

    it('should clear proof files inside a grid row when the requirement is not applicable', () => {
      const data = withRow(f3, 'evidence', 1, { proofFiles: [pdf] });
      const result = validateSubmission(SEED_FORMS.form3, data);
      expect(result).toEqual({ ok: true, data: f3 });
    });

    it('should not judge the type of a hidden field when its value is cleared anyway', () => {
      const result = validateSubmission(SEED_FORMS.form1, { ...f1n, companyName: { injected: true } });
      expect(result).toEqual({ ok: true, data: f1n });
    });
  });

  describe('strict type checks', () => {
    it.each([
      ['a number is sent for a text field', 'form1', { ...f1, companyName: 42 }, 'companyName', 'type'],
      ['an object is sent for a text field', 'form1', { ...f1, email: { $ne: '' } }, 'email', 'type'],
      ['a string is sent for a checkbox', 'form1', { ...f1, declaration: 'true' }, 'declaration', 'type'],
      ['an array is sent for a radio', 'form1', { ...f1, personType: ['legal', 'natural'] }, 'personType', 'type'],
      ['a number is sent for a select', 'form1', { ...f1n, countryOfEstablishment: 352 }, 'countryOfEstablishment', 'type'],
      [
        'a string is sent for a number',
        'form4',
        withRow(f4, 'sites', 0, { workstationCount: '6' }),
        'sites[0].workstationCount',
        'type',
      ],
      ['a string is sent for a grid', 'form4', { ...f4, sites: 'all of them' }, 'sites', 'type'],
      ['an object is sent for a grid', 'form4', { ...f4, providers: { 0: {} } }, 'providers', 'type'],
      [
        'a grid row is not an object',
        'form4',
        { ...f4, providers: [rows(f4, 'providers')[0], 'Dr Who'] },
        'providers[1]',
        'type',
      ],
      ['a string is sent for a file field', 'form1', { ...f1, ndaFile: 'nda.pdf' }, 'ndaFile', 'type'],
      [
        'a number is sent inside a grid text field',
        'form2',
        withRow(f2, 'technicalContacts', 0, { name: 7 }),
        'technicalContacts[0].name',
        'type',
      ],
    ] as const)('should report a type error when %s', (_name, form, data, path, rule) => {
      const errors = errorsOf(validateSubmission(SEED_FORMS[form], data));
      expect(errors).toEqual([expect.objectContaining({ path, rule })]);
    });

    it('should check each value of a multiple field when the field takes a list', () => {
      const schema: FormSchema = {
        display: 'form',
        components: [
          { type: 'textfield', key: 'aliases', label: 'Alias', input: true, multiple: true, properties: { validator: 'rcs' } },
        ],
      };
      expect(validateSubmission(schema, { aliases: ['B123', 'F45'] })).toEqual({ ok: true, data: { aliases: ['B123', 'F45'] } });
      expect(errorsOf(validateSubmission(schema, { aliases: 'B123' }))).toEqual([
        expect.objectContaining({ path: 'aliases', rule: 'type' }),
      ]);
      expect(errorsOf(validateSubmission(schema, { aliases: ['B123', 7] }))).toEqual([
        expect.objectContaining({ path: 'aliases', rule: 'type' }),
      ]);
      expect(errorsOf(validateSubmission(schema, { aliases: ['B123', 'Q1'] }))).toEqual([
        expect.objectContaining({ path: 'aliases', rule: 'rcs' }),
      ]);
    });

    it('should refuse the whole submission when the data is not an object', () => {
      for (const data of [null, 'form', [SEED_SAMPLES.form2], 42]) {
        expect(errorsOf(validateSubmission(SEED_FORMS.form2, data))).toEqual([
          expect.objectContaining({ path: '', rule: 'type' }),
        ]);
      }
    });
  });

  describe('messages', () => {
    const broken = { ...f1, iban: 'LU29 0019 4006 4475 0000', declaration: undefined };

    it('should name the French label, the rule and the fix when the locale is fr', () => {
      const [iban, declaration] = errorsOf(validateSubmission(SEED_FORMS.form1, broken, { locale: 'fr' }));
      expect(iban).toEqual({
        path: 'iban',
        key: 'iban',
        label: 'IBAN du compte à créditer',
        rule: 'iban',
        message: expect.stringContaining('« IBAN du compte à créditer » : la clé de contrôle'),
      });
      expect(iban?.message).toContain('vérifiez');
      expect(declaration?.message).toContain('doit être coché');
    });

    it('should use the English label and message when the locale is en', () => {
      const [iban] = errorsOf(validateSubmission(SEED_FORMS.form1, broken, { locale: 'en' }));
      expect(iban?.label).toBe('IBAN of the account to be paid');
      expect(iban?.message).toBe(
        '"IBAN of the account to be paid": the IBAN\'s check digits are wrong: check every character against your bank details.',
      );
    });

    it('should name the grid and the row when the error is inside a datagrid', () => {
      const data = withRow(f4, 'providers', 1, { transactionReference: '' });
      const [fr] = errorsOf(validateSubmission(SEED_FORMS.form4, data, { locale: 'fr' }));
      const [en] = errorsOf(validateSubmission(SEED_FORMS.form4, data, { locale: 'en' }));
      expect(fr?.message).toBe(
        '« Référence de la transaction de contrôle » (Médecins raccordés, ligne 2) est obligatoire : renseignez ce champ.',
      );
      expect(en?.message).toBe(
        '"Reference of the check transaction" (Connected doctors, row 2) is required: fill in this field.',
      );
    });

    it('should list errors in form order with rows in order when several fields fail', () => {
      const data = {
        ...withRow(withRow(f4, 'providers', 1, { providerCode: 'x' }), 'providers', 0, { doctorName: '' }),
        deliveryNoteFile: [],
      };
      const paths = errorsOf(validateSubmission(SEED_FORMS.form4, data)).map((error) => error.path);
      expect(paths).toEqual(['providers[0].doctorName', 'providers[1].providerCode', 'deliveryNoteFile']);
    });
  });

  describe('read-only enrolment data', () => {
    it('should refuse a changed vendor name when the enrolled vendor is given', () => {
      const errors = errorsOf(
        validateSubmission(SEED_FORMS.form4, { ...f4i, vendorName: 'Other Vendor SA' }, { vendor: SAMPLE_VENDOR }),
      );
      expect(errors).toEqual([expect.objectContaining({ path: 'vendorName', rule: 'readOnly' })]);
    });

    it('should accept the enrolled vendor name when it is unchanged', () => {
      expect(validateSubmission(SEED_FORMS.form4, f4i, { vendor: SAMPLE_VENDOR }).ok).toBe(true);
    });

    it('should let an editable prefilled field differ when it is not read-only', () => {
      const result = validateSubmission(SEED_FORMS.form2, { ...f2, mySecuMatricule: '1975123112345' }, { vendor: SAMPLE_VENDOR });
      expect(result.ok).toBe(true);
    });
  });

  describe('schemas that fail the draft-save check', () => {
    it('should refuse to run a schema when it carries JavaScript', () => {
      const schema: FormSchema = {
        display: 'form',
        components: [{ type: 'textfield', key: 'a', label: 'A', input: true, validate: { custom: 'valid = true;' } }],
      };
      expect(() => validateSubmission(schema, { a: 'x' })).toThrow(SchemaLintError);
    });
  });
});
