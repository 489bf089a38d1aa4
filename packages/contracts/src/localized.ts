// Every message a person reads exists in French (first) and English.
export type Locale = 'fr' | 'en';
export type Localized = { fr: string; en: string };

export const localized = (fr: string, en: string): Localized => ({ fr, en });

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'fr';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}
