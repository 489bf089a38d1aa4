import type { PersonType } from '@sons/contracts';
import { fail, judgement, pass, runValidator, type RuleVerdict } from './eligibility.types.js';

// Eligibility 1 — formats: IBAN checksum, EU VAT number (format and check digits), RCS number when established in
// Luxembourg, and the Luxembourg matricule: 13 digits starting with a valid birth date YYYYMMDD (natural person),
// 11 digits starting with a year (legal person). (decision, PROCESS.md) The matricule's check digits are NOT
// enforced. The shared @sons/forms validators do the checking; failing these refuses the submission (hard).

export function checkIban(iban: string): RuleVerdict {
  const problem = runValidator('iban', 'iban', iban);
  if (problem) return fail('iban', 1, problem.message, 'iban', true);
  return pass(
    'iban',
    1,
    { fr: 'IBAN valide (clé de contrôle correcte, zone SEPA).', en: 'Valid IBAN (check digits correct, SEPA area).' },
    'iban',
  );
}

export function checkMatricule(matricule: string, personType: PersonType, field = 'matricule'): RuleVerdict {
  const problem = runValidator('luMatricule', field, matricule, personType);
  if (problem) return fail('matricule', 1, problem.message, field, true);
  return pass(
    'matricule',
    1,
    personType === 'natural'
      ? {
          fr: 'Matricule de personne physique valide (13 chiffres, date de naissance valide).',
          en: 'Valid natural-person matricule (13 digits, valid birth date).',
        }
      : {
          fr: 'Matricule de personne morale valide (11 chiffres commençant par une année).',
          en: 'Valid legal-person matricule (11 digits starting with a year).',
        },
    field,
  );
}

export function checkVat(vatNumber: string | null | undefined, personType: PersonType, country: string): RuleVerdict {
  const vat = vatNumber?.trim();
  if (!vat) {
    if (personType === 'legal') {
      return fail(
        'vat',
        1,
        {
          fr: 'Le numéro de TVA intracommunautaire est obligatoire pour une personne morale.',
          en: 'The EU VAT number is required for a legal person.',
        },
        'vatNumber',
        true,
      );
    }
    return pass(
      'vat',
      1,
      { fr: 'Numéro de TVA non requis pour une personne physique.', en: 'No VAT number required for a natural person.' },
      'vatNumber',
    );
  }
  // Format and check digits first, whatever the country.
  const problem = runValidator('euVat', 'vatNumber', vat);
  if (problem && problem.reason !== 'prefix') return fail('vat', 1, problem.message, 'vatNumber', true);
  if (problem) {
    // A prefix the checker does not know. When the country of establishment is one it cannot check (Iceland,
    // Liechtenstein, or outside the EU/EEA — Eligibility 3 then fails with its own reason), an operator judges the
    // number; otherwise the vendor forgot or mistyped the country prefix.
    if (runValidator('euVat', 'vatNumber', vat, country) === null) {
      return judgement(
        'vat',
        1,
        {
          fr: `Numéro de TVA non vérifiable automatiquement pour le pays d’établissement (${country}) : INCERT le vérifie.`,
          en: `VAT number that cannot be checked automatically for the country of establishment (${country}): INCERT checks it.`,
        },
        'vatNumber',
      );
    }
    return fail('vat', 1, problem.message, 'vatNumber', true);
  }
  const mismatch = runValidator('euVat', 'vatNumber', vat, country);
  if (mismatch?.reason === 'countryMismatch') {
    return judgement(
      'vat',
      1,
      {
        fr: `Le numéro de TVA est valide mais d’un autre pays que le pays d’établissement (${country}) : INCERT vérifie l’immatriculation.`,
        en: `The VAT number is valid but from another country than the country of establishment (${country}): INCERT checks the registration.`,
      },
      'vatNumber',
    );
  }
  return pass(
    'vat',
    1,
    { fr: 'Numéro de TVA valide (format et chiffres de contrôle).', en: 'Valid VAT number (format and check digits).' },
    'vatNumber',
  );
}

export function checkRcs(rcsNumber: string | null | undefined, personType: PersonType, country: string): RuleVerdict {
  if (personType !== 'legal' || country !== 'LU') {
    return pass(
      'rcs',
      1,
      {
        fr: 'Numéro RCS non requis (hors personne morale établie au Luxembourg).',
        en: 'No RCS number required (not a legal person established in Luxembourg).',
      },
      'rcsNumber',
    );
  }
  const rcs = rcsNumber?.trim().toUpperCase().replace(/\s+/g, '');
  if (!rcs) {
    return fail(
      'rcs',
      1,
      {
        fr: 'Le numéro RCS est obligatoire pour une personne morale établie au Luxembourg (par ex. B123456).',
        en: 'The RCS number is required for a legal person established in Luxembourg (e.g. B123456).',
      },
      'rcsNumber',
      true,
    );
  }
  const problem = runValidator('rcs', 'rcsNumber', rcs);
  if (problem) return fail('rcs', 1, problem.message, 'rcsNumber', true);
  return pass('rcs', 1, { fr: 'Numéro RCS bien formé.', en: 'Well-formed RCS number.' }, 'rcsNumber');
}
