import { api, hasRoute } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import { alertBox, badge, card, columnHeaders, errorBox, pageHeader, spinner, withBusy, type Tone } from '../../app/ui.js';
import type { FormKey } from '../../formio/definitions.js';
import { pick, t } from '../../i18n/index.js';

// The versions of one form (/api/forms/<key>/versions): every operator of the builder reads them and what each changed
// against the published one (added, removed, renamed, retyped keys, changed validation, and the changes a service
// would not accept); the admin exports a version as JSON, imports a file as the draft, and retires a superseded
// version (a vendor draft pinned to it must then move to the current one). See docs/form-definitions.md.
type Status = 'draft' | 'published' | 'superseded' | 'retired';
type Version = {
  version: number;
  status: Status;
  basedOn: number | null;
  author: string;
  changeNote: string | null;
  createdAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  retiredAt: string | null;
};
type Diff = {
  from: number | null;
  to: number;
  diff: {
    added: string[];
    removed: string[];
    renamed: { from: string; to: string }[];
    changedType: { key: string; before: string; after: string }[];
    changedValidation: { key: string }[];
  };
  breaking: { service: string; key: string; message: { fr: string; en: string } }[];
};

const TONE: Record<Status, Tone> = { draft: 'warning', published: 'success', superseded: 'secondary', retired: 'dark' };
const FORM_KEYS: readonly FormKey[] = ['form1', 'form2', 'form3', 'form4'];

function diffView(d: Diff): HTMLElement {
  const rows: [string, string[]][] = [
    [t('forms.diff.added'), d.diff.added],
    [t('forms.diff.removed'), d.diff.removed],
    [t('forms.diff.renamed'), d.diff.renamed.map((r) => `${r.from} → ${r.to}`)],
    [t('forms.diff.changedType'), d.diff.changedType.map((c) => `${c.key} (${c.before} → ${c.after})`)],
    [t('forms.diff.changedValidation'), d.diff.changedValidation.map((c) => c.key)],
  ];
  const shown = rows.filter(([, items]) => items.length);
  return h(
    'div',
    { class: 'small', 'data-diff': String(d.to) },
    h('p', { class: 'mb-1 fw-semibold' }, d.from ? t('forms.diff.against', { n: d.from }) : t('forms.diff.noPublished')),
    shown.length
      ? h(
          'ul',
          { class: 'mb-1' },
          shown.map(([label, items]) =>
            h(
              'li',
              null,
              `${label} : `,
              items.map((i, n) => [n ? ', ' : '', h('code', null, i)]),
            ),
          ),
        )
      : h('p', { class: 'text-body-secondary mb-1' }, t('forms.diff.none')),
    d.breaking.length
      ? alertBox(
          'danger',
          t('forms.diff.breaking'),
          h(
            'ul',
            { class: 'mb-0' },
            d.breaking.map((b) => h('li', null, pick(b.message))),
          ),
        )
      : null,
  );
}

// The JSON export, saved as a file (the API answers it as a document; a link could not name the file).
async function download(key: FormKey, version: number): Promise<void> {
  const doc = await api.get<unknown>(`/api/forms/${key}/export?version=${version}`);
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: `${key}-v${version}.json`, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function importForm(key: FormKey): HTMLFormElement {
  const file = h('input', {
    class: 'form-control',
    type: 'file',
    name: 'file',
    id: 'form-import',
    accept: 'application/json,.json',
  });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-outline-primary', 'data-action': 'import_form' },
    icon('upload'),
    ' ',
    t('forms.import.submit'),
  );
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'form-import' },
    errors,
    h('label', { class: 'form-label', for: 'form-import' }, t('forms.import.file')),
    h('div', { class: 'input-group' }, file, submit),
    h('div', { class: 'form-text' }, t('forms.import.help')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) return void errors.replaceChildren(alertBox('danger', t('forms.import.choose')));
    void withBusy(submit, async () => {
      try {
        let doc: unknown;
        try {
          doc = JSON.parse(await chosen.text());
        } catch {
          errors.replaceChildren(alertBox('danger', t('forms.import.notJson'), chosen.name));
          return;
        }
        const draft = await api.post<{ version: number }>(`/api/forms/${key}/import`, doc);
        setFlash('success', t('forms.import.done', { n: draft.version }));
        navigate(`/back-office/forms/${key}/versions`, { replace: true });
      } catch (error) {
        errors.replaceChildren(errorBox(error));
      }
    });
  });
  return form;
}

