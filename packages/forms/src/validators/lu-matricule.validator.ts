import { invalid, VALID, type NamedValidator, type ValidatorVerdict } from './named-validator.types.js';

// Luxembourg national identification number (matricule), PROCESS.md eligibility rule 1:
// natural person: 13 digits, YYYYMMDD birth date first; legal person: 11 digits, a year first.
// (decision) The check digits (last two / last one) are NOT verified: public sources disagree
// on how they are computed, and refusing a real matricule would block a vendor outright; the
// CNS registry checks it when the provider code and MySecu space are attached to it.
// param: 'natural' | 'legal' (usually from personType via validatorParamFrom); absent → either.
const FIRST_YEAR_NATURAL = 1900;
const FIRST_YEAR_LEGAL = 1800;

function isValidBirthDate(year: number, month: number, day: number, now: Date): boolean {
  if (year < FIRST_YEAR_NATURAL || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= now.getTime();
}

function checkNatural(value: string): ValidatorVerdict {
  if (value.length !== 13) return invalid('lengthNatural');
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  return isValidBirthDate(year, month, day, new Date()) ? VALID : invalid('birthDate');
}

function checkLegal(value: string): ValidatorVerdict {
  if (value.length !== 11) return invalid('lengthLegal');
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR_LEGAL && year <= new Date().getUTCFullYear() ? VALID : invalid('year');
}

export const luMatriculeValidator: NamedValidator = {
  name: 'luMatricule',
  description: 'Luxembourg matricule: 13 digits with a birth date (natural person) or 11 digits with a year (legal person)',
  check(value, personType) {
    if (!/^[0-9]+$/.test(value)) return invalid('digits');
    if (personType === 'natural') return checkNatural(value);
    if (personType === 'legal') return checkLegal(value);
    if (value.length === 13) return checkNatural(value);
    if (value.length === 11) return checkLegal(value);
    return invalid('length');
  },
  checkParam: (param) => (param === 'natural' || param === 'legal' ? undefined : "expected 'natural' or 'legal'"),
  messages: {
    fr: {
      digits:
        '{field} ne doit contenir que des chiffres, sans espace ni tiret : saisissez les 13 chiffres (personne physique) ou 11 chiffres (personne morale).',
      length: '{field} doit comporter 13 chiffres (personne physique) ou 11 chiffres (personne morale) : vérifiez le numéro.',
      lengthNatural: "{field} d'une personne physique comporte 13 chiffres (AAAAMMJJ puis 5 chiffres) : vérifiez le numéro.",
      lengthLegal: "{field} d'une personne morale comporte 11 chiffres (l'année puis 7 chiffres) : vérifiez le numéro.",
      birthDate: '{field} doit commencer par une date de naissance valide (AAAAMMJJ) : vérifiez les 8 premiers chiffres.',
      year: '{field} doit commencer par une année valide (AAAA) : vérifiez les 4 premiers chiffres.',
    },
    en: {
      digits:
        '{field} must contain digits only, no spaces or dashes: enter the 13 digits (natural person) or 11 digits (legal person).',
      length: '{field} must have 13 digits (natural person) or 11 digits (legal person): check the number.',
      lengthNatural: "A natural person's {field} has 13 digits (YYYYMMDD then 5 digits): check the number.",
      lengthLegal: "A legal person's {field} has 11 digits (the year then 7 digits): check the number.",
      birthDate: '{field} must start with a valid birth date (YYYYMMDD): check the first 8 digits.',
      year: '{field} must start with a valid year (YYYY): check the first 4 digits.',
    },
  },
};
