import { api, ApiError, type Page } from '../../app/api.js';
import { append, h, icon, type Child } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import {
  alertBox,
  card,
  clearInvalid,
  columnHeaders,
  definitionList,
  emptyState,
  errorBox,
  field,
  invalid,
  pageHeader,
  showFieldErrors,
  spinner,
  tooShort,
  withBusy,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { loadProgramme } from '../shared/calendar.js';
import {
  changeRequestBadge,
  countryName,
  diffTable,
  displayValue,
  fieldLabel,
  fieldsFor,
  ibanView,
  IDENTITY_FIELDS,
  postalAddress,
  type ChangeRequest,
  type IdentityField,
  type Vendor,
  type VendorIdentity,
} from './identity.js';

// "My company" (vendor portal): the identity the programme uses (PROCESS.md, Eligibility 1), its history, and the
// change requests — the only way this data changes (Eligibility 2: filed by the vendor, approved by INCERT or AeS,
// every earlier value kept). The name must stay consistent across every document (Eligibility 5), so a change of
// name goes through here before new documents carry it.
export async function companyPage(ctx: RouteContext) {
  const vendorId = ctx.user?.vendorId;
  if (!vendorId) {
    ctx.outlet.append(
      pageHeader(t('company.title'), { breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }] }),
      emptyState({
        icon: 'building',
        title: t('company.notEnrolled'),
        text: t('company.notEnrolled.text'),
        action: h(
          'a',
          { class: 'btn btn-primary', href: '/portal/enrolment/new' },
          icon('pencil-square'),
          ' ',
          t('dashboard.enrolment.start'),
        ),
      }),
    );
    return;
  }
  const base = `/api/vendors/${encodeURIComponent(vendorId)}`;
  const [vendor, history, requests] = await Promise.all([
    api.get<Vendor>(base, { signal: ctx.signal }),
    api.get<Page<VendorIdentity>>(`${base}/identity-history?limit=100`, { signal: ctx.signal }),
    api.get<Page<ChangeRequest>>('/api/change-requests?limit=100', { signal: ctx.signal }),
  ]);
  ctx.setTitle(`${vendor.name} — ${t('company.title')}`);
  const pending = requests.items.find((r) => r.status === 'pending') ?? null;
  const formSlot = h('div');
  append(ctx.outlet, [
    pageHeader(vendor.name, {
      subtitle: h(
        'span',
        null,
        t('company.title'),
        ' · ',
        t(`personType.${vendor.personType}`),
        ' · ',
        t('company.version', { n: vendor.identityVersion, date: formatDateTime(vendor.validFrom) }),
      ),
      breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }],
    }),
    h('p', { class: 'text-body-secondary' }, icon('info-circle'), ' ', t('company.intro')),
    h(
      'div',
      { class: 'row g-4' },
      h('div', { class: 'col-lg-7 d-flex flex-column gap-4' }, identityCard(vendor), historyCard(history.items)),
      h('div', { class: 'col-lg-5 d-flex flex-column gap-4' }, formSlot, requestsCard(requests.items)),
    ),
  ]);
  if (pending) {
    formSlot.append(
      alertBox('info', t('company.pending'), t('company.pending.text', { date: formatDateTime(pending.requestedAt) })),
    );
    return;
  }
  formSlot.append(
    card(h('span', null, icon('pencil'), ' ', t('company.change.title')), spinner(), {
      id: 'change-request',
      class: 'border-primary',
    }),
  );
  const countries = await loadProgramme()
    .then((p) => p.eligibleCountries)
    .catch(() => null);
  formSlot.replaceChildren(changeRequestForm(vendor, countries, ctx));
}

