import { api, ApiError, hasRoute, query } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { debounce } from '../../app/drafts.js';
import { formatDateTime, formatTime } from '../../app/format.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import {
  alertBox,
  badge,
  card,
  columnHeaders,
  definitionList,
  emptyState,
  errorBox,
  field,
  markInvalid,
  notAvailable,
  pageHeader,
  spinner,
  type Tone,
  withBusy,
} from '../../app/ui.js';
import { locale, pick, t, type Locale, type Localized } from '../../i18n/index.js';
import { code, formatBytes, parseJsonObject } from './admin-view.js';

// Document templates as versioned data (/api/documents/templates): attestations, invoice, service agreement, receipt.
// Every operator reads them; the admin starts a draft from the published version, edits its Handlebars source per
// locale and its sample data, previews the PDF the documents service renders (live, debounced after edits) and
// publishes it without a deploy (PROCESS.md, Actors: "platform admin edits … document templates").
type TemplateStatus = 'draft' | 'published' | 'retired';
type VersionSummary = {
  key: string;
  version: number;
  status: TemplateStatus;
  title: Localized;
  author: string;
  changeNote: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
};
type TemplateItem = {
  key: string;
  title: Localized;
  publishedVersion: number | null;
  draftVersion: number | null;
  versions: VersionSummary[];
};
type TemplateVersion = VersionSummary & {
  locales: Localized;
  layout: string;
  css: string;
  partials: Record<string, string>;
  schema: Record<string, unknown>;
  sample: Record<string, unknown>;
};
type Preview = { attachmentId: string; sha256: string; pages: number; size: number };

const PATH = '/back-office/templates';
const STATUS_TONE: Record<TemplateStatus, Tone> = { draft: 'warning', published: 'success', retired: 'secondary' };
const LOCALES: readonly Locale[] = ['fr', 'en'];
// Long enough that typing a word is one save, short enough that the preview follows the edit.
const AUTO_PREVIEW_MS = 1200;

const statusBadge = (s: TemplateStatus) => badge(t(`admin.templates.status.${s}`), STATUS_TONE[s], { 'data-status': s });
const templatesApi = (key: string) => `/api/documents/templates/${encodeURIComponent(key)}`;

async function loadTemplates(signal: AbortSignal): Promise<TemplateItem[]> {
  return (await api.get<{ items: TemplateItem[] }>('/api/documents/templates', { signal })).items;
}

export async function templatesList(ctx: RouteContext) {
  const canEdit = hasRole('admin');
  ctx.outlet.append(pageHeader(t('admin.templates.title'), { subtitle: t('admin.templates.subtitle') }));
  if (!(await hasRoute('GET', '/api/documents/templates')))
    return void ctx.outlet.append(notAvailable(t('admin.templates.title')));
  if (!canEdit) ctx.outlet.append(alertBox('info', t('admin.templates.readOnly')));
  const items = await loadTemplates(ctx.signal);
  if (!items.length) return void ctx.outlet.append(emptyState({ icon: 'file-earmark-text', title: t('admin.templates.empty') }));
  ctx.outlet.append(
    h(
      'div',
      { class: 'table-responsive' },
      h(
        'table',
        { class: 'table align-middle', 'data-testid': 'templates-table' },
        h('caption', { class: 'visually-hidden' }, t('admin.templates.title')),
        h(
          'thead',
          null,
          columnHeaders([
            t('admin.templates.col.template'),
            t('admin.templates.col.published'),
            t('admin.templates.col.draft'),
            t('admin.templates.col.updated'),
            '',
          ]),
        ),
        h(
          'tbody',
          null,
          items.map((item) => {
            const latest = item.versions.reduce<VersionSummary | null>((a, v) => (!a || v.updatedAt > a.updatedAt ? v : a), null);
            return h(
              'tr',
              { 'data-template': item.key },
              h(
                'td',
                null,
                h('a', { class: 'fw-semibold', href: `${PATH}/${item.key}` }, pick(item.title)),
                h('div', null, code(item.key, 40)),
              ),
              h(
                'td',
                { 'data-testid': 'published-version' },
                item.publishedVersion
                  ? badge(t('admin.templates.version', { n: item.publishedVersion }), 'success')
                  : h('span', { class: 'text-body-secondary' }, t('admin.templates.none')),
              ),
              h(
                'td',
                null,
                item.draftVersion
                  ? badge(t('admin.templates.version', { n: item.draftVersion }), 'warning')
                  : h('span', { class: 'text-body-secondary' }, '—'),
              ),
              h('td', { class: 'small text-nowrap' }, latest ? formatDateTime(latest.updatedAt) : '—'),
              h(
                'td',
                { class: 'text-end' },
                h(
                  'a',
                  { class: 'btn btn-sm btn-outline-primary', href: `${PATH}/${item.key}` },
                  icon(canEdit ? 'pencil' : 'eye'),
                  ' ',
                  canEdit ? t('admin.templates.open.edit') : t('admin.templates.open.read'),
                ),
              ),
            );
          }),
        ),
      ),
    ),
  );
}

