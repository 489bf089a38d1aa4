import type { Locale, VendorDto } from '@sons/contracts';
import { COUNTRIES } from '@sons/forms';
import type { Signatories } from '../config.js';

// Data of the documents worker's templates (apps/documents/templates/<key>/schema.json). Built from the vendor's
// identity (enrolment service) and the case; every optional field is left out unless it matches its pattern.

export const DEFAULT_SIGNATORIES: Signatories = {
  ciss: { name: 'Centre informatique de la sécurité sociale', role: 'Pour le CISS' },
  aes: { name: 'Agence eSanté', role: 'Pour l’Agence eSanté' },
  cns: { name: 'Caisse nationale de santé', role: 'Pour la CNS' },
  incert: { name: 'INCERT GIE', role: 'Pour INCERT' },
};

const TESTED_SERVICES: Record<'econnector_ng' | 'direct_access', Record<Locale, string[]>> = {
  econnector_ng: {
    fr: [
      'Intégration de l’eConnector NG',
      'Identification et authentification eSanté',
      'Remboursement (mémoires d’honoraires)',
      'PID v2 (paiement immédiat direct)',
    ],
    en: [
      'eConnector NG integration',
      'eSanté identification and authentication',
      'Remboursement (mémoires d’honoraires)',
      'PID v2 (paiement immédiat direct)',
    ],
  },
  direct_access: {
    fr: [
      'Accès direct (participant « Vague 1 »)',
      'Identification et authentification eSanté',
      'Remboursement (mémoires d’honoraires)',
      'PID v2 (paiement immédiat direct)',
    ],
    en: [
      'Direct access (« Vague 1 » participant)',
      'eSanté identification and authentication',
      'Remboursement (mémoires d’honoraires)',
      'PID v2 (paiement immédiat direct)',
    ],
  },
};

const filled = (value: string | null | undefined): string => (value && /\S/.test(value) ? value.trim().slice(0, 200) : '—');
const matching = (value: string | null | undefined, pattern: RegExp): string | undefined => {
  const v = value?.replace(/[\s.-]/g, '').toUpperCase();
  return v && pattern.test(v) ? v : undefined;
};

export function vendorAddress(vendor: VendorDto, locale: Locale) {
  const country = COUNTRIES.find((c) => c.code === vendor.countryOfEstablishment);
  return {
    street: filled(vendor.addressStreet ?? vendor.address),
    postalCode: filled(vendor.addressPostalCode),
    city: filled(vendor.addressCity),
    country: filled(country ? country[locale] : vendor.countryOfEstablishment),
  };
}

const rcsOf = (vendor: VendorDto) => matching(vendor.rcsNumber, /^[A-Z][0-9]{1,7}$/);

export function vendorRepresentative(vendor: VendorDto, locale: Locale): { name: string; role: string } {
  if (vendor.personType === 'legal' && (vendor.ceoFirstName || vendor.ceoLastName)) {
    return {
      name: filled(`${vendor.ceoFirstName ?? ''} ${vendor.ceoLastName ?? ''}`),
      role: locale === 'en' ? 'Legal representative' : 'Représentant légal',
    };
  }
  return { name: filled(vendor.name), role: locale === 'en' ? 'Vendor (natural person)' : 'Industriel (personne physique)' };
}

export type CaseFacts = {
  vendor: VendorDto;
  softwareName: string;
  version: string;
  reclVersion: string;
  caseReference: string;
  locale: Locale;
};

export function testSuccessAttestationData(
  facts: CaseFacts & {
    integrationMode: 'econnector_ng' | 'direct_access';
    testsPassedOn: string;
    issuedOn: string;
    signatories: Signatories;
  },
): Record<string, unknown> {
  const { vendor, locale } = facts;
  const providerCode = matching(vendor.providerCode, /^[0-9A-Z]{4,12}$/);
  const rcs = rcsOf(vendor);
  return {
    vendor: {
      name: vendor.name,
      address: vendorAddress(vendor, locale),
      ...(rcs ? { rcs } : {}),
      ...(providerCode ? { providerCode } : {}),
    },
    software: { name: facts.softwareName, version: facts.version },
    recl: { version: facts.reclVersion },
    testedServices: TESTED_SERVICES[facts.integrationMode][locale],
    testsPassedOn: facts.testsPassedOn,
    issuedOn: facts.issuedOn,
    issuedAt: 'Luxembourg',
    caseReference: facts.caseReference,
    signatories: facts.signatories,
  };
}

export function serviceAgreementData(
  facts: CaseFacts & {
    agency: { name: string; role: string };
    testAttestationReference: string | null;
    sentOn: string;
    signBefore?: string;
  },
): Record<string, unknown> {
  const { vendor, locale } = facts;
  const rcs = rcsOf(vendor);
  const vatNumber = matching(vendor.vatNumber, /^[A-Z]{2}[0-9A-Z]{2,13}$/);
  return {
    vendor: {
      name: vendor.name,
      address: vendorAddress(vendor, locale),
      ...(rcs ? { rcs } : {}),
      ...(vatNumber ? { vatNumber } : {}),
      representative: vendorRepresentative(vendor, locale),
    },
    software: { name: facts.softwareName, version: facts.version },
    recl: { version: facts.reclVersion },
    agency: { representative: facts.agency },
    ...(facts.testAttestationReference ? { testAttestationReference: facts.testAttestationReference } : {}),
    sentOn: facts.sentOn,
    ...(facts.signBefore ? { signBefore: facts.signBefore } : {}),
    caseReference: facts.caseReference,
  };
}

export function labelAttestationData(
  facts: CaseFacts & {
    labelNumber: string;
    grantedOn: string;
    agreementSignedOn: string;
    testAttestationReference: string;
    registryUrl?: string;
    issuedOn: string;
    signatories: Signatories;
  },
): Record<string, unknown> {
  const { vendor, locale } = facts;
  const rcs = rcsOf(vendor);
  return {
    vendor: { name: vendor.name, address: vendorAddress(vendor, locale), ...(rcs ? { rcs } : {}) },
    software: { name: facts.softwareName, version: facts.version },
    recl: { version: facts.reclVersion },
    label: { number: facts.labelNumber, grantedOn: facts.grantedOn },
    agreementSignedOn: facts.agreementSignedOn,
    testAttestationReference: facts.testAttestationReference,
    ...(facts.registryUrl && /^https?:\/\//.test(facts.registryUrl) ? { registryUrl: facts.registryUrl } : {}),
    issuedOn: facts.issuedOn,
    issuedAt: 'Luxembourg',
    signatories: { cns: facts.signatories.cns, aes: facts.signatories.aes, ciss: facts.signatories.ciss },
  };
}
