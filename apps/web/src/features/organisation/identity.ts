import { h, icon } from '../../app/dom.js';
import { intlLocale } from '../../app/format.js';
import { badge, type Tone } from '../../app/ui.js';
import { t, type MessageKey } from '../../i18n/index.js';

// The vendor's identity (Form 1's identity fields, valid over [validFrom, validTo)) and its change requests, as the
// gateway answers them (packages/contracts/src/enrolment.ts: vendorSchema, changeRequestSchema). PROCESS.md,
// Eligibility 2: this data changes only through a change request the vendor files and INCERT or AeS approves.
export type PersonType = 'legal' | 'natural';
// The same list as VENDOR_IDENTITY_FIELDS in @sons/contracts: the web app imports only types from there, because a
// value import bundles zod, whose eval probe the page's Content Security Policy refuses.
export const IDENTITY_FIELDS = [
  'companyName',
  'ceoFirstName',
  'ceoLastName',
  'firstName',
  'lastName',
  'matricule',
  'rcsNumber',
  'vatNumber',
  'iban',
  'email',
  'countryOfEstablishment',
  'address',
  'addressStreet',
  'addressPostalCode',
  'addressCity',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export type VendorIdentity = {
  vendorId: string;
  personType: PersonType;
  name: string;
  identityVersion: number;
  validFrom: string;
  validTo: string | null;
} & Record<IdentityField, string | null>;
export type Vendor = VendorIdentity & {
  locale: 'fr' | 'en';
  vague1Participant: boolean;
  providerCode: string | null;
  integrationMode: 'econnector_ng' | 'direct_access';
  enrolmentId: string | null;
};

// WARNING: persisted status strings (contracts CHANGE_REQUEST_STATUSES); never rename one.
export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];
export type ChangeRequest = {
  changeRequestId: string;
  vendorId: string;
  // The vendor's current name (the API reads it with the page).
  vendorName: string | null;
  enrolmentId: string;
  status: ChangeRequestStatus;
  fields: string[];
  changes: Record<string, unknown>;
  previous: Record<string, unknown>;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  identityVersion: number | null;
  version: number;
};

const CHANGE_REQUEST_TONE: Record<ChangeRequestStatus, Tone> = { pending: 'warning', approved: 'success', refused: 'danger' };
export const changeRequestBadge = (status: ChangeRequestStatus) =>
  badge(t(`changeRequest.status.${status}`), CHANGE_REQUEST_TONE[status], { 'data-status': status });

// The fields that apply to each person type (the service refuses the other type's fields with a field error).
const LEGAL_ONLY: readonly IdentityField[] = ['companyName', 'ceoFirstName', 'ceoLastName', 'rcsNumber'];
const NATURAL_ONLY: readonly IdentityField[] = ['firstName', 'lastName'];
export const fieldsFor = (personType: PersonType): IdentityField[] =>
  IDENTITY_FIELDS.filter((f) => !(personType === 'legal' ? NATURAL_ONLY : LEGAL_ONLY).includes(f));

export const isIdentityField = (name: string): name is IdentityField => (IDENTITY_FIELDS as readonly string[]).includes(name);
export const fieldLabel = (name: string): string => (isIdentityField(name) ? t(`identity.field.${name}` as MessageKey) : name);

// The IBAN is shown masked (country, check digits and last four), revealed on request.
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '');
  if (compact.length < 8) return '••••';
  return `${compact.slice(0, 4)} •••• •••• ${compact.slice(-4)}`;
}
export const groupIban = (iban: string): string => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

export function countryName(code: string | null | undefined): string {
  if (!code) return '—';
  try {
    return `${new Intl.DisplayNames([intlLocale()], { type: 'region' }).of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

export function ibanView(iban: string) {
  const value = h('code', { 'data-testid': 'iban' }, maskIban(iban));
  const toggle = h(
    'button',
    { type: 'button', class: 'btn btn-sm btn-link py-0', 'aria-pressed': 'false' },
    icon('eye'),
    ' ',
    t('company.iban.show'),
  );
  toggle.addEventListener('click', () => {
    const shown = toggle.getAttribute('aria-pressed') === 'true';
    value.textContent = shown ? maskIban(iban) : groupIban(iban);
    toggle.setAttribute('aria-pressed', String(!shown));
    toggle.replaceChildren(icon(shown ? 'eye' : 'eye-slash'), ' ', t(shown ? 'company.iban.show' : 'company.iban.hide'));
  });
  return h('span', null, value, toggle);
}

// One field's value as read by a person: the address on one line, the country by name, empty as a dash.
export function displayValue(field: string, value: unknown, options: { maskIban?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  // Identity fields are text; anything else is shown as JSON rather than "[object Object]".
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (field === 'iban') return options.maskIban ? maskIban(text) : groupIban(text);
  if (field === 'countryOfEstablishment') return countryName(text);
  return text;
}

export function postalAddress(identity: VendorIdentity): string {
  const line = [identity.addressStreet, [identity.addressPostalCode, identity.addressCity].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return line || identity.address || '—';
}

// Before / after of each changed field (the change request's `previous` and `changes`).
export function diffTable(request: ChangeRequest, options: { maskIban?: boolean } = {}) {
  return h(
    'div',
    { class: 'table-responsive' },
    h(
      'table',
      { class: 'table table-sm align-middle mb-0', 'data-testid': 'change-diff' },
      h('caption', { class: 'visually-hidden' }, t('changeRequest.diff')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('changeRequest.col.field')),
          h('th', { scope: 'col' }, t('changeRequest.col.before')),
          h('th', { scope: 'col' }, t('changeRequest.col.after')),
        ),
      ),
      h(
        'tbody',
        null,
        request.fields.map((f) =>
          h(
            'tr',
            { 'data-field': f },
            h('th', { scope: 'row', class: 'fw-normal text-body-secondary' }, fieldLabel(f)),
            h(
              'td',
              { 'data-side': 'before' },
              h('del', { class: 'text-danger-emphasis' }, displayValue(f, request.previous[f], options)),
            ),
            h(
              'td',
              { 'data-side': 'after' },
              h(
                'ins',
                { class: 'text-success-emphasis text-decoration-none fw-semibold' },
                displayValue(f, request.changes[f], options),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
