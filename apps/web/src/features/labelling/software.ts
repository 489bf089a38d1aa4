import { api, hasRoute, query, type Page } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { pagedList } from '../../app/paged-list.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import {
  alertBox,
  badge,
  card,
  clearInvalid,
  columnHeaders,
  definitionList,
  emptyState,
  errorBox,
  field,
  invalid,
  notAvailable,
  pageHeader,
  showFieldErrors,
  type Tone,
  tooShort,
  withBusy,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';

// PROCESS.md Phase 2.7 — a label is for one version. The vendor declares each new version of a labelled software:
// minor (no new standardised forms) keeps the label, major needs a new labelling; neither gives a right to a new
// incentive payment. When INCERT or AeS publish a new RECL / technical documentation version, every label is flagged
// « new tests required » and its vendor told; AeS may withdraw a label. The shapes mirror @sons/contracts
// softwareSchema and reclSchema (apps/gateway/src/labelling/labelling.controller.ts).
type LabelStatus = 'labelled' | 'retest_required' | 'withdrawn';
type SoftwareVersion = {
  versionId: string;
  version: string;
  kind: 'initial' | 'minor' | 'major';
  basedOnVersion: string | null;
  changes: string | null;
  declaredAt: string;
  labelId: string | null;
  labelStatus: LabelStatus | null;
  incentiveEligible: boolean;
};
type Software = {
  softwareId: string;
  vendorId: string;
  vendorName: string;
  name: string;
  createdAt: string;
  versions: SoftwareVersion[];
};
type ReclRequirement = { id: string; title: string };
type PublishedRecl = {
  reclId: string;
  version: string;
  title: string;
  notes: string | null;
  requirements: ReclRequirement[];
  technicalDocumentationVersion: string | null;
  publishedAt: string;
  publishedBy: string;
  flaggedLabels: number;
};

const base = '/api/labelling';
const LABEL_TONE: Record<LabelStatus, Tone> = { labelled: 'success', retest_required: 'warning', withdrawn: 'danger' };

const labelBadge = (status: LabelStatus | null) =>
  status ? badge(t(`software.label.${status}`), LABEL_TONE[status], { 'data-label-status': status }) : '—';

// One row per version; `extra` adds a last column (AeS's withdraw form on the row that carries a label).
function versionsTable(software: Software, extra?: { header: string; cell: (v: SoftwareVersion) => HTMLElement | string }) {
  return h(
    'div',
    { class: 'table-responsive' },
    h(
      'table',
      { class: 'table table-sm align-middle mb-0', 'data-software-versions': software.softwareId },
      h(
        'thead',
        null,
        columnHeaders([
          t('labelling.col.version'),
          t('software.col.kind'),
          t('software.col.basedOn'),
          t('software.col.declaredAt'),
          t('software.col.label'),
          t('software.col.incentive'),
          ...(extra ? [extra.header] : []),
        ]),
      ),
      h(
        'tbody',
        null,
        software.versions.map((v) =>
          h(
            'tr',
            { 'data-version': v.version },
            h(
              'td',
              { class: 'fw-semibold' },
              v.version,
              v.changes ? h('div', { class: 'small text-body-secondary' }, v.changes) : null,
            ),
            h('td', null, t(`software.kind.${v.kind}`)),
            h('td', null, v.basedOnVersion ?? '—'),
            h('td', { class: 'text-nowrap' }, formatDate(v.declaredAt)),
            h('td', null, labelBadge(v.labelStatus)),
            h('td', null, v.incentiveEligible ? t('common.yes') : t('common.no')),
            extra ? h('td', null, extra.cell(v)) : null,
          ),
        ),
      ),
    ),
  );
}

