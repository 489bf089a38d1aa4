import { api, ApiError, query, type Page } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { fileSize, formatDateTime } from '../../app/format.js';
import { pagedList } from '../../app/paged-list.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import {
  alertBox,
  card,
  clearInvalid,
  columnHeaders,
  emptyState,
  errorBox,
  field,
  invalid,
  pageHeader,
  showFieldErrors,
  withBusy,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { filePicker } from '../shared/file-picker.js';

// The technical documentation (PROCESS.md, Phase 1 step 3: eConnector NG integration, PID v2 / Remboursement
// specifications): INCERT or AeS publish versioned sets; a vendor reads them once its NDA is countersigned and the
// documentation shared with it. Confidential under the NDA: the API logs every download before serving the file.
type DocumentationFile = { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string };
type DocumentationSet = {
  documentationSetId: string;
  versionLabel: string;
  title: string;
  notes: string | null;
  files: DocumentationFile[];
  publishedAt: string;
  publishedBy: string;
};
type Download = {
  downloadId: string;
  documentationSetId: string;
  versionLabel: string;
  attachmentId: string;
  fileName: string;
  vendorId: string | null;
  vendorName: string | null;
  enrolmentId: string | null;
  userId: string;
  userEmail: string | null;
  downloadedAt: string;
};

export const downloadUrl = (setId: string, attachmentId: string) =>
  `/api/documentation/${encodeURIComponent(setId)}/files/${encodeURIComponent(attachmentId)}`;

function setItem(set: DocumentationSet) {
  return h(
    'li',
    { class: 'list-group-item', 'data-documentation-set-id': set.documentationSetId, 'data-version': set.versionLabel },
    h(
      'div',
      { class: 'd-flex flex-wrap justify-content-between gap-2' },
      h('h3', { class: 'h6 mb-1' }, set.title, ' ', h('span', { class: 'badge text-bg-primary' }, set.versionLabel)),
      h(
        'time',
        { class: 'small text-body-secondary', datetime: set.publishedAt },
        t('docs.publishedOn', { date: formatDateTime(set.publishedAt) }),
      ),
    ),
    set.notes ? h('p', { class: 'small message-body mb-1' }, set.notes) : null,
    h(
      'ul',
      { class: 'list-unstyled mb-0' },
      set.files.map((f) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              href: downloadUrl(set.documentationSetId, f.attachmentId),
              download: f.fileName,
              'data-external': 'true',
              'data-file': f.fileName,
            },
            icon('download'),
            ' ',
            f.fileName,
          ),
          ' ',
          h('span', { class: 'small text-body-secondary' }, `(${fileSize(f.size)})`),
        ),
      ),
    ),
  );
}

// The sets, newest first, with "show more" over the cursor.
async function setsList(container: HTMLElement, signal: AbortSignal, failed: (error: unknown, retry: () => void) => Node) {
  const list = h('ul', { class: 'list-group list-group-flush', 'data-testid': 'documentation-sets' });
  await pagedList({
    container,
    fetchPage: (cursor) => api.get<Page<DocumentationSet>>(`/api/documentation${query({ limit: 20, cursor })}`, { signal }),
    add: (items) => list.append(...items.map(setItem)),
    moreClass: 'btn btn-sm btn-outline-primary mt-2',
    view: (more) => h('div', null, list, more),
    empty: () => emptyState({ icon: 'folder', title: t('case.documentation.none') }),
    failed: (error) => failed(error, () => void setsList(container, signal, failed)),
  });
}

// Vendor portal: the documentation shared with this vendor and its download links.
export async function vendorDocumentationPage(ctx: RouteContext) {
  const body = h('div');
  append(ctx.outlet, [
    pageHeader(t('docs.title'), {
      subtitle: t('docs.vendor.subtitle'),
      breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }],
    }),
    alertBox('info', t('docs.confidential'), t('case.documentation.logged')),
    card(h('span', null, icon('folder2-open'), ' ', t('docs.versions')), body, { id: 'documentation' }),
  ]);
  await setsList(body, ctx.signal, (error, retry) =>
    // Not yet entitled (NDA not countersigned, documentation not shared): say why, it is not a failure.
    error instanceof ApiError && error.code === 'DOCUMENTATION_NOT_AVAILABLE'
      ? emptyState({
          icon: 'lock',
          title: t('docs.notYet'),
          text: error.problem.detail ?? '',
          action: h('a', { class: 'btn btn-outline-primary', href: '/portal' }, t('nav.dashboard')),
        })
      : errorBox(error, retry),
  );
}

