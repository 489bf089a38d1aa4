// Realistic Form 1 payloads (fictitious people and companies; IBAN and VAT numbers with valid check digits).
export const legalForm1 = (overrides: Record<string, unknown> = {}) => ({
  personType: 'legal',
  companyName: 'MediSoft Luxembourg S.à r.l.',
  ceoFirstName: 'Claire',
  ceoLastName: 'Weber',
  matricule: '20181234567',
  rcsNumber: 'B123456',
  vatNumber: 'LU26375245',
  iban: 'LU28 0019 4006 4475 0000',
  email: 'contact@medisoft.lu',
  countryOfEstablishment: 'LU',
  vague1Participant: false,
  integrationMode: 'econnector_ng',
  intendedSoftwareName: 'MediDesk',
  declaration: true,
  ...overrides,
});

export const naturalForm1 = (overrides: Record<string, unknown> = {}) => ({
  personType: 'natural',
  firstName: 'Marc',
  lastName: 'Schmit',
  matricule: '1985061512345',
  iban: 'DE89 3704 0044 0532 0130 00',
  email: 'marc.schmit@example.lu',
  countryOfEstablishment: 'DE',
  declaration: true,
  ...overrides,
});

// Phase 1 (enrolment-*.test.ts): Form 2 and the test environment INCERT records (fictitious values).
export const form2Data = (overrides: Record<string, unknown> = {}) => ({
  vendorName: 'MediSoft Luxembourg S.à r.l.',
  providerCodeChoice: 'request',
  eHealthId: 'EHID-4711-0815',
  eHealthIdActive: true,
  mySecuActive: true,
  mySecuMatricule: '20181234567',
  technicalContacts: [{ name: 'Paul Muller', email: 'paul.muller@medisoft.lu', phone: '+352 621 123 456' }],
  ...overrides,
});

export const testEnvironment = (overrides: Record<string, unknown> = {}) => ({
  environmentUrl: 'https://econnector-test.esante.example/ws',
  configuration: { eConnectorProfile: 'test-ng-2025', certificateAlias: 'sons-test-medisoft' },
  credentials: { username: 'medisoft-test', password: 'Test-Env-Secret-4711' },
  notes: 'Fenêtre de maintenance le mardi 18h–20h.',
  ...overrides,
});

// A small valid PDF whose bytes differ per label.
export const pdfBytes = (label: string) =>
  new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
