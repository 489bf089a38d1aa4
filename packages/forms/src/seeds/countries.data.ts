// Countries offered for "country of establishment" (PROCESS.md eligibility rule 3: the vendor
// must be established in the EU/EEA; the list is data). A few non-EU countries are offered on
// purpose so that a vendor established there can submit and get the eligibility refusal with
// its reason, instead of not finding its country.
export type CountryEntry = { code: string; fr: string; en: string; euEea: boolean };

export const COUNTRIES: readonly CountryEntry[] = [
  { code: 'LU', fr: 'Luxembourg', en: 'Luxembourg', euEea: true },
  { code: 'AT', fr: 'Autriche', en: 'Austria', euEea: true },
  { code: 'BE', fr: 'Belgique', en: 'Belgium', euEea: true },
  { code: 'BG', fr: 'Bulgarie', en: 'Bulgaria', euEea: true },
  { code: 'HR', fr: 'Croatie', en: 'Croatia', euEea: true },
  { code: 'CY', fr: 'Chypre', en: 'Cyprus', euEea: true },
  { code: 'CZ', fr: 'Tchéquie', en: 'Czechia', euEea: true },
  { code: 'DK', fr: 'Danemark', en: 'Denmark', euEea: true },
  { code: 'EE', fr: 'Estonie', en: 'Estonia', euEea: true },
  { code: 'FI', fr: 'Finlande', en: 'Finland', euEea: true },
  { code: 'FR', fr: 'France', en: 'France', euEea: true },
  { code: 'DE', fr: 'Allemagne', en: 'Germany', euEea: true },
  { code: 'GR', fr: 'Grèce', en: 'Greece', euEea: true },
  { code: 'HU', fr: 'Hongrie', en: 'Hungary', euEea: true },
  { code: 'IE', fr: 'Irlande', en: 'Ireland', euEea: true },
  { code: 'IT', fr: 'Italie', en: 'Italy', euEea: true },
  { code: 'LV', fr: 'Lettonie', en: 'Latvia', euEea: true },
  { code: 'LT', fr: 'Lituanie', en: 'Lithuania', euEea: true },
  { code: 'MT', fr: 'Malte', en: 'Malta', euEea: true },
  { code: 'NL', fr: 'Pays-Bas', en: 'Netherlands', euEea: true },
  { code: 'PL', fr: 'Pologne', en: 'Poland', euEea: true },
  { code: 'PT', fr: 'Portugal', en: 'Portugal', euEea: true },
  { code: 'RO', fr: 'Roumanie', en: 'Romania', euEea: true },
  { code: 'SK', fr: 'Slovaquie', en: 'Slovakia', euEea: true },
  { code: 'SI', fr: 'Slovénie', en: 'Slovenia', euEea: true },
  { code: 'ES', fr: 'Espagne', en: 'Spain', euEea: true },
  { code: 'SE', fr: 'Suède', en: 'Sweden', euEea: true },
  { code: 'IS', fr: 'Islande', en: 'Iceland', euEea: true },
  { code: 'LI', fr: 'Liechtenstein', en: 'Liechtenstein', euEea: true },
  { code: 'NO', fr: 'Norvège', en: 'Norway', euEea: true },
  { code: 'CH', fr: 'Suisse', en: 'Switzerland', euEea: false },
  { code: 'GB', fr: 'Royaume-Uni', en: 'United Kingdom', euEea: false },
  { code: 'US', fr: 'États-Unis', en: 'United States', euEea: false },
];

export const EU_EEA_COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRIES.filter((c) => c.euEea).map((c) => c.code));