// The PDF as bytes (the attachment route answers it as a download; the frame shows it from a blob: URL instead).
async function fetchPdf(path: string, signal: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: { accept: 'application/pdf, application/problem+json', 'accept-language': locale() },
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, title: t('error.network.title'), detail: t('error.network.detail'), code: 'NETWORK' });
  }
  if (!response.ok) {
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as Record<string, unknown>;
    } catch {
      problem = { detail: t('error.unexpected') };
    }
    throw new ApiError({ ...problem, status: response.status });
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/pdf'))
    throw new ApiError({ status: response.status, title: t('admin.templates.preview.notPdf'), detail: type || '—' });
  return new Blob([await response.arrayBuffer()], { type: 'application/pdf' });
}

function versionsTable(item: TemplateItem, shown: number) {
  return h(
    'div',
    { class: 'table-responsive' },
    h(
      'table',
      { class: 'table table-sm align-middle mb-0', 'data-testid': 'template-versions' },
      h(
        'thead',
        null,
        columnHeaders([
          t('admin.templates.col.version'),
          t('admin.templates.col.status'),
          t('admin.templates.col.author'),
          t('admin.templates.col.changeNote'),
          t('admin.templates.col.updated'),
          t('admin.templates.col.publishedAt'),
        ]),
      ),
      h(
        'tbody',
        null,
        [...item.versions]
          .sort((a, b) => b.version - a.version)
          .map((v) =>
            h(
              'tr',
              {
                'data-version': String(v.version),
                class: v.version === shown ? 'table-active' : null,
                'aria-current': v.version === shown ? 'true' : null,
              },
              h(
                'td',
                null,
                h(
                  'a',
                  { href: `${PATH}/${item.key}${query({ version: v.version })}` },
                  t('admin.templates.version', { n: v.version }),
                ),
              ),
              h('td', null, statusBadge(v.status)),
              h('td', { class: 'small text-break' }, v.author),
              h('td', { class: 'small' }, v.changeNote || '—'),
              h('td', { class: 'small text-nowrap' }, formatDateTime(v.updatedAt)),
              h('td', { class: 'small text-nowrap' }, v.publishedAt ? formatDateTime(v.publishedAt) : '—'),
            ),
          ),
      ),
    ),
  );
}

