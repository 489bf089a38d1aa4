import {
  DomainError,
  formDefinitionPublished,
  formDefinitionRetired,
  type EventForStatus,
  type FormDefinitionStatus,
} from '@sons/contracts';

// A draft is edited until it is published; publishing supersedes the previous published version, which stays
// valid for the submissions pinned to it until an admin retires it. Published versions are immutable.
export const FORM_DEFINITION_TRANSITIONS: Record<FormDefinitionStatus, readonly FormDefinitionStatus[]> = {
  draft: ['published'],
  published: ['superseded'],
  superseded: ['retired'],
  retired: [],
};

// A version becomes superseded in the transaction that publishes the next one: that publication is its event.
export const FORM_DEFINITION_EVENT_FOR_STATUS: EventForStatus<FormDefinitionStatus> = {
  published: formDefinitionPublished,
  superseded: formDefinitionPublished,
  retired: formDefinitionRetired,
};

export function assertFormTransition(
  formKey: string,
  version: number,
  from: FormDefinitionStatus,
  to: FormDefinitionStatus,
): void {
  if (FORM_DEFINITION_TRANSITIONS[from].includes(to)) return;
  const hint: Record<FormDefinitionStatus, { fr: string; en: string }> = {
    draft: { fr: 'publiez-la d’abord', en: 'publish it first' },
    published: { fr: 'publiez d’abord une autre version', en: 'publish another version first' },
    superseded: { fr: 'elle ne peut plus qu’être retirée', en: 'it can only be retired' },
    retired: { fr: 'elle est définitivement retirée', en: 'it is retired for good' },
  };
  throw new DomainError(
    'INVALID_TRANSITION',
    409,
    {
      fr: `La version ${version} du formulaire « ${formKey} » est « ${from} » et ne peut pas passer à « ${to} » : ${hint[from].fr}.`,
      en: `Version ${version} of form "${formKey}" is "${from}" and cannot become "${to}": ${hint[from].en}.`,
    },
    { meta: { formKey, version, from, to } },
  );
}
