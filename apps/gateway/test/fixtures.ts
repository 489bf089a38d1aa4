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