export async function templateEditorPage(ctx: RouteContext) {
  const key = ctx.params.key ?? '';
  const canEdit = hasRole('admin');
  if (!(await hasRoute('GET', '/api/documents/templates')))
    return void ctx.outlet.append(notAvailable(t('admin.templates.title')));
  const item = (await loadTemplates(ctx.signal)).find((i) => i.key === key);
  if (!item) throw new Error(t('admin.templates.notFound', { key }));
  const requested = Number(ctx.query.get('version'));
  const number =
    Number.isInteger(requested) && requested > 0
      ? requested
      : ((canEdit ? item.draftVersion : null) ?? item.publishedVersion ?? item.versions.at(-1)?.version);
  if (!number) throw new Error(t('admin.templates.notFound', { key }));
  const version = await api.get<TemplateVersion>(`${templatesApi(key)}/versions/${number}`, { signal: ctx.signal });
  const editing = canEdit && version.status === 'draft';
  const canPreview = canEdit && (await hasRoute('POST', '/api/documents/templates/:key/versions/:version/preview'));
  const title = pick(item.title);
  ctx.setTitle(`${title} — ${t('admin.templates.title')}`);

  // ---- Header actions: start a draft, or publish / abandon the one being edited.
  const feedback = h('div', { 'aria-live': 'assertive', 'data-testid': 'template-feedback' });
  const actions: HTMLElement[] = [];
  const reloadPage = () => navigate(`${PATH}/${key}`, { replace: true });
  if (canEdit && !item.draftVersion) {
    const create = h(
      'button',
      { type: 'button', class: 'btn btn-primary', 'data-testid': 'new-draft' },
      icon('file-earmark-plus'),
      ' ',
      t('admin.templates.newDraft'),
    );
    create.addEventListener(
      'click',
      () =>
        void withBusy(create, async () => {
          try {
            const draft = await api.post<TemplateVersion>(`${templatesApi(key)}/drafts`, {});
            setFlash('info', t('admin.templates.draftCreated', { n: draft.version, from: item.publishedVersion ?? '—' }));
            reloadPage();
          } catch (error) {
            feedback.replaceChildren(errorBox(error));
          }
        }),
    );
    actions.push(create);
  }
  if (canEdit && item.draftVersion && !editing) {
    actions.push(
      h(
        'a',
        { class: 'btn btn-outline-primary', href: `${PATH}/${key}${query({ version: item.draftVersion })}` },
        icon('pencil'),
        ' ',
        t('admin.templates.openDraft', { n: item.draftVersion }),
      ),
    );
  }
  const publish = editing
    ? h(
        'button',
        { type: 'button', class: 'btn btn-success', 'data-testid': 'publish-template' },
        icon('cloud-upload'),
        ' ',
        t('admin.templates.publish', { n: version.version }),
      )
    : null;
  const retire = editing
    ? h(
        'button',
        { type: 'button', class: 'btn btn-outline-danger', 'data-testid': 'retire-draft' },
        icon('trash'),
        ' ',
        t('admin.templates.retireDraft'),
      )
    : null;
  if (retire) actions.push(retire);
  if (publish) actions.push(publish);

  append(ctx.outlet, [
    pageHeader(title, {
      breadcrumb: [{ href: PATH, label: t('admin.templates.title') }],
      subtitle: h(
        'span',
        null,
        code(key, 40),
        ' · ',
        t('admin.templates.version', { n: version.version }),
        ' ',
        statusBadge(version.status),
        ' · ',
        item.publishedVersion ? t('admin.templates.publishedIs', { n: item.publishedVersion }) : t('admin.templates.none'),
      ),
      actions,
    }),
    canEdit ? null : alertBox('info', t('admin.templates.readOnly')),
    canEdit && !editing ? alertBox('info', t('admin.templates.immutable')) : null,
    feedback,
  ]);

  // ---- Sources: one Handlebars body per locale (the API's `locales`), and the sample data the preview renders.
  const textarea = (name: string, value: string, testid: string, lang?: string) => {
    const el = h('textarea', {
      class: 'form-control font-monospace template-source',
      name,
      id: `tpl-${name.replace('.', '-')}`,
      rows: '26',
      spellcheck: 'false',
      autocomplete: 'off',
      wrap: 'off',
      lang: lang ?? null,
      readonly: !editing,
      'data-testid': testid,
      style: 'font-size: .8125rem; tab-size: 2; white-space: pre; overflow: auto',
    });
    el.value = value;
    return el;
  };
  const sources: Record<Locale, HTMLTextAreaElement> = {
    fr: textarea('locales.fr', version.locales.fr, 'source-fr', 'fr'),
    en: textarea('locales.en', version.locales.en, 'source-en', 'en'),
  };
  const sample = textarea('sample', JSON.stringify(version.sample, null, 2), 'sample-data');
  const changeNote = h('input', {
    class: 'form-control',
    name: 'changeNote',
    id: 'tpl-change-note',
    maxlength: '500',
    readonly: !editing,
    value: version.changeNote ?? '',
    'data-testid': 'change-note',
  });
  type Pane = Locale | 'sample';
  const panes: Record<Pane, HTMLElement> = {
    fr: h(
      'div',
      { role: 'tabpanel', id: 'tpl-pane-fr', 'aria-labelledby': 'tpl-tab-fr' },
      field(t('admin.templates.source', { locale: 'FR' }), sources.fr, t('admin.templates.source.help')),
    ),
    en: h(
      'div',
      { role: 'tabpanel', id: 'tpl-pane-en', 'aria-labelledby': 'tpl-tab-en', hidden: true },
      field(t('admin.templates.source', { locale: 'EN' }), sources.en, t('admin.templates.source.help')),
    ),
    sample: h(
      'div',
      { role: 'tabpanel', id: 'tpl-pane-sample', 'aria-labelledby': 'tpl-tab-sample', hidden: true },
      field(t('admin.templates.sample'), sample, t('admin.templates.sample.help')),
    ),
  };
  const tabs = h('ul', { class: 'nav nav-tabs mb-3', role: 'tablist' });
  let previewLocale: Locale = locale();
  let lastSource: Locale = previewLocale;
  const showPane = (pane: Pane) => {
    for (const [name, el] of Object.entries(panes)) el.hidden = name !== pane;
    for (const b of Array.from(tabs.querySelectorAll<HTMLButtonElement>('button'))) {
      const selected = b.dataset.pane === pane;
      b.classList.toggle('active', selected);
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
    }
  };
  tabs.append(
    ...(['fr', 'en', 'sample'] as const).map((pane) =>
      h(
        'li',
        { class: 'nav-item', role: 'presentation' },
        h(
          'button',
          {
            type: 'button',
            class: `nav-link${pane === 'fr' ? ' active' : ''}`,
            role: 'tab',
            id: `tpl-tab-${pane}`,
            'aria-controls': `tpl-pane-${pane}`,
            'aria-selected': String(pane === 'fr'),
            'data-pane': pane,
            onclick: () => showPane(pane),
          },
          pane === 'sample' ? t('admin.templates.tab.sample') : t('admin.templates.tab.source', { locale: pane.toUpperCase() }),
        ),
      ),
    ),
  );

  const editorStatus = h('span', { class: 'small text-body-secondary', 'aria-live': 'polite', 'data-testid': 'editor-status' });
  const editorErrors = h('div', { 'aria-live': 'assertive', 'data-testid': 'editor-errors' });
  const saveButton = editing
    ? h(
        'button',
        { type: 'button', class: 'btn btn-outline-primary', 'data-testid': 'save-draft' },
        icon('save'),
        ' ',
        t('admin.templates.save'),
      )
    : null;
  const previewButton = canPreview
    ? h(
        'button',
        { type: 'button', class: 'btn btn-primary', 'data-testid': 'preview-template' },
        icon('file-earmark-pdf'),
        ' ',
        t('admin.templates.preview'),
      )
    : null;
  const autoSwitch =
    editing && canPreview
      ? h('input', {
          class: 'form-check-input',
          type: 'checkbox',
          role: 'switch',
          id: 'tpl-auto-preview',
          checked: true,
          'data-testid': 'auto-preview',
        })
      : null;
  const editorCard = card(
    h(
      'span',
      null,
      icon(editing ? 'pencil-square' : 'file-earmark-code'),
      ' ',
      editing ? t('admin.templates.editor', { n: version.version }) : t('admin.templates.sources', { n: version.version }),
    ),
    [
      editorErrors,
      tabs,
      panes.fr,
      panes.en,
      panes.sample,
      editing || version.changeNote ? field(t('admin.templates.changeNote'), changeNote) : null,
      h(
        'div',
        { class: 'd-flex flex-wrap align-items-center gap-2' },
        saveButton,
        previewButton,
        autoSwitch
          ? h(
              'div',
              { class: 'form-check form-switch mb-0' },
              autoSwitch,
              h('label', { class: 'form-check-label', for: 'tpl-auto-preview' }, t('admin.templates.autoPreview')),
            )
          : null,
        editorStatus,
      ),
    ],
    { id: 'template-source' },
  );

  // ---- Live preview: the PDF from POST …/preview, read back and shown from a blob: URL.
  const frame = h('iframe', {
    class: 'w-100 border rounded',
    title: t('admin.templates.preview.frame'),
    style: 'height: 78vh; background: #525659',
    hidden: true,
    'data-testid': 'preview-frame',
  });
  const placeholder = emptyState({
    icon: 'file-earmark-pdf',
    title: t('admin.templates.preview.none'),
    text: editing ? t('admin.templates.preview.none.text') : null,
  });
  const previewStatus = h('div', {
    'aria-live': 'polite',
    class: 'small text-body-secondary mb-2',
    'data-testid': 'preview-status',
  });
  const previewErrors = h('div', { 'aria-live': 'assertive', 'data-testid': 'preview-errors' });
  const openLink = h(
    'a',
    { class: 'btn btn-sm btn-outline-secondary', target: '_blank', rel: 'noopener', hidden: true, 'data-testid': 'preview-open' },
    icon('box-arrow-up-right'),
    ' ',
    t('admin.templates.preview.open'),
  );
  const localeButtons = LOCALES.map((l) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-sm btn-outline-secondary',
        'data-locale': l,
        'aria-pressed': 'false',
        onclick: () => setPreviewLocale(l, true),
      },
      l.toUpperCase(),
    ),
  );
  // The preview follows the locale being edited; the FR/EN buttons render the other one on demand.
  function setPreviewLocale(l: Locale, refresh = false) {
    const changed = l !== previewLocale;
    previewLocale = l;
    for (const b of localeButtons) {
      const on = b.dataset.locale === l;
      b.setAttribute('aria-pressed', String(on));
      b.classList.toggle('active', on);
    }
    if (changed && refresh && canPreview) void exclusive(() => preview());
  }
  setPreviewLocale(previewLocale);
  const previewCard = canPreview
    ? card(
        h('span', null, icon('file-earmark-pdf'), ' ', t('admin.templates.preview.title')),
        [previewStatus, previewErrors, placeholder, frame],
        {
          id: 'template-preview',
          headerExtra: h(
            'div',
            { class: 'd-flex gap-2 align-items-center' },
            h('div', { class: 'btn-group', role: 'group', 'aria-label': t('admin.templates.preview.locale') }, localeButtons),
            openLink,
          ),
        },
      )
    : null;

  ctx.outlet.append(
    h(
      'div',
      { class: 'row g-4' },
      h('div', { class: previewCard ? 'col-xl-6' : 'col-12' }, editorCard),
      previewCard ? h('div', { class: 'col-xl-6' }, previewCard) : null,
      h(
        'div',
        { class: 'col-12' },
        card(h('span', null, icon('clock-history'), ' ', t('admin.templates.versions')), versionsTable(item, version.version), {
          id: 'template-versions',
          footer: definitionList([
            [
              t('admin.templates.partials'),
              Object.keys(version.partials).length ? Object.keys(version.partials).sort().join(', ') : '—',
            ],
            [t('admin.templates.author'), version.author],
          ]),
        }),
      ),
    ),
  );

  // One request at a time, in order: a preview never renders a draft older than the last save.
  let chain: Promise<void> = Promise.resolve();
  const exclusive = (job: () => Promise<void>): Promise<void> => {
    const run = chain.then(job, job);
    chain = run.catch(() => undefined);
    return run;
  };

  let objectUrl: string | null = null;
  const revoke = () => {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  };
  ctx.onCleanup(revoke);
  // The gateway's Content Security Policy decides whether a blob: PDF may be framed; if it refuses, say so and offer
  // the same PDF in a new tab instead of leaving an empty frame.
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (objectUrl && event.blockedURI.startsWith('blob') && /frame-src|child-src|default-src/.test(event.effectiveDirective)) {
      previewErrors.replaceChildren(
        alertBox('warning', t('admin.templates.preview.blocked'), t('admin.templates.preview.blocked.text')),
      );
    }
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  ctx.onCleanup(() => document.removeEventListener('securitypolicyviolation', onViolation));

  const clearMarks = () => {
    for (const el of [sources.fr, sources.en, sample]) {
      el.classList.remove('is-invalid');
      el.removeAttribute('aria-invalid');
    }
  };
  const mark = (el: HTMLTextAreaElement, messages: string[]) => markInvalid(el, messages.join(' '));
  // Where an API refusal belongs: the locale's source it names, the sample data, or the source last edited.
  const showEditorError = (error: unknown) => {
    editorErrors.replaceChildren(errorBox(error));
    if (!(error instanceof ApiError)) return;
    const marks = new Map<HTMLTextAreaElement, string[]>();
    const add = (el: HTMLTextAreaElement, message: string) => marks.set(el, [...(marks.get(el) ?? []), message]);
    const sourceNamed = (text: string): HTMLTextAreaElement => {
      const named = /\b(fr|en)\.hbs\b/.exec(text)?.[1] as Locale | undefined;
      return sources[named ?? lastSource];
    };
    for (const fe of error.fieldErrors) {
      if (fe.path.startsWith('locales.fr')) add(sources.fr, fe.message);
      else if (fe.path.startsWith('locales.en')) add(sources.en, fe.message);
      else if (fe.path.startsWith('sample') || error.code === 'TEMPLATE_DATA_INVALID') add(sample, fe.message);
      else if (error.code === 'TEMPLATE_INVALID') add(sourceNamed(`${fe.message} ${error.problem.detail ?? ''}`), fe.message);
    }
    if (!marks.size && error.code === 'TEMPLATE_INVALID')
      add(sourceNamed(error.problem.detail ?? ''), error.problem.detail ?? error.message);
    for (const [el, messages] of marks) mark(el, messages);
    const first = marks.keys().next().value;
    if (first) showPane(first === sample ? 'sample' : first === sources.en ? 'en' : 'fr');
  };

  let dirty = false;
  const save = async (): Promise<boolean> => {
    clearMarks();
    const data = parseJsonObject(sample.value);
    if (!data.ok) {
      mark(sample, [data.message]);
      editorErrors.replaceChildren(alertBox('danger', t('admin.templates.sample.invalid'), data.message));
      showPane('sample');
      return false;
    }
    // Edits made while the request runs set it again and are saved next time.
    dirty = false;
    editorStatus.textContent = t('admin.templates.saving');
    try {
      await api.put<TemplateVersion>(`${templatesApi(key)}/versions/${version.version}`, {
        locales: { fr: sources.fr.value, en: sources.en.value },
        sample: data.value,
        changeNote: changeNote.value.trim(),
      });
      editorErrors.replaceChildren();
      editorStatus.textContent = t('admin.templates.saved', { time: formatTime(new Date()) });
      return true;
    } catch (error) {
      dirty = true;
      editorStatus.textContent = t('admin.templates.unsaved');
      showEditorError(error);
      return false;
    }
  };
  const preview = async (): Promise<void> => {
    if (!canPreview) return;
    previewErrors.replaceChildren();
    previewStatus.replaceChildren(spinner(t('admin.templates.preview.rendering', { locale: previewLocale.toUpperCase() })));
    try {
      const result = await api.post<Preview>(
        `${templatesApi(key)}/versions/${version.version}/preview`,
        { locale: previewLocale },
        { signal: ctx.signal },
      );
      const pdf = await fetchPdf(`/api/attachments/${result.attachmentId}/content`, ctx.signal);
      revoke();
      objectUrl = URL.createObjectURL(pdf);
      frame.src = objectUrl;
      frame.hidden = false;
      frame.dataset.sha256 = result.sha256;
      placeholder.hidden = true;
      openLink.href = objectUrl;
      openLink.hidden = false;
      previewStatus.replaceChildren(
        h(
          'span',
          { 'data-testid': 'preview-info' },
          t('admin.templates.preview.info', {
            n: version.version,
            locale: previewLocale.toUpperCase(),
            pages: result.pages,
            size: formatBytes(result.size),
            time: formatTime(new Date()),
          }),
          ' · SHA-256 ',
          code(result.sha256, 12),
        ),
      );
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      previewStatus.replaceChildren(t('admin.templates.preview.failed'));
      // Data that does not match the template's schema is an error in the sample: shown there too.
      if (error instanceof ApiError && error.code === 'TEMPLATE_DATA_INVALID') showEditorError(error);
      previewErrors.replaceChildren(errorBox(error));
    }
  };
  const saveThenPreview = async () => {
    if (editing && dirty && !(await save())) {
      previewStatus.textContent = t('admin.templates.preview.stale');
      return;
    }
    await preview();
  };

  let autoQueued = false;
  const auto = debounce(() => {
    if (autoQueued) return;
    autoQueued = true;
    void exclusive(async () => {
      autoQueued = false;
      await saveThenPreview();
    });
  }, AUTO_PREVIEW_MS);
  const edited = (event: Event) => {
    dirty = true;
    const target = event.target as HTMLElement;
    for (const l of LOCALES) {
      if (target !== sources[l]) continue;
      lastSource = l;
      setPreviewLocale(l);
    }
    if (target.classList.contains('is-invalid')) {
      target.classList.remove('is-invalid');
      target.removeAttribute('aria-invalid');
    }
    editorStatus.textContent = t('admin.templates.unsaved');
    // The change note alone does not change the PDF: it is saved with the next save.
    if (target !== changeNote && autoSwitch?.checked) auto();
  };
  if (editing) for (const el of [sources.fr, sources.en, sample, changeNote]) el.addEventListener('input', edited);
  ctx.onCleanup(() => {
    auto.cancel();
    // Leaving the page keeps the last edits on the server draft.
    if (editing && dirty && parseJsonObject(sample.value).ok) {
      void api
        .put(`${templatesApi(key)}/versions/${version.version}`, {
          locales: { fr: sources.fr.value, en: sources.en.value },
          sample: JSON.parse(sample.value) as unknown,
          changeNote: changeNote.value.trim(),
        })
        .catch(() => undefined);
    }
  });

  saveButton?.addEventListener(
    'click',
    () =>
      void withBusy(saveButton, () =>
        exclusive(async () => {
          auto.cancel();
          dirty = true;
          await save();
        }),
      ),
  );
  previewButton?.addEventListener(
    'click',
    () =>
      void withBusy(previewButton, () =>
        exclusive(async () => {
          auto.cancel();
          await saveThenPreview();
        }),
      ),
  );
  publish?.addEventListener('click', () => {
    if (!window.confirm(t('admin.templates.publish.confirm', { n: version.version, current: item.publishedVersion ?? '—' })))
      return;
    void withBusy(publish, () =>
      exclusive(async () => {
        auto.cancel();
        feedback.replaceChildren();
        if (dirty && !(await save())) return;
        try {
          const published = await api.post<TemplateVersion>(`${templatesApi(key)}/versions/${version.version}/publish`, {});
          dirty = false;
          setFlash('success', t('admin.templates.published', { n: published.version }));
          reloadPage();
        } catch (error) {
          feedback.replaceChildren(errorBox(error));
        }
      }),
    );
  });
  retire?.addEventListener('click', () => {
    if (!window.confirm(t('admin.templates.retire.confirm', { n: version.version }))) return;
    void withBusy(retire, () =>
      exclusive(async () => {
        auto.cancel();
        try {
          await api.post(`${templatesApi(key)}/versions/${version.version}/retire`, {});
          dirty = false;
          setFlash('info', t('admin.templates.retired', { n: version.version }));
          reloadPage();
        } catch (error) {
          feedback.replaceChildren(errorBox(error));
        }
      }),
    );
  });

  // A draft opens with its preview, so the admin sees at once what the sources produce.
  if (editing && canPreview) void exclusive(() => preview());
}
