import type { Localized, PersonType } from '@sons/contracts';
import { fail, pass, type RuleVerdict } from './eligibility.types.js';

// Eligibility 1 — the enrolment data is complete. Legal person: company name, CEO's first and last name, matricule,
// RCS number (when established in Luxembourg), VAT number, IBAN, e-mail. Natural person: first and last name,
// matricule, IBAN, e-mail. Both: the NDA signed by the vendor (Phase 1 step 1).
export type CompletenessInput = {
  personType: PersonType;
  companyName?: string | null;
  ceoFirstName?: string | null;
  ceoLastName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  matricule?: string | null;
  rcsNumber?: string | null;
  vatNumber?: string | null;
  iban?: string | null;
  email?: string | null;
  countryOfEstablishment?: string | null;
  ndaAttachmentId?: string | null;
};

const LABELS: Record<string, Localized> = {
  companyName: { fr: 'dénomination sociale', en: 'company name' },
  ceoFirstName: { fr: 'prénom du dirigeant', en: "CEO's first name" },
  ceoLastName: { fr: 'nom du dirigeant', en: "CEO's last name" },
  firstName: { fr: 'prénom', en: 'first name' },
  lastName: { fr: 'nom', en: 'last name' },
  matricule: { fr: 'matricule', en: 'matricule' },
  rcsNumber: { fr: 'numéro RCS', en: 'RCS number' },
  vatNumber: { fr: 'numéro de TVA', en: 'VAT number' },
  iban: { fr: 'IBAN', en: 'IBAN' },
  email: { fr: 'e-mail de l’industriel référent', en: 'e-mail of the referenced vendor' },
  countryOfEstablishment: { fr: 'pays d’établissement', en: 'country of establishment' },
  ndaAttachmentId: { fr: 'NDA « Industriels » signé', en: 'signed NDA « Industriels »' },
};

export function requiredFields(
  input: Pick<CompletenessInput, 'personType' | 'countryOfEstablishment'>,
): (keyof CompletenessInput)[] {
  const common: (keyof CompletenessInput)[] = ['matricule', 'iban', 'email', 'countryOfEstablishment', 'ndaAttachmentId'];
  if (input.personType === 'natural') return ['firstName', 'lastName', ...common];
  return [
    'companyName',
    'ceoFirstName',
    'ceoLastName',
    ...(input.countryOfEstablishment === 'LU' ? (['rcsNumber'] as const) : []),
    'vatNumber',
    ...common,
  ];
}

export function checkCompleteness(input: CompletenessInput): RuleVerdict {
  const missing = requiredFields(input).filter((field) => {
    const value = input[field];
    return typeof value !== 'string' || value.trim() === '';
  });
  if (missing.length === 0) {
    return pass('completeness', 1, {
      fr: 'Toutes les données d’enrôlement requises et le NDA signé sont fournis.',
      en: 'All required enrolment data and the signed NDA are provided.',
    });
  }
  const list = (locale: 'fr' | 'en') => missing.map((f) => LABELS[f]?.[locale] ?? f).join(', ');
  const onlyNda = missing.length === 1 && missing[0] === 'ndaAttachmentId';
  return fail(
    'completeness',
    1,
    onlyNda
      ? {
          fr: 'Le NDA « Industriels » signé par l’industriel manque : déposez-le (fichier PDF) en réponse à la demande d’INCERT.',
          en: 'The NDA « Industriels » signed by the vendor is missing: upload it (PDF file) when answering INCERT’s request.',
        }
      : {
          fr: `Données d’enrôlement incomplètes ; il manque : ${list('fr')}.`,
          en: `Enrolment data incomplete; missing: ${list('en')}.`,
        },
    missing[0],
  );
}
