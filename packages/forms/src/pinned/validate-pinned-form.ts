import { DomainError, type FieldError, type Localized } from '@sons/contracts';
import { validateSubmission } from '../validation/validate-submission.js';
import type { FormDefinition } from '../form-schema.types.js';
// The published-definitions reader (FormDefinitions in @sons/platform); typed structurally so this package stays
// free of the platform.
export type PinnedFormReader = { pinned(formKey: string, version: number): Promise<unknown> };

// A submission pinned to a form definition version (issue 3) is validated against THAT version, read from the
// published definitions every process watches (a newly published version applies without a restart). A retired or
// unknown version answers 409 with the version to use. Answers the data as the schema keeps it (hidden conditional
// fields cleared, unknown keys dropped). Without a version, the caller predates pinned forms: data go through as sent.
export async function validatePinnedForm(
  forms: PinnedFormReader,
  formKey: string,
  version: number | undefined,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return (await validatePinnedFormVersion(forms, formKey, version, data)).data;
}

// The same, answering also the version the data were validated against, for a case that records the form version
// it was filled on; `version: null` when none was given (the data went through as sent, against no version).
export async function validatePinnedFormVersion(
  forms: PinnedFormReader,
  formKey: string,
  version: number | undefined,
  data: Record<string, unknown>,
): Promise<{ data: Record<string, unknown>; version: number | null }> {
  if (version === undefined) return { data, version: null };
  const definition = (await forms.pinned(formKey, version)) as FormDefinition;
  const fr = validateSubmission(definition, data, { locale: 'fr' });
  if (fr.ok) return { data: fr.data, version };
  const en = validateSubmission(definition, data, { locale: 'en' });
  const errors: FieldError[] = fr.errors.map((e, i) => ({
    path: e.path,
    rule: e.rule,
    message: { fr: e.message, en: (!en.ok && en.errors[i]?.message) || e.message } satisfies Localized,
  }));
  throw new DomainError(
    'VALIDATION_FAILED',
    400,
    {
      fr: `${errors.length} champ(s) du formulaire (version ${version}) à corriger : ${errors.map((e) => e.path).join(', ')}.`,
      en: `${errors.length} field(s) of the form (version ${version}) to correct: ${errors.map((e) => e.path).join(', ')}.`,
    },
    { errors, meta: { formKey, version } },
  );
}