// The vendor declares a new version of one of its software.
function declareForm(software: Software, reload: () => void): HTMLFormElement {
  const version = h('input', { class: 'form-control', name: 'version', maxlength: '50', autocomplete: 'off' });
  const kinds = (['minor', 'major'] as const).map((kind) =>
    h('input', { class: 'form-check-input', type: 'radio', name: 'kind', value: kind, checked: kind === 'minor' }),
  );
  const labelled = software.versions.filter((v) => v.labelId && v.labelStatus !== 'withdrawn');
  const basedOn = h(
    'select',
    { class: 'form-select', name: 'basedOnVersion' },
    h('option', { value: '' }, t('software.declare.basedOn.latest')),
    labelled.map((v) => h('option', { value: v.version }, v.version)),
  );
  const changes = h('textarea', { class: 'form-control', name: 'changes', rows: '3', maxlength: '4000' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', 'data-action': 'declare_version' },
    icon('plus-lg'),
    ' ',
    t('software.declare.submit'),
  );
  const form = h(
    'form',
    { novalidate: true, 'data-declare-version': software.softwareId },
    errors,
    field(t('software.declare.version'), version, t('software.declare.version.help')),
    h(
      'fieldset',
      { class: 'mb-3' },
      h('legend', { class: 'form-label fs-6' }, t('software.declare.kind')),
      field(t('software.kind.minor'), kinds[0], t('software.declare.kind.minor.help')),
      field(t('software.kind.major'), kinds[1], t('software.declare.kind.major.help')),
    ),
    field(t('software.declare.basedOn'), basedOn, t('software.declare.basedOn.help')),
    field(t('software.declare.changes'), changes, t('software.declare.changes.help')),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (!version.value.trim()) return invalid(version, t('action.input.required'));
    if (tooShort(changes, 3)) return;
    const kind = kinds.find((k) => k.checked)?.value as 'minor' | 'major';
    void withBusy(submit, async () => {
      try {
        await api.post(`${base}/software/${software.softwareId}/versions`, {
          version: version.value.trim(),
          kind,
          changes: changes.value.trim(),
          ...(kind === 'minor' && basedOn.value ? { basedOnVersion: basedOn.value } : {}),
        });
        setFlash(
          kind === 'major' ? 'info' : 'success',
          t(`software.declared.${kind}`, { version: version.value.trim(), name: software.name }),
        );
        reload();
      } catch (error) {
        if (!showFieldErrors(form, error)) errors.replaceChildren(errorBox(error));
      }
    });
  });
  // The version a minor one extends only matters for a minor version.
  const syncBasedOn = () => (basedOn.disabled = !kinds[0].checked);
  for (const k of kinds) k.addEventListener('change', syncBasedOn);
  return form;
}

// AeS withdraws a label, with the reason the registry and the vendor read.
function withdrawForm(labelId: string, reload: () => void): HTMLElement {
  const reason = h('textarea', { class: 'form-control', name: 'reason', rows: '2', maxlength: '4000' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-sm btn-danger', 'data-action': 'withdraw_label' },
    icon('x-octagon'),
    ' ',
    t('software.withdraw.submit'),
  );
  const form = h(
    'form',
    { novalidate: true, 'data-withdraw-label': labelId },
    errors,
    field(t('software.withdraw.reason'), reason),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (tooShort(reason, 5)) return;
    const text = reason.value.trim();
    if (!window.confirm(t('software.withdraw.confirm'))) return;
    void withBusy(submit, async () => {
      try {
        await api.post(`${base}/labels/${labelId}/withdraw`, { reason: text });
        setFlash('success', t('software.withdrawn'));
        reload();
      } catch (error) {
        if (!showFieldErrors(form, error)) errors.replaceChildren(errorBox(error));
      }
    });
  });
  return h('details', null, h('summary', { class: 'small text-danger' }, t('software.withdraw.open')), form);
}

// The software list, a page at a time, each software as a card.
async function softwareList(
  ctx: RouteContext,
  container: HTMLElement,
  render: (s: Software) => HTMLElement,
  empty: () => Node,
): Promise<void> {
  const list = h('div', { class: 'd-flex flex-column gap-4', 'data-testid': 'software-list' });
  await pagedList({
    container,
    fetchPage: (cursor) => api.get<Page<Software>>(`${base}/software${query({ limit: 20, cursor })}`, { signal: ctx.signal }),
    add: (items) => list.append(...items.map(render)),
    view: (more) =>
      h('div', { class: 'd-flex flex-column gap-3' }, list, h('div', { class: 'd-flex justify-content-center' }, more)),
    empty,
    failed: (error) => errorBox(error, () => navigate(ctx.path, { replace: true })),
  });
}

