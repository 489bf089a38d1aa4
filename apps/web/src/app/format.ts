import { locale } from '../i18n/index.js';

// Dates are shown in Luxembourg time (the programme's calendar is Luxembourg dates), amounts in euros.
const TIME_ZONE = 'Europe/Luxembourg';
// English uses the British conventions (day month year, 24-hour clock) that Luxembourg readers expect.
export const intlLocale = (): string => (locale() === 'fr' ? 'fr-LU' : 'en-GB');

const parse = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

export function formatDate(value: string | Date | null | undefined): string {
  const date = value ? parse(value) : null;
  return date ? new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'long', timeZone: TIME_ZONE }).format(date) : '—';
}

export function formatDateTime(value: string | Date | null | undefined): string {
  const date = value ? parse(value) : null;
  return date
    ? new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date)
    : '—';
}

export function formatTime(value: Date): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone: TIME_ZONE }).format(value);
}

// Amounts travel as integer cents (contracts: tariffPerConnectionCents).
export function formatAmount(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency }).format(cents / 100);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(intlLocale()).format(value);
}

// Whole days between two instants (the age of a case in a queue).
export function daysBetween(from: string | Date, to: Date = new Date()): number {
  const start = parse(from);
  return start ? Math.max(0, Math.floor((to.getTime() - start.getTime()) / 86_400_000)) : 0;
}

// "in 12 days" / "3 days ago" in the current language.
export function relativeDays(value: string | Date, now: Date = new Date()): string {
  const date = parse(value);
  if (!date) return '';
  const days = Math.round((date.getTime() - now.getTime()) / 86_400_000);
  return new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' }).format(days, 'day');
}

// A file's size in the reader's language: « 1,2 Mo » / "1.2 MB".
export function fileSize(bytes: number): string {
  const [value, unit] =
    bytes >= 1_048_576 ? [bytes / 1_048_576, 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(intlLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    value,
  );
}
