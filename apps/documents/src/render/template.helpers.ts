import type { HelperOptions } from 'handlebars';
import type { Locale } from './render.types.js';

// Thrown by a helper when the value it received cannot be shown; the engine reports it as a
// TemplateDataError (the data passed the schema but not what the template does with it).
export class HelperValueError extends Error {}

// Thrown by a helper when the template itself is wrong (unknown translation key).
export class HelperTemplateError extends Error {}

// Handlebars data frame (`@locale`, `@reference`, …) the engine passes to every render.
export type RenderDataFrame = {
  locale: Locale;
  messages: Record<string, string>;
  reference: string;
  verifyUrl: string;
  qrDataUri: string;
  title: string;
  templateKey: string;
};

const NBSP = '\u00a0';

const groupThousands = (digits: string, separator: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

// Integer cents → "1.280,00 €" (fr: Luxembourg usage, as CLDR fr-LU and as the e-mails and the web app write it;
// a non-breaking space before €) or "€1,280.00" (en). Done by hand rather than with Intl so a PDF never depends on the
// ICU version of the machine that rendered it.
export const formatMoney = (cents: unknown, locale: Locale): string => {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) {
    throw new HelperValueError(`money expects an integer amount in cents, got ${JSON.stringify(cents)}`);
  }
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const euros = Math.trunc(absolute / 100).toString();
  const rest = (absolute % 100).toString().padStart(2, '0');
  return locale === 'fr'
    ? `${sign}${groupThousands(euros, '.')},${rest}${NBSP}€`
    : `${sign}€${groupThousands(euros, ',')}.${rest}`;
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-LU', en: 'en-GB' };
// Programme dates are Luxembourg dates; an instant is shown in Luxembourg time.
const TIME_ZONE = 'Europe/Luxembourg';

export type DateStyle = 'long' | 'short' | 'datetime';

export const formatDate = (value: unknown, locale: Locale, style: DateStyle = 'long'): string => {
  if (typeof value !== 'string' && !(value instanceof Date)) {
    throw new HelperValueError(`formatDate expects an ISO 8601 date, got ${JSON.stringify(value)}`);
  }
  const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
  const date = value instanceof Date ? value : new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new HelperValueError(`formatDate expects an ISO 8601 date, got ${JSON.stringify(value)}`);
  }
  const timeZone = dateOnly ? 'UTC' : TIME_ZONE;
  const options: Intl.DateTimeFormatOptions =
    style === 'short'
      ? { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }
      : style === 'datetime' && !dateOnly
        ? { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
        : { timeZone, day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], options).format(date);
};

const isHelperOptions = (value: unknown): value is HelperOptions =>
  typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;

const frameOf = (options: HelperOptions): RenderDataFrame => {
  const frame = (options.data ?? {}) as Partial<RenderDataFrame> & { root?: unknown };
  if (frame.locale !== 'fr' && frame.locale !== 'en') {
    throw new HelperTemplateError('helper called without a render locale');
  }
  return frame as RenderDataFrame;
};

const DATE_STYLES: readonly DateStyle[] = ['long', 'short', 'datetime'];

// The only helpers templates may call (compiled with knownHelpersOnly; see template.engine.ts). None reads `this`
// (Handlebars binds it to the template context), so each declares `this: void` and is registered unbound.
export const templateHelpers = {
  // {{formatDate value}} / {{formatDate value "datetime"}}
  formatDate(this: void, value: unknown, ...rest: unknown[]): string {
    const options = rest.at(-1);
    if (!isHelperOptions(options)) throw new HelperTemplateError('formatDate: missing options');
    const style = rest.length > 1 ? rest[0] : 'long';
    if (!DATE_STYLES.includes(style as DateStyle)) {
      throw new HelperTemplateError(`formatDate: unknown style ${JSON.stringify(style)}`);
    }
    return formatDate(value, frameOf(options).locale, style as DateStyle);
  },
  // {{money cents}}
  money(this: void, cents: unknown, options: HelperOptions): string {
    return formatMoney(cents, frameOf(options).locale);
  },
  // {{t "key"}}: the template's message catalogue for the render locale.
  t(this: void, key: unknown, options: HelperOptions): string {
    const frame = frameOf(options);
    const text = typeof key === 'string' && Object.hasOwn(frame.messages, key) ? frame.messages[key] : undefined;
    if (text === undefined) {
      throw new HelperTemplateError(`no "${frame.locale}" translation for ${JSON.stringify(key)}`);
    }
    return text;
  },
  // {{#if (eq a b)}}
  eq(this: void, a: unknown, b: unknown): boolean {
    return a === b;
  },
  // {{inc @index}}: 1-based numbering inside #each.
  inc(this: void, value: unknown): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new HelperValueError(`inc expects an integer, got ${JSON.stringify(value)}`);
    }
    return value + 1;
  },
} as const;

export type TemplateHelperName = keyof typeof templateHelpers;

export const TEMPLATE_HELPER_NAMES = Object.keys(templateHelpers) as TemplateHelperName[];
