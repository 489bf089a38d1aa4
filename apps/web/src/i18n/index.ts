import { en } from './en.js';
import { fr, type MessageKey } from './fr.js';

// French first (the programme's language), English on request; the choice is kept in localStorage and sent to the
// API as Accept-Language so problem details come back in the same language.
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };
export type Localized = { fr: string; en: string };

const STORAGE_KEY = 'sons.locale';
const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };
const listeners = new Set<(locale: Locale) => void>();

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage may be disabled: French is the default.
  }
  return 'fr';
}

let current: Locale = initialLocale();

export const locale = (): Locale => current;

export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; still switched for this page.
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

export const onLocaleChange = (listener: (locale: Locale) => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

// t('queue.count', { n: 3 }) → replaces {n}. A missing key shows the key itself (visible in review, never blank).
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[current][key] ?? catalogues.fr[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

// Text that arrives from the API in both languages ({ fr, en }).
export const pick = (text: Localized | null | undefined): string => (text ? text[current] || text.fr : '');

export const hasKey = (key: string): key is MessageKey => key in fr;