export async function formVersionsPage(ctx: RouteContext) {
  const key = ctx.params.key as FormKey;
  if (!FORM_KEYS.includes(key)) throw new Error(t('notFound.title'));
  const { items } = await api.get<{ items: Version[] }>(`/api/forms/${key}/versions`, { signal: ctx.signal });
  const admin = hasRole('admin');
  const [canRetire, canImport] = await Promise.all([
    hasRoute('POST', '/api/forms/:key/versions/:version/retire'),
    hasRoute('POST', '/api/forms/:key/import'),
  ]);
  const errors = h('div', { 'aria-live': 'assertive' });
  const row = (v: Version) => {
    const details = h('div');
    const showDiff = h(
      'button',
      { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'diff' },
      icon('arrow-left-right'),
      ' ',
      t('forms.diff.show'),
    );
    showDiff.addEventListener('click', () => {
      details.replaceChildren(spinner());
      void api
        .get<Diff>(`/api/forms/${key}/diff?version=${v.version}`)
        .then((d) => details.replaceChildren(diffView(d)))
        .catch((error: unknown) => details.replaceChildren(errorBox(error)));
    });
    const exportButton = h(
      'button',
      { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'export' },
      icon('download'),
      ' ',
      t('forms.export'),
    );
    exportButton.addEventListener(
      'click',
      () =>
        void withBusy(exportButton, () =>
          download(key, v.version).catch((error: unknown) => errors.replaceChildren(errorBox(error))),
        ),
    );
    const retire =
      admin && canRetire && v.status === 'superseded'
        ? h(
            'button',
            { type: 'button', class: 'btn btn-sm btn-outline-danger', 'data-action': 'retire' },
            icon('archive'),
            ' ',
            t('forms.retire'),
          )
        : null;
    retire?.addEventListener('click', () => {
      if (!window.confirm(t('forms.retire.confirm', { n: v.version }))) return;
      void withBusy(retire, async () => {
        try {
          await api.post(`/api/forms/${key}/versions/${v.version}/retire`);
          setFlash('success', t('forms.retired', { n: v.version }));
          navigate(ctx.path, { replace: true });
        } catch (error) {
          errors.replaceChildren(errorBox(error));
        }
      });
    });
    return h(
      'tr',
      { 'data-version': String(v.version) },
      h('td', { class: 'fw-semibold' }, String(v.version)),
      h('td', null, badge(t(`forms.status.${v.status}`), TONE[v.status], { 'data-status': v.status })),
      h('td', { class: 'small' }, v.changeNote ?? '—', h('div', { class: 'text-body-secondary' }, v.author), details),
      h('td', { class: 'small text-nowrap' }, formatDateTime(v.createdAt)),
      h(
        'td',
        { class: 'small text-nowrap' },
        v.publishedAt ? formatDateTime(v.publishedAt) : '—',
        v.retiredAt ? h('div', null, t('forms.retiredAt', { date: formatDateTime(v.retiredAt) })) : null,
      ),
      h(
        'td',
        null,
        h(
          'div',
          { class: 'd-flex flex-wrap gap-1' },
          v.status === 'published' ? null : showDiff,
          v.status === 'draft' ? null : exportButton,
          retire,
        ),
      ),
    );
  };
  ctx.outlet.append(
    pageHeader(`${t(`form.name.${key}`)} — ${t('forms.versions')}`, {
      breadcrumb: [{ href: '/back-office/forms', label: t('builder.title') }],
      actions: h('a', { class: 'btn btn-primary', href: `/back-office/forms/${key}` }, icon('pencil'), ' ', t('builder.edit')),
    }),
    errors,
    card(
      h('span', null, icon('clock-history'), ' ', t('forms.versions')),
      h(
        'div',
        { class: 'table-responsive' },
        h(
          'table',
          { class: 'table align-middle mb-0', 'data-testid': 'form-versions' },
          h(
            'thead',
            null,
            columnHeaders([
              t('forms.col.version'),
              t('forms.col.status'),
              t('forms.col.note'),
              t('forms.col.created'),
              t('forms.col.published'),
              t('actions.title'),
            ]),
          ),
          h('tbody', null, [...items].sort((a, b) => b.version - a.version).map(row)),
        ),
      ),
    ),
    admin && canImport
      ? card(h('span', null, icon('upload'), ' ', t('forms.import.title')), importForm(key), { class: 'mt-4' })
      : '',
  );
}