const reload = (ctx: RouteContext) => () => navigate(ctx.path, { replace: true });

export async function vendorSoftware(ctx: RouteContext) {
  const body = h('div');
  ctx.outlet.append(
    pageHeader(t('software.title'), {
      subtitle: t('software.subtitle'),
      breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }],
    }),
    alertBox('info', t('software.rules.title'), t('software.rules.text')),
    body,
  );
  if (!(await hasRoute('GET', `${base}/software`))) return void body.replaceChildren(notAvailable(t('software.title')));
  const canDeclare = await hasRoute('POST', `${base}/software/:id/versions`);
  await softwareList(
    ctx,
    body,
    (s) => {
      const hasLabel = s.versions.some((v) => v.labelId && v.labelStatus !== 'withdrawn');
      return card(
        h('span', null, icon('box-seam'), ' ', s.name),
        [
          versionsTable(s),
          canDeclare && hasLabel
            ? h(
                'details',
                { class: 'mt-3' },
                h('summary', { class: 'fw-semibold' }, t('software.declare.open')),
                h('div', { class: 'pt-3' }, declareForm(s, reload(ctx))),
              )
            : h('p', { class: 'small text-body-secondary mt-3 mb-0' }, t('software.declare.afterLabel')),
        ],
        { id: `software-${s.softwareId}` },
      );
    },
    () => emptyState({ icon: 'box-seam', title: t('software.empty'), text: t('software.empty.text') }),
  );
}

// The publish form starts from the current RECL: operators edit its requirements instead of typing them again.
function reclForm(current: PublishedRecl | null, ctx: RouteContext): HTMLFormElement {
  const version = h('input', { class: 'form-control', name: 'version', maxlength: '20', autocomplete: 'off' });
  const title = h('input', { class: 'form-control', name: 'title', maxlength: '200', value: current?.title ?? '' });
  const docVersion = h('input', { class: 'form-control', name: 'technicalDocumentationVersion', maxlength: '50' });
  const notes = h('textarea', { class: 'form-control', name: 'notes', rows: '2', maxlength: '4000' });
  const requirements = h('textarea', { class: 'form-control font-monospace', name: 'requirements', rows: '6' });
  requirements.value = (current?.requirements ?? []).map((r) => `${r.id} ${r.title}`).join('\n');
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-warning', 'data-action': 'publish_recl' },
    icon('megaphone'),
    ' ',
    t('recl.publish.submit'),
  );
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'recl-form' },
    errors,
    h(
      'div',
      { class: 'row gx-3' },
      h('div', { class: 'col-md-4' }, field(t('recl.field.version'), version)),
      h('div', { class: 'col-md-8' }, field(t('recl.field.title'), title)),
    ),
    field(t('recl.field.docVersion'), docVersion, t('recl.field.docVersion.help')),
    field(t('recl.field.requirements'), requirements, t('recl.field.requirements.help')),
    field(t('recl.field.notes'), notes, t('recl.field.notes.help')),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (!version.value.trim()) return invalid(version, t('action.input.required'));
    if (!title.value.trim()) return invalid(title, t('action.input.required'));
    const lines = requirements.value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const parsed: ReclRequirement[] = [];
    for (const [i, line] of lines.entries()) {
      const [, id, text] = /^(\S+)\s+(.+)$/.exec(line) ?? [];
      if (!id || !text || id.length > 50 || text.length > 300)
        return invalid(requirements, t('recl.field.requirements.bad', { n: i + 1 }));
      parsed.push({ id, title: text.trim() });
    }
    // The requirements are Form 3's evidence checklist: a RECL without any would ask vendors for no proof at all.
    if (!parsed.length) return invalid(requirements, t('recl.field.requirements.none'));
    if (!window.confirm(t('recl.publish.confirm'))) return;
    void withBusy(submit, async () => {
      try {
        const published = await api.post<PublishedRecl>(`${base}/recl`, {
          version: version.value.trim(),
          title: title.value.trim(),
          requirements: parsed,
          ...(docVersion.value.trim() ? { technicalDocumentationVersion: docVersion.value.trim() } : {}),
          ...(notes.value.trim() ? { notes: notes.value.trim() } : {}),
        });
        setFlash('success', t('recl.published', { version: published.version, n: published.flaggedLabels }));
        navigate(ctx.path, { replace: true });
      } catch (error) {
        // A wrong requirement line comes back as requirements.<n>.<field>: it belongs to the requirements box.
        const shown = showFieldErrors(form, error);
        if (!shown) errors.replaceChildren(errorBox(error));
      }
    });
  });
  return form;
}

