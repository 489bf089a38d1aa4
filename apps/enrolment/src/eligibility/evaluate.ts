import type { EligibilityCheck, FieldError, PersonType } from '@sons/contracts';
import { checkCompleteness } from './completeness.rule.js';
import { toCheck, type RuleVerdict } from './eligibility.types.js';
import { checkEstablishment } from './establishment.rule.js';
import { checkIban, checkMatricule, checkRcs, checkVat } from './identity-formats.rule.js';
import { checkIntegrationMode } from './integration-mode.rule.js';
import { checkNameConsistency } from './name-consistency.rule.js';
import {
  checkEHealthAndMySecu,
  checkMySecuMatricule,
  checkProviderCodeRequest,
  checkVague1ProviderCode,
} from './provider-code.rule.js';

export type IdentityInput = {
  personType: PersonType;
  companyName?: string | null;
  ceoFirstName?: string | null;
  ceoLastName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  matricule: string;
  rcsNumber?: string | null;
  vatNumber?: string | null;
  iban: string;
  email: string;
  countryOfEstablishment: string;
};

export type Form1Input = {
  identity: IdentityInput;
  enrolledName: string;
  ndaAttachmentId: string | null;
  ndaSignatoryCompany?: string | null;
  vague1Participant: boolean;
  existingProviderCode?: string | null;
  integrationMode: 'econnector_ng' | 'direct_access';
};

export type ProgrammeInput = {
  eligibleCountries: readonly string[];
  vague1DirectAccessEnd: Date | null;
  now: Date;
  formatDate?: (at: Date) => string;
};

// The identity rules alone (formats, completeness without the NDA, establishment): also run on a change request.
export function evaluateIdentity(identity: IdentityInput, programme: Pick<ProgrammeInput, 'eligibleCountries'>): RuleVerdict[] {
  return [
    checkMatricule(identity.matricule, identity.personType),
    checkIban(identity.iban),
    checkVat(identity.vatNumber, identity.personType, identity.countryOfEstablishment),
    checkRcs(identity.rcsNumber, identity.personType, identity.countryOfEstablishment),
    checkEstablishment(identity.countryOfEstablishment, programme.eligibleCountries),
  ];
}

// Form 1 (enrolment): Eligibility 1, 3, 4 (« Vague 1 » code), 5 (name on the NDA) and 6.
export function evaluateForm1(input: Form1Input, programme: ProgrammeInput): RuleVerdict[] {
  const [matricule, iban, vat, rcs, establishment] = evaluateIdentity(input.identity, programme) as [
    RuleVerdict,
    RuleVerdict,
    RuleVerdict,
    RuleVerdict,
    RuleVerdict,
  ];
  return [
    checkCompleteness({ ...input.identity, ndaAttachmentId: input.ndaAttachmentId }),
    matricule,
    iban,
    vat,
    rcs,
    establishment,
    checkVague1ProviderCode(input),
    checkNameConsistency(input.enrolledName, [
      {
        field: 'ndaSignatoryCompany',
        label: { fr: 'NDA signé (nom du signataire)', en: 'signed NDA (signatory name)' },
        name: input.ndaSignatoryCompany,
      },
    ]),
    checkIntegrationMode(input, programme.vague1DirectAccessEnd, programme.now, programme.formatDate),
  ];
}

export type Form2Input = {
  enrolledName: string;
  enrolledMatricule: string;
  vague1Participant: boolean;
  existingProviderCode?: string | null;
  form2: {
    vendorName: string;
    providerCodeChoice: 'request' | 'existing';
    existingProviderCode?: string | null;
    eHealthIdActive: boolean;
    mySecuActive: boolean;
    mySecuMatricule: string;
  };
};

// Form 2 (test environment access): Eligibility 4 and 5 (the name on Form 2).
export function evaluateForm2(input: Form2Input): RuleVerdict[] {
  return [
    checkProviderCodeRequest(input, input.form2),
    checkMySecuMatricule(input.enrolledMatricule, input.form2.mySecuMatricule),
    checkEHealthAndMySecu(input.form2),
    checkNameConsistency(input.enrolledName, [
      { field: 'vendorName', label: { fr: 'formulaire 2', en: 'Form 2' }, name: input.form2.vendorName },
    ]),
  ];
}

// Format rules that refuse a submission outright, as field errors (400).
export const hardFailures = (verdicts: readonly RuleVerdict[]): FieldError[] =>
  verdicts.filter((v) => v.outcome === 'fail' && v.hard).map((v) => ({ path: v.field ?? '$', rule: v.rule, message: v.reason }));

export const failures = (verdicts: readonly RuleVerdict[]): RuleVerdict[] => verdicts.filter((v) => v.outcome === 'fail');

export const toChecklist = (verdicts: readonly RuleVerdict[], stage: 'form1' | 'form2', at: Date): EligibilityCheck[] =>
  verdicts.map((v) => toCheck(v, stage, at));

// Replaces one stage's checks, keeping the other stage's.
export const mergeChecklist = (
  current: readonly EligibilityCheck[],
  stage: 'form1' | 'form2',
  next: readonly EligibilityCheck[],
): EligibilityCheck[] => [...current.filter((c) => c.stage !== stage), ...next];
