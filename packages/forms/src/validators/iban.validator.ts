import { electronicFormatIBAN, isSEPACountry, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { invalid, VALID, type NamedValidator } from './named-validator.types.js';

// IBAN checksum and per-country length/format from ibantools. Accepts the print format with
// spaces ("LU28 0019 4006 4475 0000"); consumers store `electronicFormatIBAN(value)`.
// (decision) AeS pays by SEPA credit transfer, so the IBAN must belong to a SEPA country.
export const ibanValidator: NamedValidator = {
  name: 'iban',
  description: 'IBAN (ISO 13616): country, length, checksum; SEPA countries only',
  check(value) {
    const iban = electronicFormatIBAN(value);
    if (!iban || !/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return invalid('format');
    const result = validateIBAN(iban);
    if (!result.valid) {
      const codes = result.errorCodes;
      if (codes.includes(ValidationErrorsIBAN.NoIBANCountry)) return invalid('country');
      if (codes.includes(ValidationErrorsIBAN.WrongBBANLength) || codes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
        return invalid('format');
      }
      return invalid('checksum');
    }
    if (!isSEPACountry(iban.slice(0, 2))) return invalid('sepa');
    return VALID;
  },
  messages: {
    fr: {
      format:
        "{field} n'est pas un IBAN valide : saisissez l'IBAN complet (2 lettres du pays, 2 chiffres de contrôle puis le numéro de compte), par ex. LU28 0019 4006 4475 0000.",
      country:
        "{field} commence par un code pays inconnu : saisissez l'IBAN complet en commençant par le code pays (par ex. LU).",
      checksum:
        "{field} : la clé de contrôle de l'IBAN est fausse : vérifiez chaque caractère sur votre relevé d'identité bancaire.",
      sepa: "{field} doit être un IBAN d'un pays de la zone SEPA (le paiement se fait par virement SEPA) : indiquez un compte dans la zone SEPA.",
    },
    en: {
      format:
        '{field} is not a valid IBAN: enter the full IBAN (2-letter country code, 2 check digits, then the account number), e.g. LU28 0019 4006 4475 0000.',
      country: '{field} starts with an unknown country code: enter the full IBAN starting with its country code (e.g. LU).',
      checksum: "{field}: the IBAN's check digits are wrong: check every character against your bank details.",
      sepa: '{field} must be an IBAN from a SEPA country (payment is made by SEPA transfer): give an account in the SEPA area.',
    },
  },
};