function reclCard(current: PublishedRecl | null, form: HTMLFormElement | null) {
  const summary = current
    ? [
        definitionList([
          [t('recl.field.version'), h('span', { 'data-testid': 'recl-version' }, current.version)],
          [t('recl.field.title'), current.title],
          [t('recl.field.docVersion'), current.technicalDocumentationVersion ?? '—'],
          [t('recl.publishedAt'), `${formatDateTime(current.publishedAt)} — ${current.publishedBy}`],
          [t('recl.flagged'), String(current.flaggedLabels)],
        ]),
        current.notes ? h('p', { class: 'small' }, current.notes) : null,
        h(
          'ul',
          { class: 'small mb-0', 'data-testid': 'recl-requirements' },
          current.requirements.map((r) => h('li', { 'data-requirement': r.id }, h('code', null, r.id), ' ', r.title)),
        ),
      ]
    : emptyState({ icon: 'journal-check', title: t('recl.none') });
  return card(
    h('span', null, icon('journal-check'), ' ', t('recl.title')),
    [
      summary,
      form
        ? h(
            'details',
            { class: 'mt-3' },
            h('summary', { class: 'fw-semibold' }, t('recl.publish.open')),
            h('div', { class: 'pt-3' }, alertBox('warning', t('recl.publish.warning')), form),
          )
        : null,
    ],
    { id: 'recl' },
  );
}

export async function operatorSoftware(ctx: RouteContext) {
  const recl = h('div');
  const body = h('div');
  ctx.outlet.append(
    pageHeader(t('software.operator.title'), { subtitle: t('software.operator.subtitle') }),
    recl,
    h('h2', { class: 'h5 mt-4' }, t('software.operator.list')),
    body,
  );
  if (!(await hasRoute('GET', `${base}/software`))) return void body.replaceChildren(notAvailable(t('software.operator.title')));
  try {
    const { current } = await api.get<{ current: PublishedRecl | null }>(`${base}/recl`, { signal: ctx.signal });
    const publishes = hasRole('incert', 'aes') && (await hasRoute('POST', `${base}/recl`));
    recl.replaceChildren(reclCard(current, publishes ? reclForm(current, ctx) : null));
  } catch (error) {
    recl.replaceChildren(errorBox(error));
  }
  const withdraws = hasRole('aes') && (await hasRoute('POST', `${base}/labels/:id/withdraw`));
  await softwareList(
    ctx,
    body,
    (s) => {
      // A minor version shares the label of the version it extends: the withdraw form sits on the label's own row.
      const seen = new Set<string>();
      const extra = withdraws
        ? {
            header: t('actions.title'),
            cell: (v: SoftwareVersion) => {
              if (!v.labelId || v.labelStatus === 'withdrawn' || seen.has(v.labelId)) return '';
              seen.add(v.labelId);
              return withdrawForm(v.labelId, reload(ctx));
            },
          }
        : undefined;
      return card(h('span', null, icon('box-seam'), ' ', `${s.vendorName} — ${s.name}`), versionsTable(s, extra), {
        id: `software-${s.softwareId}`,
      });
    },
    () => emptyState({ icon: 'box-seam', title: t('software.operator.empty') }),
  );
}
