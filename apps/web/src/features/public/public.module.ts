import { api, ApiError, hasRoute, type Page } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { formatDate } from '../../app/format.js';
import { showMore } from '../../app/paged-list.js';
import { navigate, type FeatureModule, type RouteContext } from '../../app/router.js';
import { hasRole, homePath, user } from '../../app/session.js';
import {
  alertBox,
  badge,
  card,
  clearInvalid,
  columnHeaders,
  emptyState,
  errorBox,
  field,
  notAvailable,
  pageHeader,
  showFieldErrors,
  spinner,
  tooShort,
  withBusy,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { calendarCard } from '../shared/calendar.js';

// Public pages: what the programme is, the registry of labelled software, and document verification.

function home(ctx: RouteContext) {
  const u = user();
  const steps: [string, string, string][] = [
    ['pencil-square', t('home.step1.title'), t('home.step1.text')],
    ['terminal', t('home.step2.title'), t('home.step2.text')],
    ['patch-check', t('home.step3.title'), t('home.step3.text')],
    ['plug', t('home.step4.title'), t('home.step4.text')],
    ['cash-coin', t('home.step5.title'), t('home.step5.text')],
  ];
  const calendar = h('div');
  ctx.outlet.append(
    h(
      'section',
      { class: 'hero rounded-3 p-4 p-lg-5 mb-4' },
      h('h1', { class: 'display-6 fw-semibold', tabindex: '-1' }, t('home.title')),
      h('p', { class: 'lead mb-4' }, t('home.lead')),
      h(
        'div',
        { class: 'd-flex flex-wrap gap-2' },
        u
          ? h('a', { class: 'btn btn-primary btn-lg', href: homePath(u) }, icon('speedometer2'), ' ', t('home.cta.continue'))
          : [
              h('a', { class: 'btn btn-primary btn-lg', href: '/register' }, icon('person-plus'), ' ', t('home.cta.register')),
              h(
                'a',
                { class: 'btn btn-outline-primary btn-lg', href: '/login' },
                icon('box-arrow-in-right'),
                ' ',
                t('auth.login'),
              ),
            ],
        h('a', { class: 'btn btn-link btn-lg', href: '/registry' }, icon('journal-check'), ' ', t('nav.registry')),
      ),
    ),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-7' },
        card(
          t('home.steps.title'),
          h(
            'ol',
            { class: 'list-unstyled mb-0 process-steps' },
            steps.map(([ic, title, text], i) =>
              h(
                'li',
                { class: 'd-flex gap-3 mb-3' },
                h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(i + 1)),
                h(
                  'div',
                  null,
                  h('div', { class: 'fw-semibold' }, icon(ic), ' ', title),
                  h('div', { class: 'text-body-secondary small' }, text),
                ),
              ),
            ),
          ),
        ),
      ),
      h('div', { class: 'col-lg-5' }, calendar),
    ),
  );
  void calendarCard(calendar);
}

// GET /api/registry (public): labelled versions, newest label first (contracts: registryEntrySchema).
type RegistryEntry = {
  entryId: string;
  vendorName: string;
  softwareName: string;
  version: string;
  labelDate: string;
  extendedFrom: string | null;
  labelNumber: string;
  attestationReference: string | null;
  status: 'labelled' | 'retest_required' | 'withdrawn';
};
const LABEL_TONE = { labelled: 'success', retest_required: 'warning', withdrawn: 'secondary' } as const;

