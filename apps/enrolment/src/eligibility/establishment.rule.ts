import { fail, pass, type RuleVerdict } from './eligibility.types.js';

// Eligibility 3 — the vendor is established in the EU/EEA. The country list is programme data
// (Programme.settings().eligibleCountries), never code.
export function checkEstablishment(country: string, eligibleCountries: readonly string[]): RuleVerdict {
  const code = country.trim().toUpperCase();
  if (eligibleCountries.includes(code)) {
    return pass(
      'establishment',
      3,
      { fr: `Établi dans l’UE/EEE (${code}).`, en: `Established in the EU/EEA (${code}).` },
      'countryOfEstablishment',
    );
  }
  return fail(
    'establishment',
    3,
    {
      fr: `Le dispositif est réservé aux industriels établis dans l’Union européenne ou l’Espace économique européen ; le pays indiqué (${code}) n’en fait pas partie.`,
      en: `The scheme is open only to vendors established in the European Union or the European Economic Area; the country given (${code}) is not one of them.`,
    },
    'countryOfEstablishment',
  );
}
