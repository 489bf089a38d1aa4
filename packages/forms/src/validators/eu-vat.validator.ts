import jsvat from 'jsvat-next';
import { invalid, VALID, type NamedValidator } from './named-validator.types.js';

// jsvat-next is CommonJS with exports Node's lexer cannot see: take them from the default import.
const {
  checkVAT,
  austria,
  belgium,
  bulgaria,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  norway,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
} = jsvat;

// EU member states known to jsvat (format + check digits). Norway (EEA) is handled apart:
// jsvat expects it without the "NO" prefix that cross-border VAT numbers carry.
const EU_VAT_COUNTRIES = [
  austria,
  belgium,
  bulgaria,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
];

// ISO country codes whose VAT numbers we verify; Greece's VAT prefix is EL, its ISO code GR.
export const VAT_CHECKED_COUNTRIES: ReadonlySet<string> = new Set([
  ...EU_VAT_COUNTRIES.map((country) => country.codes[0] ?? ''),
  'NO',
]);

// Same clean-up as jsvat: spaces, dashes, dots and slashes are presentation only.
function normalizeVat(value: string): string {
  return value.toUpperCase().replace(/[\s\-./]+/g, '');
}

// param (optional) = the vendor's ISO country of establishment (validatorParamFrom
// countryOfEstablishment). Outside the countries above (non-EU, or Iceland/Liechtenstein which
// jsvat does not know) we do not judge the number: eligibility rule 3 (EU/EEA establishment)
// refuses non-EU vendors with its own reason, and blocking the form here would hide it.
export const euVatValidator: NamedValidator = {
  name: 'euVat',
  description: 'EU/EEA VAT number with country prefix: format and check digits (jsvat-next)',
  check(value, country) {
    if (country !== undefined && country !== '' && !VAT_CHECKED_COUNTRIES.has(country)) return VALID;
    const vat = normalizeVat(value);
    if (!/^[A-Z]{2}[0-9A-Z]+$/.test(vat)) return invalid('prefix');
    const result = vat.startsWith('NO') ? checkVAT(vat.slice(2), [norway]) : checkVAT(vat, EU_VAT_COUNTRIES);
    if (!result.isSupportedCountry || result.country === undefined) return invalid('prefix');
    if (!result.isValidFormat) return invalid('format');
    if (!result.isValid) return invalid('checkDigits');
    if (country !== undefined && country !== '' && result.country.isoCode.short !== country) return invalid('countryMismatch');
    return VALID;
  },
  messages: {
    fr: {
      prefix:
        "{field} doit commencer par le code pays d'un État de l'UE/EEE (par ex. LU12345678, EL pour la Grèce) : ajoutez le préfixe du pays.",
      format: "{field} n'a pas le format d'un numéro de TVA de ce pays : recopiez-le tel qu'il figure sur vos factures.",
      checkDigits: '{field} : les chiffres de contrôle du numéro de TVA sont faux : vérifiez le numéro (par ex. sur VIES).',
      countryMismatch:
        "{field} ne correspond pas au pays d'établissement indiqué : saisissez le numéro de TVA de ce pays ou corrigez le pays.",
    },
    en: {
      prefix:
        '{field} must start with the country code of an EU/EEA state (e.g. LU12345678, EL for Greece): add the country prefix.',
      format: "{field} does not have that country's VAT number format: copy it as printed on your invoices.",
      checkDigits: "{field}: the VAT number's check digits are wrong: check the number (e.g. on VIES).",
      countryMismatch:
        '{field} does not match the country of establishment given: enter the VAT number of that country or correct the country.',
    },
  },
};
