import type { EligibilityCheck, EligibilityOutcome, Localized } from '@sons/contracts';
import { validators, type ValidatorName } from '@sons/forms';

// PROCESS.md, Eligibility 1–6. Every rule is a pure function returning one verdict with a reason a vendor
// understands (FR first). `hard` marks format rules: failing one refuses the submission outright (400 with the
// field), where other failures are recorded on the case and shown to operators as a checklist.
export type RuleName =
  | 'completeness'
  | 'matricule'
  | 'iban'
  | 'vat'
  | 'rcs'
  | 'establishment'
  | 'vague1ProviderCode'
  | 'providerCodeRequest'
  | 'mySecuMatricule'
  | 'eHealthAndMySecu'
  | 'nameConsistency'
  | 'integrationMode';

export type Criterion = 1 | 2 | 3 | 4 | 5 | 6;

export type RuleVerdict = {
  rule: RuleName;
  criterion: Criterion;
  outcome: EligibilityOutcome;
  reason: Localized;
  field?: string;
  hard?: boolean;
};

export const pass = (rule: RuleName, criterion: Criterion, reason: Localized, field?: string): RuleVerdict => ({
  rule,
  criterion,
  outcome: 'pass',
  reason,
  ...(field ? { field } : {}),
});

export const fail = (rule: RuleName, criterion: Criterion, reason: Localized, field?: string, hard = false): RuleVerdict => ({
  rule,
  criterion,
  outcome: 'fail',
  reason,
  ...(field ? { field } : {}),
  ...(hard ? { hard } : {}),
});

export const judgement = (rule: RuleName, criterion: Criterion, reason: Localized, field?: string): RuleVerdict => ({
  rule,
  criterion,
  outcome: 'needs_operator_judgement',
  reason,
  ...(field ? { field } : {}),
});

// How a field is named inside a sentence (the @sons/forms validator messages start with "{field}").
export const FIELD_SUBJECT: Record<string, Localized> = {
  iban: { fr: 'L’IBAN', en: 'The IBAN' },
  vatNumber: { fr: 'Le numéro de TVA', en: 'The VAT number' },
  matricule: { fr: 'Le matricule', en: 'The matricule' },
  mySecuMatricule: { fr: 'Le matricule MySecu', en: 'The MySecu matricule' },
  rcsNumber: { fr: 'Le numéro RCS', en: 'The RCS number' },
  existingProviderCode: { fr: 'Le code prestataire', en: 'The provider code' },
};

// Runs one of the shared named validators (@sons/forms) and returns its reason as a message, or null when valid.
export function runValidator(
  name: ValidatorName,
  field: string,
  value: string,
  param?: string,
): { reason: string; message: Localized } | null {
  const validator = validators[name];
  const verdict = validator.check(value, param);
  if (verdict.ok) return null;
  const subject = FIELD_SUBJECT[field] ?? { fr: field, en: field };
  const text = (locale: 'fr' | 'en') =>
    (validator.messages[locale][verdict.reason] ?? verdict.reason).replaceAll('{field}', subject[locale]);
  return { reason: verdict.reason, message: { fr: text('fr'), en: text('en') } };
}

export const toCheck = (verdict: RuleVerdict, stage: 'form1' | 'form2', at: Date): EligibilityCheck => ({
  rule: verdict.rule,
  criterion: verdict.criterion,
  outcome: verdict.outcome,
  reason: verdict.reason,
  ...(verdict.field ? { field: verdict.field } : {}),
  stage,
  evaluatedAt: at.toISOString(),
});
