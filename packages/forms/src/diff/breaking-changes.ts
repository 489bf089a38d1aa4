import type { Locale } from '../form-schema.types.js';
import type { SchemaDiff } from './diff-schemas.js';
import type { ServiceFieldReaders } from './service-field-readers.js';

export type BreakingChange = {
  service: string;
  formKey: string;
  key: string;
  change: 'removed' | 'renamed' | 'changedType';
  message: string;
};

const MESSAGES: Readonly<Record<Locale, Readonly<Record<BreakingChange['change'], string>>>> = {
  fr: {
    removed:
      'Le champ « {key} » du {form} est lu par le service « {service} » et a été supprimé : remettez-le, ou faites d’abord évoluer le service.',
    renamed:
      'Le champ « {key} » du {form} est lu par le service « {service} » et a été renommé en « {to} » : gardez la clé « {key} », ou faites d’abord évoluer le service.',
    changedType:
      'Le champ « {key} » du {form} est lu par le service « {service} » et a changé de type ({detail}) : gardez le type d’origine, ou faites d’abord évoluer le service.',
  },
  en: {
    removed:
      'Field "{key}" of {form} is read by the "{service}" service and was removed: put it back, or change the service first.',
    renamed:
      'Field "{key}" of {form} is read by the "{service}" service and was renamed to "{to}": keep the key "{key}", or change the service first.',
    changedType:
      'Field "{key}" of {form} is read by the "{service}" service and changed type ({detail}): keep the original type, or change the service first.',
  },
};

// A change to `changed` breaks a reader of `read` when it is that key or one of its ancestors
// (removing the grid `providers` removes `providers.providerCode`).
const affects = (changed: string, read: string): boolean => read === changed || read.startsWith(`${changed}.`);

export function breakingChanges(
  diff: SchemaDiff,
  readers: ServiceFieldReaders,
  formKey: string,
  options: { locale?: Locale } = {},
): BreakingChange[] {
  const locale = options.locale ?? 'fr';
  const changes: { key: string; change: BreakingChange['change']; to?: string; detail?: string }[] = [
    ...diff.removed.map((key) => ({ key, change: 'removed' as const })),
    ...diff.renamed.map(({ from, to }) => ({ key: from, change: 'renamed' as const, to })),
    ...diff.changedType.map(({ key, before, after }) => ({
      key,
      change: 'changedType' as const,
      detail: `${before} → ${after}`,
    })),
  ];
  const found: BreakingChange[] = [];
  for (const [service, forms] of Object.entries(readers)) {
    const keys = forms.filter((reader) => reader.formKey === formKey).flatMap((reader) => reader.keys);
    for (const change of changes) {
      if (!keys.some((read) => affects(change.key, read))) continue;
      const message = MESSAGES[locale][change.change]
        .replaceAll('{key}', change.key)
        .replace('{form}', locale === 'fr' ? `formulaire ${formKey}` : `form ${formKey}`)
        .replace('{service}', service)
        .replace('{to}', change.to ?? '')
        .replace('{detail}', change.detail ?? '');
      found.push({ service, formKey, key: change.key, change: change.change, message });
    }
  }
  return found;
}
