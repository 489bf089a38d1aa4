import { DomainError, templatePublished, templateRetired, type EventForStatus, type TemplateStatus } from '@sons/contracts';

// A draft is edited freely; a published version is immutable and the one new renders use (exactly one per key);
// a retired version is kept so documents rendered with it can be re-rendered identically.
export const TEMPLATE_TRANSITIONS: Record<TemplateStatus, readonly TemplateStatus[]> = {
  draft: ['published', 'retired'],
  published: ['retired'],
  retired: [],
};

export const TEMPLATE_EVENT_FOR_STATUS: EventForStatus<TemplateStatus> = {
  published: templatePublished,
  retired: templateRetired,
};

export function assertTemplateTransition(from: TemplateStatus, to: TemplateStatus, key: string, version: number): void {
  if (TEMPLATE_TRANSITIONS[from].includes(to)) return;
  throw new DomainError(
    'INVALID_TRANSITION',
    409,
    {
      fr: `La version ${version} du modèle « ${key} » est « ${from} » : elle ne peut pas passer à « ${to} ».`,
      en: `Version ${version} of template "${key}" is "${from}": it cannot become "${to}".`,
    },
    { meta: { from, to } },
  );
}
