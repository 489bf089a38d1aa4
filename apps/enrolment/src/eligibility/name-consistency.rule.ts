import type { Localized } from '@sons/contracts';
import { fail, judgement, pass, type RuleVerdict } from './eligibility.types.js';

// Eligibility 5 — the vendor's name is consistent throughout the process and in every document submitted: any form
// or document whose vendor name differs from the enrolled one is flagged.

// Legal-form spellings that mean the same thing (after accents and punctuation are removed).
const LEGAL_FORMS: [RegExp, string][] = [
  [/\bsociete a responsabilite limitee simplifiee\b/g, 'sarls'],
  [/\bsociete a responsabilite limitee\b/g, 'sarl'],
  [/\bsociete anonyme\b/g, 'sa'],
  [/\bsociete en commandite par actions\b/g, 'sca'],
  [/\bsociete cooperative\b/g, 'scoop'],
  [/\bgesellschaft mit beschrankter haftung\b/g, 'gmbh'],
  [/\bs a r l s\b/g, 'sarls'],
  [/\bs a r l\b/g, 'sarl'],
  [/\bs a rl\b/g, 'sarl'],
  [/\bsa rl\b/g, 'sarl'],
  [/\bs a\b/g, 'sa'],
];

// Case, accents, punctuation, spacing and the spelling of the legal form do not make a different name.
export function normaliseName(name: string): string {
  let spaced = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (const [pattern, short] of LEGAL_FORMS) spaced = spaced.replace(pattern, short);
  return spaced.replace(/\s+/g, ' ').trim();
}

export const sameName = (a: string, b: string): boolean => {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (na.replace(/ /g, '') === nb.replace(/ /g, '')) return true;
  // "Schmit Marc" and "Marc Schmit" are one person.
  return na.split(' ').sort().join(' ') === nb.split(' ').sort().join(' ');
};

export type NamedDocument = { field: string; label: Localized; name: string | null | undefined };

export function checkNameConsistency(enrolledName: string, documents: readonly NamedDocument[]): RuleVerdict {
  const differing = documents.filter((d) => d.name && d.name.trim() !== '' && !sameName(d.name, enrolledName));
  if (differing.length > 0) {
    const list = (locale: 'fr' | 'en') => differing.map((d) => `${d.label[locale]} : « ${d.name} »`).join(' ; ');
    return fail(
      'nameConsistency',
      5,
      {
        fr: `Le nom de l’industriel diffère du nom enrôlé « ${enrolledName} » dans : ${list('fr')}. Utilisez le même nom partout, ou faites une demande de modification du nom enrôlé.`,
        en: `The vendor name differs from the enrolled name "${enrolledName}" in: ${list('en')}. Use the same name everywhere, or file a change request for the enrolled name.`,
      },
      differing[0]?.field,
    );
  }
  const unnamed = documents.filter((d) => !d.name || d.name.trim() === '');
  if (unnamed.length > 0) {
    return judgement(
      'nameConsistency',
      5,
      {
        fr: `Nom non déclaré pour : ${unnamed.map((d) => d.label.fr).join(', ')} ; INCERT vérifie qu’il s’agit bien de « ${enrolledName} ».`,
        en: `No name declared for: ${unnamed.map((d) => d.label.en).join(', ')}; INCERT checks that it is "${enrolledName}".`,
      },
      unnamed[0]?.field,
    );
  }
  return pass('nameConsistency', 5, {
    fr: `Nom cohérent partout (« ${enrolledName} »).`,
    en: `Name consistent everywhere ("${enrolledName}").`,
  });
}