// Back-office: publish a version (INCERT, AeS), the versions, the download log.
export async function documentationAdminPage(ctx: RouteContext) {
  const versions = h('div');
  const log = h('div');
  append(ctx.outlet, [
    pageHeader(t('docs.title'), { subtitle: t('docs.admin.subtitle') }),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-5 d-flex flex-column gap-4' },
        hasRole('incert', 'aes') ? publishCard(ctx) : null,
        card(h('span', null, icon('folder2-open'), ' ', t('docs.versions')), versions, { id: 'documentation' }),
      ),
      h(
        'div',
        { class: 'col-lg-7' },
        card(h('span', null, icon('journal-text'), ' ', t('docs.log')), log, { id: 'download-log' }),
      ),
    ),
  ]);
  await Promise.all([setsList(versions, ctx.signal, errorBox), downloadLog(log, ctx.signal)]);
}

async function downloadLog(container: HTMLElement, signal: AbortSignal) {
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table table-sm align-middle mb-0', 'data-testid': 'download-log' },
    h('caption', { class: 'visually-hidden' }, t('docs.log')),
    h(
      'thead',
      null,
      columnHeaders([t('docs.log.when'), t('docs.log.who'), t('queue.col.vendor'), t('docs.log.version'), t('docs.log.file')]),
    ),
    tbody,
  );
  const row = (d: Download) => {
    const vendor = h(
      'td',
      { class: 'small' },
      d.vendorId ? (d.vendorName ?? d.vendorId) : h('span', { class: 'text-body-secondary' }, t('docs.log.operator')),
    );
    return h(
      'tr',
      { 'data-download-id': d.downloadId },
      h('td', { class: 'text-nowrap small' }, h('time', { datetime: d.downloadedAt }, formatDateTime(d.downloadedAt))),
      h('td', { class: 'small' }, d.userEmail ?? d.userId),
      vendor,
      h('td', null, h('span', { class: 'badge text-bg-light' }, d.versionLabel)),
      h('td', { class: 'small' }, d.fileName),
    );
  };
  await pagedList({
    container,
    fetchPage: (cursor) => api.get<Page<Download>>(`/api/documentation/downloads${query({ limit: 50, cursor })}`, { signal }),
    add: (items) => tbody.append(...items.map(row)),
    moreClass: 'btn btn-sm btn-outline-primary mt-2',
    view: (more) => h('div', null, h('div', { class: 'table-responsive' }, table), more),
    empty: () => emptyState({ icon: 'journal', title: t('docs.log.empty') }),
    failed: (error) => errorBox(error, () => void downloadLog(container, signal)),
  });
}

// Files are uploaded first (purpose "documentation", with progress), then the set is published with their ids. An
// uploaded file is not sent again when publishing is retried.
function publishCard(ctx: RouteContext) {
  const title = h('input', { class: 'form-control', name: 'title', maxlength: '200', required: true, autocomplete: 'off' });
  const versionLabel = h('input', {
    class: 'form-control',
    name: 'versionLabel',
    maxlength: '50',
    required: true,
    autocomplete: 'off',
    placeholder: '2025.1',
  });
  const notes = h('textarea', { class: 'form-control', name: 'notes', rows: '3', maxlength: '4000' });
  const files = filePicker({
    label: t('docs.field.files'),
    name: 'attachmentIds',
    purpose: 'documentation',
    help: t('docs.field.files.help'),
  });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, icon('cloud-upload'), ' ', t('docs.publish.submit'));

  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'publish-documentation' },
    errors,
    field(t('docs.field.title'), title),
    field(t('docs.field.versionLabel'), versionLabel, t('docs.field.versionLabel.help')),
    field(t('docs.field.notes'), notes),
    files.view,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (!title.value.trim()) return invalid(title, t('action.input.required'));
    if (!versionLabel.value.trim()) return invalid(versionLabel, t('action.input.required'));
    if (!files.count()) return invalid(files.input, t('docs.field.files.required'));
    void withBusy(submit, async () => {
      files.lock(true);
      try {
        const attachmentIds = await files.uploadAll();
        await api.post('/api/documentation', {
          title: title.value.trim(),
          versionLabel: versionLabel.value.trim(),
          ...(notes.value.trim() ? { notes: notes.value.trim() } : {}),
          attachmentIds,
        });
        setFlash('success', t('docs.published', { version: versionLabel.value.trim() }));
        navigate(ctx.path, { replace: true });
      } catch (error) {
        showFieldErrors(form, error);
        errors.replaceChildren(errorBox(error));
      } finally {
        files.lock(false);
      }
    });
  });
  return card(h('span', null, icon('cloud-upload'), ' ', t('docs.publish')), form, { id: 'publish', class: 'border-primary' });
}