function identityCard(vendor: Vendor) {
  const rows: [string, Child][] = [
    [t('identity.name'), h('strong', { 'data-testid': 'company-name' }, vendor.name)],
    [t('identity.personType'), t(`personType.${vendor.personType}`)],
  ];
  if (vendor.personType === 'legal')
    rows.push([t('identity.ceo'), [vendor.ceoFirstName, vendor.ceoLastName].filter(Boolean).join(' ') || '—']);
  rows.push([fieldLabel('matricule'), h('code', null, vendor.matricule)]);
  if (vendor.personType === 'legal') rows.push([fieldLabel('rcsNumber'), vendor.rcsNumber ?? '—']);
  rows.push(
    [fieldLabel('vatNumber'), vendor.vatNumber ?? '—'],
    [fieldLabel('iban'), vendor.iban ? ibanView(vendor.iban) : '—'],
    [fieldLabel('email'), vendor.email],
    [fieldLabel('countryOfEstablishment'), countryName(vendor.countryOfEstablishment)],
    [t('identity.address'), postalAddress(vendor)],
    [t('case.providerCode'), vendor.providerCode ?? '—'],
    [t('identity.validFrom'), formatDateTime(vendor.validFrom)],
  );
  return card(h('span', null, icon('building'), ' ', t('company.identity')), definitionList(rows), { id: 'identity' });
}

// Newest version first; each says which fields changed from the version before it.
function historyCard(versions: VendorIdentity[]) {
  const ordered = [...versions].sort((a, b) => a.identityVersion - b.identityVersion);
  const rows = ordered
    .map((v, i) => {
      const before = ordered[i - 1];
      const changed = before ? IDENTITY_FIELDS.filter((f) => (before[f] ?? null) !== (v[f] ?? null)) : [];
      return h(
        'tr',
        { 'data-identity-version': String(v.identityVersion) },
        h('td', null, `v${v.identityVersion}`),
        h('td', { class: 'fw-semibold' }, v.name),
        h('td', { class: 'text-nowrap small' }, formatDateTime(v.validFrom)),
        h(
          'td',
          { class: 'text-nowrap small' },
          v.validTo ? formatDateTime(v.validTo) : h('span', { class: 'badge text-bg-success' }, t('company.history.current')),
        ),
        h('td', { class: 'small' }, before ? changed.map(fieldLabel).join(', ') || '—' : t('company.history.initial')),
      );
    })
    .reverse();
  return card(
    h('span', null, icon('clock-history'), ' ', t('company.history')),
    rows.length
      ? h(
          'div',
          { class: 'table-responsive' },
          h(
            'table',
            { class: 'table table-sm align-middle mb-0', 'data-testid': 'identity-history' },
            h('caption', { class: 'visually-hidden' }, t('company.history')),
            h(
              'thead',
              null,
              columnHeaders([
                t('company.history.version'),
                t('identity.name'),
                t('company.history.from'),
                t('company.history.to'),
                t('company.history.changed'),
              ]),
            ),
            h('tbody', null, rows),
          ),
        )
      : emptyState({ icon: 'clock-history', title: t('company.history.empty') }),
    { id: 'history' },
  );
}

function requestsCard(requests: ChangeRequest[]) {
  const newestFirst = [...requests].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return card(
    h('span', null, icon('arrow-left-right'), ' ', t('company.requests')),
    newestFirst.length
      ? h(
          'ul',
          { class: 'list-unstyled mb-0 d-flex flex-column gap-3', 'data-testid': 'change-requests' },
          newestFirst.map((r) =>
            h(
              'li',
              { class: 'border rounded p-2', 'data-change-request-id': r.changeRequestId },
              h(
                'div',
                { class: 'd-flex justify-content-between gap-2 mb-1' },
                changeRequestBadge(r.status),
                h('time', { class: 'small text-body-secondary', datetime: r.requestedAt }, formatDateTime(r.requestedAt)),
              ),
              diffTable(r, { maskIban: true }),
              h(
                'p',
                { class: 'small mb-0 mt-1' },
                h('span', { class: 'text-body-secondary' }, t('changeRequest.reason'), ' '),
                h('span', { class: 'message-body' }, r.reason),
              ),
              r.decidedAt
                ? h(
                    'p',
                    { class: 'small mb-0' },
                    h(
                      'span',
                      { class: 'text-body-secondary' },
                      t(r.status === 'refused' ? 'changeRequest.refusedOn' : 'changeRequest.approvedOn', {
                        date: formatDateTime(r.decidedAt),
                      }),
                      ' ',
                    ),
                    r.decisionReason ? h('span', { class: 'message-body' }, r.decisionReason) : null,
                  )
                : null,
            ),
          ),
        )
      : emptyState({ icon: 'arrow-left-right', title: t('company.requests.empty') }),
    { id: 'requests' },
  );
}

