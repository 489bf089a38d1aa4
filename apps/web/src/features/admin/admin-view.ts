import { h } from '../../app/dom.js';
import { intlLocale } from '../../app/format.js';
import { OPERATOR_ROLES, type Role } from '../../app/session.js';
import { hasKey, t } from '../../i18n/index.js';

// Shapes and small view helpers shared by the administration screens (audit trail, users, document templates).
// The API types are restated here: the web app does not depend on @sons/contracts (see GET /api/docs for the source).

export const OPERATOR_ROLE_LIST: readonly Role[] = OPERATOR_ROLES;

export const roleLabel = (role: string): string => {
  const key = `role.${role}`;
  return hasKey(key) ? t(key) : role;
};

// Audit entries are read to the second: two commands a few seconds apart must not look simultaneous.
export function formatInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Luxembourg' }).format(
    date,
  );
}

export function formatBytes(size: number): string {
  const units = ['B', 'kB', 'MB'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

// Long identifiers (UUIDs, correlation ids, hashes) in monospace, shortened with the full value on hover.
export function code(value: string | null | undefined, keep = 8) {
  if (!value) return h('span', { class: 'text-body-secondary' }, '—');
  return h('code', { class: 'small text-break', title: value }, value.length > keep + 1 ? `${value.slice(0, keep)}…` : value);
}

// Keyset pages walked both ways: the API only gives "next"; the cursors already used give "previous".
export class CursorPages {
  private readonly stack: (string | null)[] = [null];
  get current(): string | null {
    return this.stack.at(-1) ?? null;
  }
  get number(): number {
    return this.stack.length;
  }
  get hasPrevious(): boolean {
    return this.stack.length > 1;
  }
  next(cursor: string): void {
    this.stack.push(cursor);
  }
  previous(): void {
    if (this.stack.length > 1) this.stack.pop();
  }
}

// Sample data is edited as JSON text; the API takes an object.
export function parseJsonObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: t('admin.templates.sample.invalidJson', { reason: (error as Error).message }) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, message: t('admin.templates.sample.notObject') };
  return { ok: true, value: value as Record<string, unknown> };
}