async function registry(ctx: RouteContext) {
  const body = h('div', { 'data-testid': 'registry' });
  ctx.outlet.append(pageHeader(t('registry.title'), { subtitle: t('registry.subtitle') }), body);
  body.append(spinner());
  if (!(await hasRoute('GET', '/api/registry'))) {
    body.replaceChildren(notAvailable(t('registry.title'), t('registry.notAvailable')));
    return;
  }
  const search = h('input', {
    type: 'search',
    class: 'form-control',
    id: 'registry-search',
    placeholder: t('registry.search.placeholder'),
  });
  const list = h('div');
  const items: RegistryEntry[] = [];
  const { more, next } = showMore({
    fetchPage: (cursor) =>
      api.get<Page<RegistryEntry>>(`/api/registry?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        signal: ctx.signal,
      }),
    add: (entries) => {
      items.push(...entries);
      draw();
    },
  });
  body.replaceChildren(
    h(
      'div',
      { class: 'mb-3', style: 'max-width: 30rem' },
      h('label', { class: 'form-label', for: 'registry-search' }, t('registry.search')),
      search,
    ),
    list,
    h('div', { class: 'd-flex justify-content-center' }, more),
  );
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = items.filter(
      (i) => !q || `${i.softwareName} ${i.vendorName} ${i.version} ${i.labelNumber}`.toLowerCase().includes(q),
    );
    list.replaceChildren(
      shown.length
        ? h(
            'div',
            { class: 'table-responsive' },
            h(
              'table',
              { class: 'table align-middle' },
              h('caption', { class: 'visually-hidden' }, t('registry.title')),
              h(
                'thead',
                null,
                columnHeaders([
                  t('registry.col.software'),
                  t('registry.col.version'),
                  t('registry.col.vendor'),
                  t('registry.col.labelledAt'),
                  t('registry.col.label'),
                  t('registry.col.status'),
                ]),
              ),
              h(
                'tbody',
                null,
                shown.map((i) =>
                  h(
                    'tr',
                    { 'data-entry': i.entryId },
                    h('td', { class: 'fw-semibold' }, i.softwareName),
                    h(
                      'td',
                      null,
                      i.version,
                      i.extendedFrom
                        ? h('div', { class: 'small text-body-secondary' }, t('registry.extends', { version: i.extendedFrom }))
                        : null,
                    ),
                    h('td', null, i.vendorName),
                    h('td', { class: 'text-nowrap' }, formatDate(i.labelDate)),
                    h(
                      'td',
                      null,
                      i.attestationReference
                        ? h('a', { href: `/verify/${encodeURIComponent(i.attestationReference)}` }, i.labelNumber)
                        : i.labelNumber,
                    ),
                    h(
                      'td',
                      null,
                      badge(t(`registry.status.${i.status}`), LABEL_TONE[i.status], { 'data-label-status': i.status }),
                    ),
                  ),
                ),
              ),
            ),
          )
        : emptyState({
            icon: 'journal-x',
            title: q ? t('registry.noMatch') : t('registry.empty'),
            text: q ? undefined : t('registry.empty.text'),
          }),
    );
  };
  search.addEventListener('input', draw);
  list.append(spinner());
  try {
    await next();
  } catch (error) {
    list.replaceChildren(errorBox(error, () => navigate('/registry', { replace: true })));
  }
}

async function verify(ctx: RouteContext) {
  const ref = ctx.params.ref ?? '';
  const body = h('div', { 'data-testid': 'verify' });
  ctx.outlet.append(pageHeader(t('verify.title'), { subtitle: t('verify.subtitle') }), body);
  const input = h('input', {
    class: 'form-control',
    id: 'verify-ref',
    name: 'ref',
    value: ref,
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, icon('search'), ' ', t('verify.submit'));
  const result = h('div', { class: 'mt-3', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card card-body', style: 'max-width: 40rem', novalidate: true },
    h('label', { class: 'form-label', for: 'verify-ref' }, t('verify.ref')),
    h('div', { class: 'input-group' }, input, submit),
    h('div', { class: 'form-text' }, t('verify.ref.help')),
  );
  body.append(form, result);
  const available = await hasRoute('GET', '/api/documents/verify/:ref');
  const run = async (value: string) => {
    if (!value) return;
    if (!available) {
      result.replaceChildren(notAvailable(t('verify.title'), t('verify.notAvailable')));
      return;
    }
    // data-state="done" once everything about this reference is on the page (tests and assistive tools can rely on it).
    result.dataset.state = 'loading';
    await withBusy(submit, async () => {
      try {
        const doc = await api.get<{
          valid: boolean;
          title?: string;
          vendorName?: string;
          issuedAt?: string;
          withdrawn?: boolean;
          sha256?: string;
        }>(`/api/documents/verify/${encodeURIComponent(value)}`);
        result.replaceChildren(
          doc.valid && !doc.withdrawn
            ? alertBox(
                'success',
                t('verify.valid'),
                [doc.title, doc.vendorName, doc.issuedAt ? formatDate(doc.issuedAt) : null].filter(Boolean).join(' · '),
              )
            : alertBox('danger', doc.withdrawn ? t('verify.withdrawn') : t('verify.invalid')),
          doc.sha256 ? copyCheck(doc.sha256) : '',
        );
        if (doc.valid && !doc.withdrawn && (await mayWithdraw()))
          result.append(await withdrawDocumentForm(value, () => void run(value)));
        result.dataset.state = 'done';
      } catch (error) {
        result.replaceChildren(
          error instanceof ApiError && error.status === 404
            ? alertBox('danger', t('verify.unknown'), t('verify.unknown.text'))
            : errorBox(error),
        );
      }
    });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (value !== ref) history.replaceState(null, '', `/verify/${encodeURIComponent(value)}`);
    void run(value);
  });
  if (!available) result.append(notAvailable(t('verify.title'), t('verify.notAvailable')));
  else if (ref) await run(ref);
}

// AeS and the platform admin withdraw an issued document here, where its status is read: its verification then says
// « withdrawn » to everyone (POST /api/documents/<id>/withdraw, with the reason kept in the document's history).
const mayWithdraw = async () => hasRole('aes', 'admin') && (await hasRoute('POST', '/api/documents/:id/withdraw'));

async function withdrawDocumentForm(reference: string, done: () => void): Promise<HTMLElement> {
  const document = await api.get<{ documentId: string }>(`/api/documents/${encodeURIComponent(reference)}`);
  const reason = h('textarea', { class: 'form-control', name: 'reason', rows: '2', maxlength: '500' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-danger', 'data-action': 'withdraw_document' },
    icon('x-octagon'),
    ' ',
    t('verify.withdraw.submit'),
  );
  const form = h(
    'form',
    {
      novalidate: true,
      class: 'card card-body mt-3 border-danger',
      style: 'max-width: 40rem',
      'data-testid': 'withdraw-document',
    },
    h('h2', { class: 'h6' }, t('verify.withdraw.title')),
    errors,
    field(t('verify.withdraw.reason'), reason, t('verify.withdraw.reason.help')),
    h('div', null, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (tooShort(reason, 3)) return;
    const text = reason.value.trim();
    if (!window.confirm(t('verify.withdraw.confirm'))) return;
    void withBusy(submit, async () => {
      try {
        await api.post(`/api/documents/${document.documentId}/withdraw`, { reason: text });
        done();
      } catch (error) {
        if (!showFieldErrors(form, error)) errors.replaceChildren(errorBox(error));
      }
    });
  });
  return form;
}

// « Is the PDF I was sent the one the platform issued? » The copy is fingerprinted (SHA-256) in the browser and
// compared with the issued document's: the file never leaves the reader's machine.
function copyCheck(issuedSha256: string) {
  const file = h('input', { class: 'form-control', type: 'file', id: 'verify-copy', accept: 'application/pdf,.pdf' });
  const outcome = h('div', { class: 'mt-2', 'aria-live': 'polite', 'data-testid': 'verify-copy-result' });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    outcome.replaceChildren();
    if (!chosen) return;
    outcome.replaceChildren(spinner(t('verify.copy.checking')));
    void chosen
      .arrayBuffer()
      .then((bytes) => crypto.subtle.digest('SHA-256', bytes))
      .then((digest) => {
        const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
        outcome.replaceChildren(
          sha256 === issuedSha256
            ? alertBox('success', t('verify.copy.genuine'), chosen.name)
            : alertBox('danger', t('verify.copy.different'), t('verify.copy.different.text')),
        );
      })
      .catch((error: unknown) => outcome.replaceChildren(errorBox(error)));
  });
  return h(
    'div',
    { class: 'card card-body mt-3', style: 'max-width: 40rem', 'data-testid': 'verify-copy' },
    h('label', { class: 'form-label', for: 'verify-copy' }, t('verify.copy')),
    file,
    h('div', { class: 'form-text' }, t('verify.copy.help')),
    outcome,
  );
}

export const publicModule: FeatureModule = {
  id: 'public',
  routes: [
    { path: '/', area: 'public', access: 'public', title: 'home.title', render: home },
    { path: '/registry', area: 'public', access: 'public', title: 'registry.title', render: registry },
    { path: '/verify', area: 'public', access: 'public', title: 'verify.title', render: verify },
    { path: '/verify/:ref', area: 'public', access: 'public', title: 'verify.title', render: verify },
  ],
  nav: [
    { area: 'public', href: '/registry', label: 'nav.registry', icon: 'journal-check', access: 'public' },
    { area: 'public', href: '/verify', label: 'nav.verify', icon: 'shield-check', access: 'public', match: /^\/verify/ },
  ],
};
