import type { FileValueItem, SubmissionData, VendorData } from '../form-schema.types.js';

// Realistic complete submissions of the seed forms: used by the specs and the benchmark, and
// handy for other services' tests. Identifiers are format-valid samples, not real people.
export const sampleFile = (name: string, attachmentId: string): FileValueItem => ({
  name,
  size: 183_204,
  type: name.endsWith('.png') ? 'image/png' : 'application/pdf',
  storage: 'sons',
  url: `/api/attachments/${attachmentId}`,
  attachmentId,
  sha256: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
});

export const SAMPLE_VENDOR: VendorData = {
  name: 'Medisoft Luxembourg S.à r.l.',
  matricule: '1980010112345',
  providerCode: '12345678',
};

const form1Legal: SubmissionData = {
  personType: 'legal',
  companyName: 'Medisoft Luxembourg S.à r.l.',
  ceoFirstName: 'Claire',
  ceoLastName: 'Weber',
  matricule: '20081234567',
  countryOfEstablishment: 'LU',
  rcsNumber: 'B123456',
  vatNumber: 'LU26375245',
  addressStreet: '12, rue de la Gare',
  addressPostalCode: 'L-1611',
  addressCity: 'Luxembourg',
  email: 'contact@medisoft.lu',
  iban: 'LU28 0019 4006 4475 0000',
  vague1Participant: true,
  existingProviderCode: '12345678',
  integrationMode: 'econnector_ng',
  intendedSoftwareName: 'MediDoc',
  ndaFile: [sampleFile('nda-industriels-signe.pdf', 'att_nda_01')],
  declaration: true,
};

const form1Natural: SubmissionData = {
  personType: 'natural',
  firstName: 'Marc',
  lastName: 'Schmit',
  matricule: '1980010112345',
  countryOfEstablishment: 'FR',
  addressStreet: '3, place Saint-Louis',
  addressPostalCode: '57000',
  addressCity: 'Metz',
  email: 'marc.schmit@docpratic.fr',
  iban: 'FR1420041010050500013M02606',
  vague1Participant: false,
  integrationMode: 'econnector_ng',
  intendedSoftwareName: 'DocPratic',
  ndaFile: [sampleFile('nda.pdf', 'att_nda_02')],
  declaration: true,
};

const form2: SubmissionData = {
  vendorName: 'Medisoft Luxembourg S.à r.l.',
  providerCodeChoice: 'existing',
  existingProviderCode: '12345678',
  eHealthId: 'EHID-4711-0815',
  eHealthIdActive: true,
  mySecuActive: true,
  mySecuMatricule: '1980010112345',
  technicalContacts: [
    { name: 'Paul Muller', email: 'paul.muller@medisoft.lu', phone: '+352 621 123 456' },
    { name: 'Sara Costa', email: 'sara.costa@medisoft.lu', phone: '+352 691 654 321' },
  ],
  signedForm2: [sampleFile('formulaire-2-signe.pdf', 'att_f2_01')],
};

const form3: SubmissionData = {
  vendorName: 'Medisoft Luxembourg S.à r.l.',
  softwareName: 'MediDoc',
  softwareVersion: '4.2.0',
  integrationMode: 'econnector_ng',
  reclVersion: '1.3',
  evidence: [
    {
      requirementId: 'RECL-AUTH-01',
      result: 'pass',
      proofFiles: [sampleFile('auth-test.pdf', 'att_ev_01'), sampleFile('auth-screen.png', 'att_ev_02')],
    },
    { requirementId: 'RECL-PID-07', result: 'not_applicable', justification: 'Le logiciel ne gère pas les dentistes.' },
  ],
  declaration: true,
};

const providers = [
  { providerCode: '87654321', doctorName: 'Dr Anne Klein', transactionReference: 'MH-2025-000123' },
  { providerCode: '11223344', doctorName: 'Dr Luc Wagner', transactionReference: 'PID-2025-004567' },
];

const form4Base = {
  vendorName: 'Medisoft Luxembourg S.à r.l.',
  softwareName: 'MediDoc',
  softwareVersion: '4.2.0',
  deliveryNoteFile: [sampleFile('bon-de-livraison.pdf', 'att_bl_01')],
};

const collective = (deliveryNoteType: string, siteName: string, validatorRole: string): SubmissionData => ({
  ...form4Base,
  deliveryNoteType,
  sites: [
    { siteName, workstationCount: 6 },
    { siteName: `${siteName} — annexe`, workstationCount: 2 },
  ],
  providers,
  validatorName: 'Jeanne Hoffmann',
  validatorRole,
});

export const SEED_SAMPLES = {
  form1Legal,
  form1Natural,
  form2,
  form3,
  form4Individual: { ...form4Base, deliveryNoteType: 'individual', providers: providers.slice(0, 1) },
  form4MedicalHouse: collective('medical_house', 'Maison médicale d’Esch', 'Gestionnaire de la maison médicale'),
  form4FlexibleCentre: collective('flexible_centre', 'Centre médical flexible Kirchberg', 'Responsable du centre'),
  form4Hospital: collective('hospital', 'Hôpital du Nord — site Ettelbruck', 'Responsable désigné de l’hôpital'),
} as const satisfies Record<string, SubmissionData>;