// Fields that may be emptied (the API accepts null for them); the others must keep a value.
const CLEARABLE: readonly IdentityField[] = [
  'rcsNumber',
  'vatNumber',
  'address',
  'addressStreet',
  'addressPostalCode',
  'addressCity',
];
// Form 1 records either a one-line address or its parts; the form offers the parts, and the one-line value only
// when that is what the vendor has.
const hidden = (vendor: Vendor, f: IdentityField) => f === 'address' && !vendor.address;

function changeRequestForm(vendor: Vendor, countries: string[] | null, ctx: RouteContext) {
  const controls = new Map<IdentityField, HTMLInputElement | HTMLSelectElement>();
  const current = (f: IdentityField): string => (f === 'iban' ? '' : (vendor[f] ?? ''));
  const columns = fieldsFor(vendor.personType)
    .filter((f) => !hidden(vendor, f))
    .map((f) => {
      let control: HTMLInputElement | HTMLSelectElement;
      if (f === 'countryOfEstablishment' && countries?.length) {
        const codes = countries.includes(vendor.countryOfEstablishment ?? '')
          ? countries
          : [vendor.countryOfEstablishment ?? '', ...countries].filter(Boolean);
        control = h(
          'select',
          { class: 'form-select', name: `changes.${f}` },
          codes.map((c) => h('option', { value: c, selected: c === vendor.countryOfEstablishment }, countryName(c))),
        );
      } else {
        control = h('input', {
          class: 'form-control',
          name: `changes.${f}`,
          type: f === 'email' ? 'email' : 'text',
          value: current(f),
          autocomplete: 'off',
          maxlength: f === 'countryOfEstablishment' ? '2' : f === 'iban' ? '42' : '300',
          placeholder: f === 'iban' && vendor.iban ? displayValue('iban', vendor.iban, { maskIban: true }) : null,
        });
      }
      controls.set(f, control);
      const help = f === 'iban' ? t('company.change.ibanHelp') : f === 'companyName' ? t('company.change.nameHelp') : undefined;
      return h(
        'div',
        {
          class:
            f === 'companyName' || f === 'address' || f === 'addressStreet' || f === 'email' || f === 'iban'
              ? 'col-12'
              : 'col-md-6',
        },
        field(fieldLabel(f), control, help),
      );
    });
  const reason = h('textarea', { class: 'form-control', name: 'reason', rows: '3', maxlength: '4000', required: true });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, icon('send'), ' ', t('company.change.submit'));
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'change-request-form' },
    h('p', { class: 'small text-body-secondary' }, t('company.change.intro')),
    errors,
    h('div', { class: 'row gx-3' }, columns),
    field(t('company.change.reason'), reason, t('company.change.reasonHelp')),
    submit,
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    // Only what differs from the recorded identity is sent; the service compares again after normalising.
    const changes: Record<string, string | null> = {};
    for (const [f, control] of controls) {
      const value = control.value.trim();
      if (value === current(f).trim()) continue;
      if (!value && !CLEARABLE.includes(f)) return invalid(control, t('action.input.required'));
      changes[f] = value || null;
    }
    if (!Object.keys(changes).length) {
      errors.replaceChildren(alertBox('warning', t('company.change.nothing')));
      controls.values().next().value?.focus();
      return;
    }
    if (tooShort(reason, 3)) return;
    void withBusy(submit, async () => {
      try {
        await api.post(`/api/vendors/${encodeURIComponent(vendor.vendorId)}/change-requests`, {
          changes,
          reason: reason.value.trim(),
        });
        setFlash('success', t('company.change.sent'));
        navigate(ctx.path, { replace: true });
      } catch (error) {
        showFieldErrors(form, error);
        errors.replaceChildren(
          error instanceof ApiError && error.status === 409
            ? errorBox(error, () => navigate(ctx.path, { replace: true }))
            : errorBox(error),
        );
      }
    });
  });
  return card(h('span', null, icon('pencil'), ' ', t('company.change.title')), form, {
    id: 'change-request',
    class: 'border-primary',
  });
}
