import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { VendorDto } from '@sons/contracts';
import {
  DEFAULT_SIGNATORIES,
  labelAttestationData,
  serviceAgreementData,
  testSuccessAttestationData,
} from './attestation-data.js';

// The data sent to the documents worker must match each template's JSON Schema (the worker refuses it otherwise).
const templates = resolve(import.meta.dirname, '..', '..', '..', 'documents', 'templates');
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormatsModule as unknown as { default: (a: Ajv2020) => void }).default(ajv);
const validatorOf = (key: string) => ajv.compile(JSON.parse(readFileSync(join(templates, key, 'schema.json'), 'utf8')) as object);

const vendor = (overrides: Partial<VendorDto> = {}): VendorDto => ({
  vendorId: '4b0c3c52-8f0e-4a59-9d7e-7d0d9d1f0a11',
  personType: 'legal',
  name: 'MediSoft Luxembourg S.à r.l.',
  companyName: 'MediSoft Luxembourg S.à r.l.',
  ceoFirstName: 'Claire',
  ceoLastName: 'Weber',
  firstName: null,
  lastName: null,
  matricule: '20181234567',
  rcsNumber: 'B123456',
  vatNumber: 'LU26375245',
  iban: 'LU280019400644750000',
  email: 'contact@medisoft.lu',
  countryOfEstablishment: 'LU',
  address: null,
  addressStreet: '15, rue Edward Steichen',
  addressPostalCode: 'L-2540',
  addressCity: 'Luxembourg',
  identityVersion: 1,
  validFrom: '2026-01-05T10:00:00.000Z',
  validTo: null,
  locale: 'fr',
  vague1Participant: false,
  providerCode: '90412877',
  integrationMode: 'econnector_ng',
  enrolmentId: null,
  ...overrides,
});

const facts = {
  softwareName: 'MediDoc',
  version: '4.2.0',
  reclVersion: '1.3',
  caseReference: 'LAB-2026-1A2B3C4D',
  locale: 'fr' as const,
};

describe('attestation data', () => {
  it('should match the test-success-attestation schema for a legal person with a full address', () => {
    const validate = validatorOf('test-success-attestation');
    const data = testSuccessAttestationData({
      ...facts,
      vendor: vendor(),
      integrationMode: 'econnector_ng',
      testsPassedOn: '2026-03-02',
      issuedOn: '2026-03-02',
      signatories: DEFAULT_SIGNATORIES,
    });
    expect(validate(data) ? [] : validate.errors).toEqual([]);
    expect(data).toMatchObject({
      vendor: { name: 'MediSoft Luxembourg S.à r.l.', rcs: 'B123456', providerCode: '90412877' },
      software: { name: 'MediDoc', version: '4.2.0' },
    });
  });

  it('should match the schemas for a natural person without address, RCS or provider code', () => {
    const natural = vendor({
      personType: 'natural',
      name: 'Marc Schmit',
      companyName: null,
      ceoFirstName: null,
      ceoLastName: null,
      rcsNumber: null,
      vatNumber: null,
      addressStreet: null,
      addressPostalCode: null,
      addressCity: null,
      providerCode: null,
      countryOfEstablishment: 'DE',
    });
    const test = testSuccessAttestationData({
      ...facts,
      locale: 'en',
      vendor: natural,
      integrationMode: 'direct_access',
      testsPassedOn: '2026-03-02',
      issuedOn: '2026-03-02',
      signatories: DEFAULT_SIGNATORIES,
    });
    const agreement = serviceAgreementData({
      ...facts,
      vendor: natural,
      agency: DEFAULT_SIGNATORIES.aes,
      testAttestationReference: null,
      sentOn: '2026-03-03',
    });
    const label = labelAttestationData({
      ...facts,
      vendor: natural,
      labelNumber: 'SONS-V2-LBL-1A2B3C4D',
      grantedOn: '2026-03-10',
      agreementSignedOn: '2026-03-09',
      testAttestationReference: 'ATT-1',
      issuedOn: '2026-03-10',
      signatories: DEFAULT_SIGNATORIES,
    });
    for (const [key, data] of [
      ['test-success-attestation', test],
      ['service-agreement', agreement],
      ['label-attestation', label],
    ] as const) {
      const validate = validatorOf(key);
      expect(validate(data) ? [] : validate.errors).toEqual([]);
    }
    expect((test.vendor as { address: { country: string } }).address.country).toBe('Germany');
  });

  it('should match the service-agreement and label-attestation schemas with every optional field', () => {
    const agreement = serviceAgreementData({
      ...facts,
      vendor: vendor(),
      agency: DEFAULT_SIGNATORIES.aes,
      testAttestationReference: 'ATT-TST-1',
      sentOn: '2026-03-03',
      signBefore: '2026-04-03',
    });
    const label = labelAttestationData({
      ...facts,
      vendor: vendor(),
      labelNumber: 'SONS-V2-LBL-1A2B3C4D',
      grantedOn: '2026-03-10',
      agreementSignedOn: '2026-03-09',
      testAttestationReference: 'ATT-TST-1',
      registryUrl: 'http://127.0.0.1:3000/registry',
      issuedOn: '2026-03-10',
      signatories: DEFAULT_SIGNATORIES,
    });
    const a = validatorOf('service-agreement');
    const l = validatorOf('label-attestation');
    expect(a(agreement) ? [] : a.errors).toEqual([]);
    expect(l(label) ? [] : l.errors).toEqual([]);
    expect(agreement).toMatchObject({ vendor: { vatNumber: 'LU26375245', representative: { name: 'Claire Weber' } } });
  });
});
