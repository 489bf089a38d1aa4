import { api, ApiError, hasRoute, query, type Page } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { autosave, discardDraft, draftStatus, loadDraft, newIdempotencyKey, type Draft } from '../../app/drafts.js';
import { daysBetween, formatDate, formatDateTime } from '../../app/format.js';
import { pagedList, tableWithMore } from '../../app/paged-list.js';
import { navigate, setFlash, type FeatureModule, type RouteContext } from '../../app/router.js';
import {
  alertBox,
  badge,
  card,
  definitionList,
  emptyState,
  errorBox,
  pageHeader,
  spinner,
  timeline,
  withBusy,
  type TimelineItem,
  columnHeaders,
} from '../../app/ui.js';
import { PARTY_NAME } from '../../domain/contact.js';
import {
  LABELLING_STATUSES,
  LABELLING_TONE,
  labellingStatusLabel,
  labellingVendorNext,
  type LabellingAction,
  type LabellingDetail,
  type LabellingStatus,
  type LabellingSummary,
  type QueueItem,
} from '../../domain/labelling.js';
import { formDefinitionFor } from '../../formio/definitions.js';
import { renderForm } from '../../formio/render.js';
import { pick, t } from '../../i18n/index.js';
import { actionForms, type ActionSpec } from '../shared/actions.js';
import { operatorSoftware, vendorSoftware } from './software.js';
import { complementAnswerForm, evidenceForm, signAgreementForm, type Recl } from './vendor-actions.js';

// Phase 2 — labelling and referencing: the vendor's Form 3 requests (one per software version) with their queue
// position, and INCERT's FIFO review queue with the review actions; AeS sends the service agreement and confirms it.
const base = '/api/labelling';
const statusBadge = (s: LabellingStatus) => badge(t(labellingStatusLabel(s)), LABELLING_TONE[s], { 'data-status': s });
const fileUrl = (requestId: string, attachmentId: string) =>
  `${base}/requests/${requestId}/files/${encodeURIComponent(attachmentId)}`;

function requestsTable(items: LabellingSummary[], href: (id: string) => string) {
  return h(
    'div',
    { class: 'table-responsive' },
    h(
      'table',
      { class: 'table table-hover align-middle', 'data-testid': 'labelling-requests' },
      h(
        'thead',
        null,
        columnHeaders([
          t('labelling.col.reference'),
          t('labelling.col.software'),
          t('labelling.col.version'),
          t('queue.col.vendor'),
          t('queue.col.status'),
          t('labelling.col.iteration'),
          t('case.updatedAt'),
        ]),
      ),
      h(
        'tbody',
        null,
        items.map((r) =>
          h(
            'tr',
            { 'data-request-id': r.labelRequestId },
            h('td', null, h('a', { href: href(r.labelRequestId), class: 'fw-semibold' }, r.reference)),
            h('td', null, r.softwareName),
            h(
              'td',
              null,
              r.version,
              r.kind === 'retest' ? h('span', { class: 'ms-1 badge text-bg-warning' }, t('labelling.retest')) : null,
            ),
            h('td', null, r.vendorName),
            h('td', null, statusBadge(r.status)),
            h('td', null, String(r.iteration)),
            h('td', { class: 'text-nowrap' }, formatDateTime(r.updatedAt)),
          ),
        ),
      ),
    ),
  );
}

function requestHistory(d: LabellingDetail): TimelineItem[] {
  const items: TimelineItem[] = [{ at: d.createdAt, title: t('labelling.timeline.created'), icon: 'file-earmark-plus' }];
  if (d.submittedAt) items.push({ at: d.submittedAt, title: t('labelling.timeline.submitted'), icon: 'send' });
  if (d.queuedAt) items.push({ at: d.queuedAt, title: t('labelling.timeline.queued'), icon: 'hourglass-split' });
  for (const m of d.messages) {
    items.push({
      at: m.createdAt,
      title: t(`labelling.message.${m.kind}` as 'labelling.message.note') || m.kind,
      text: h(
        'div',
        null,
        h('div', { class: 'message-body' }, m.body),
        m.checklist.length ? h('div', { class: 'small text-body-secondary' }, m.checklist.join(', ')) : null,
        m.files.map((f) =>
          h(
            'a',
            { class: 'd-block', href: fileUrl(d.labelRequestId, f.attachmentId), 'data-external': 'true', download: '' },
            icon('paperclip'),
            ' ',
            f.fileName,
          ),
        ),
      ),
      icon: 'chat-left-text',
      tone:
        m.kind === 'test_results'
          ? 'danger'
          : m.kind === 'complement_request' || m.kind === 'incomplete_notice'
            ? 'warning'
            : 'primary',
    });
  }
  for (const doc of d.documents)
    items.push({
      at: doc.createdAt,
      title: t(`labelling.document.${doc.kind}` as 'labelling.document.label_attestation'),
      text: h(
        'a',
        { href: fileUrl(d.labelRequestId, doc.attachmentId), 'data-external': 'true', download: '' },
        icon('file-earmark-pdf'),
        ' ',
        doc.reference ?? t('labelling.download'),
      ),
      icon: 'award',
      tone: 'success',
    });
  return items.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

function detailCards(d: LabellingDetail) {
  const queue = d.queue;
  const facts = definitionList([
    [t('labelling.col.reference'), h('code', null, d.reference)],
    [t('case.status'), statusBadge(d.status)],
    [t('labelling.col.software'), `${d.softwareName} ${d.version}`],
    [t('labelling.recl'), d.reclVersion ?? '—'],
    [t('labelling.col.iteration'), String(d.iteration)],
    ...(queue
      ? ([
          [
            t('labelling.queuePosition'),
            h(
              'span',
              { 'data-testid': 'queue-position' },
              queue.position ? t('labelling.position', { n: queue.position, total: queue.queued }) : t('labelling.notQueued'),
            ),
          ],
        ] as [string, HTMLElement][])
      : []),
    ...(d.complementDeadline
      ? ([[t('labelling.complementDeadline'), formatDate(d.complementDeadline)]] as [string, string][])
      : []),
  ]);
  const evidence = d.evidence.filter((e) => e.iteration === d.iteration);
  return {
    facts: card(t('case.facts'), facts),
    contact: card(h('span', null, icon('person-lines-fill'), ' ', t('contact.title')), [
      h('p', { class: 'mb-1' }, h('strong', { 'data-testid': 'contact-party' }, t(PARTY_NAME[d.contactPoint.party]))),
      h('p', { class: 'small text-body-secondary mb-0' }, pick(d.contactPoint.topic)),
    ]),
    missing: d.missingEvidence.length
      ? alertBox(
          'warning',
          t('labelling.missing'),
          h(
            'ul',
            { class: 'mb-0' },
            // Bootstrap's pink <code> fails WCAG contrast on the warning background: the alert's own colour instead.
            d.missingEvidence.map((m) =>
              h('li', null, h('code', { class: 'text-reset fw-semibold' }, m.requirementId), ' — ', pick(m.reason)),
            ),
          ),
        )
      : null,
    evidence: card(
      h('span', null, icon('clipboard-check'), ' ', t('labelling.evidence')),
      evidence.length
        ? h(
            'ul',
            { class: 'list-group list-group-flush' },
            evidence.map((e) =>
              h(
                'li',
                { class: 'list-group-item' },
                h('code', null, e.requirementId),
                ' ',
                badge(
                  t(`labelling.result.${e.result}`),
                  e.result === 'pass' ? 'success' : e.result === 'fail' ? 'danger' : 'secondary',
                ),
                e.justification ? h('div', { class: 'small' }, e.justification) : null,
                e.files.map((f) =>
                  h(
                    'a',
                    {
                      // py-1: proof links stacked stay 24 px touch targets (WCAG 2.5.8).
                      class: 'd-block small py-1',
                      href: fileUrl(d.labelRequestId, f.attachmentId),
                      'data-external': 'true',
                      download: '',
                    },
                    icon('paperclip'),
                    ' ',
                    f.fileName,
                  ),
                ),
              ),
            ),
          )
        : emptyState({ icon: 'clipboard', title: t('labelling.noEvidence') }),
    ),
    history: card(h('span', null, icon('clock-history'), ' ', t('case.timeline')), timeline(requestHistory(d)), {
      id: 'timeline',
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Vendor

async function vendorList(ctx: RouteContext) {
  const [access, page] = await Promise.all([
    api.get<{ form3Available: boolean; reason: { fr: string; en: string } | null; labellingRequestsEnd: string | null }>(
      `${base}/access`,
      { signal: ctx.signal },
    ),
    api.get<Page<LabellingSummary>>(`${base}/requests?limit=50`, { signal: ctx.signal }),
  ]);
  append(ctx.outlet, [
    pageHeader(t('labelling.title'), {
      subtitle: t('labelling.subtitle'),
      breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }],
      actions: access.form3Available
        ? h(
            'a',
            { class: 'btn btn-primary', href: '/portal/labelling/new', 'data-testid': 'new-labelling' },
            icon('plus-lg'),
            ' ',
            t('labelling.new'),
          )
        : null,
    }),
    access.form3Available
      ? null
      : alertBox('info', t('labelling.notYet'), pick(access.reason) || t('dashboard.labelling.locked')),
    access.labellingRequestsEnd
      ? h(
          'p',
          { class: 'small text-body-secondary' },
          icon('calendar-event'),
          ' ',
          t('labelling.deadline', { date: formatDate(access.labellingRequestsEnd) }),
        )
      : null,
    page.items.length
      ? requestsTable(page.items, (id) => `/portal/labelling/${id}`)
      : emptyState({
          icon: 'patch-question',
          title: t('labelling.empty'),
          text: access.form3Available ? t('labelling.empty.text') : undefined,
        }),
  ]);
}

async function vendorNew(ctx: RouteContext) {
  const u = ctx.user!;
  const saved = await loadDraft(u.id, 'form3');
  const definition = await formDefinitionFor('form3', saved?.formVersion);
  const draft: Draft = saved ?? { data: {}, savedAt: new Date().toISOString(), idempotencyKey: newIdempotencyKey() };
  const vendorName = u.vendorId
    ? await api
        .get<{ name: string }>(`/api/vendors/${u.vendorId}`, { signal: ctx.signal })
        .then((v) => v.name)
        .catch(() => '')
    : '';
  const status = h('div', { class: 'small text-body-secondary', 'aria-live': 'polite', 'data-testid': 'draft-status' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const target = h('div', { class: 'formio-host', 'data-testid': 'form3' });
  append(ctx.outlet, [
    pageHeader(pick(definition.title) || t('labelling.new'), {
      subtitle: t('labelling.new.subtitle'),
      breadcrumb: [{ href: '/portal/labelling', label: t('labelling.title') }],
      actions: status,
    }),
    saved ? alertBox('info', t('enrol.resumed', { date: formatDateTime(saved.savedAt) })) : null,
    errors,
    h('div', { class: 'card' }, h('div', { class: 'card-body' }, target)),
  ]);
  const save = autosave(u.id, 'form3', draft, (where) => (status.textContent = draftStatus(where)));
  ctx.onCleanup(() => save.flush());
  const mounted = await renderForm(target, definition, {
    data: { ...draft.data, ...(vendorName ? { vendorName } : {}) },
    onChange: (data) => save(data),
    onSubmit: async (data) => {
      errors.replaceChildren();
      try {
        const created = await api.post<LabellingDetail>(
          `${base}/requests`,
          {
            data,
            submit: true,
            ...((draft.formVersion ?? definition.version) ? { formVersion: draft.formVersion ?? definition.version } : {}),
          },
          { headers: { 'Idempotency-Key': draft.idempotencyKey } },
        );
        save.cancel();
        await save.settled();
        await discardDraft(u.id, 'form3');
        setFlash('success', t('labelling.sent'));
        navigate(`/portal/labelling/${created.labelRequestId}`);
      } catch (error) {
        if (error instanceof ApiError && !error.fieldErrors.length) errors.replaceChildren(errorBox(error));
        throw error;
      }
    },
  });
  ctx.onCleanup(mounted.destroy);
}

// Every vendor step has its own form (files to upload): none left for the shared action forms.
const VENDOR_ACTIONS: Partial<Record<LabellingAction, ActionSpec>> = {};

// The vendor's steps with files (complement answer, signed agreement, evidence): their own forms, shown like the others only when the
// case's allowedActions has them and the gateway serves the route.
const VENDOR_FILE_ACTIONS: Partial<Record<LabellingAction, CustomAction>> = {
  answer_complement: {
    path: (id) => `${base}/requests/${id}/complement-answer`,
    render: (d, reload) => complementAnswerForm(d, reload),
  },
  sign_agreement: {
    path: (id) => `${base}/requests/${id}/agreement/sign`,
    render: (d, reload) => signAgreementForm(d, reload),
  },
  add_evidence: {
    path: (id) => `${base}/requests/${id}/evidence`,
    render: (d, reload, recl) => evidenceForm(d, 'add_evidence', recl, reload),
    wide: true,
  },
  submit: {
    path: (id) => `${base}/requests/${id}/submit`,
    render: (d, reload, recl) => evidenceForm(d, 'submit', recl, reload),
    wide: true,
  },
};

async function vendorDetail(ctx: RouteContext) {
  const d = await api.get<LabellingDetail>(`${base}/requests/${encodeURIComponent(ctx.params.id ?? '')}`, { signal: ctx.signal });
  const next = labellingVendorNext(d.status);
  const cards = detailCards(d);
  // The evidence forms start from the current RECL's requirements.
  const recl = d.allowedActions.some((a) => a === 'submit' || a === 'add_evidence')
    ? await api
        .get<{ current: Recl }>(`${base}/recl`, { signal: ctx.signal })
        .then((r) => r.current)
        .catch(() => null)
    : null;
  const wide = d.allowedActions.some((a) => VENDOR_FILE_ACTIONS[a]?.wide);
  const actions = await actionsCard(
    d,
    VENDOR_ACTIONS,
    () => Promise.resolve(navigate(ctx.path, { replace: true })),
    VENDOR_FILE_ACTIONS,
    recl,
  );
  append(ctx.outlet, [
    pageHeader(`${d.softwareName} ${d.version}`, {
      subtitle: h('span', null, t('labelling.request'), ' ', statusBadge(d.status)),
      breadcrumb: [{ href: '/portal/labelling', label: t('labelling.title') }],
    }),
    d.status === 'labelled'
      ? alertBox('success', t('labelling.done'), t(next.key))
      : alertBox(
          next.vendor ? 'warning' : 'info',
          next.vendor ? t('dashboard.headline.todo') : t('dashboard.headline.waiting'),
          t(next.key),
        ),
    cards.missing,
    h(
      'div',
      { class: 'row g-4' },
      h('div', { class: 'col-lg-8 d-flex flex-column gap-4' }, wide ? actions : null, cards.history, cards.evidence),
      h('div', { class: 'col-lg-4 d-flex flex-column gap-4' }, wide ? null : actions, cards.contact, cards.facts),
    ),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Back-office

const OPERATOR_ACTIONS: Partial<Record<LabellingAction, ActionSpec>> = {
  take: {
    path: (id) => `${base}/requests/${id}/take`,
    fields: [{ name: 'reason', label: 'labelling.input.takeReason', type: 'textarea', required: false, min: 5 }],
    tone: 'secondary',
    icon: 'person-check',
  },
  flag_incomplete: {
    path: (id) => `${base}/requests/${id}/flag-incomplete`,
    fields: [{ name: 'message', label: 'action.input.message', type: 'textarea', required: true, min: 3 }],
    tone: 'warning',
    icon: 'exclamation-triangle',
  },
  request_complement: {
    path: (id) => `${base}/requests/${id}/complement-request`,
    fields: [{ name: 'message', label: 'action.input.message', type: 'textarea', required: true, min: 3 }],
    tone: 'warning',
    icon: 'chat-left-text',
  },
  resume_review: { path: (id) => `${base}/requests/${id}/resume`, tone: 'primary', icon: 'play' },
  fail_tests: {
    path: (id) => `${base}/requests/${id}/fail`,
    fields: [{ name: 'results', label: 'labelling.input.results', type: 'textarea', required: true, min: 3 }],
    tone: 'danger',
    icon: 'x-octagon',
  },
  pass_tests: {
    path: (id) => `${base}/requests/${id}/pass`,
    fields: [{ name: 'note', label: 'action.input.note', type: 'textarea', required: false }],
    tone: 'success',
    icon: 'check2-circle',
  },
  // The agreement is generated from the template; AeS may attach a prepared PDF instead.
  send_agreement: {
    path: (id) => `${base}/requests/${id}/agreement/send`,
    fields: [
      {
        name: 'attachmentId',
        label: 'labelling.input.agreementFile',
        type: 'file',
        required: false,
        purpose: 'agreement',
        help: 'labelling.input.agreementFile.help',
      },
    ],
    tone: 'primary',
    icon: 'envelope-paper',
  },
  confirm_agreement: { path: (id) => `${base}/requests/${id}/agreement/confirm`, tone: 'success', icon: 'award' },
};

// An action with its own form (files to upload first) instead of the shared action form.
type CustomAction = {
  path: (id: string) => string;
  render: (d: LabellingDetail, reload: () => Promise<void>, recl: Recl) => HTMLElement;
  // Lines of evidence need the page's main column.
  wide?: boolean;
};

async function actionsCard(
  d: LabellingDetail,
  specs: Partial<Record<LabellingAction, ActionSpec>>,
  reload: () => Promise<void>,
  custom: Partial<Record<LabellingAction, CustomAction>> = {},
  recl: Recl = null,
) {
  const usable: [LabellingAction, ActionSpec][] = [];
  const own: HTMLElement[] = [];
  for (const a of d.allowedActions) {
    const form = custom[a];
    if (form) {
      if (await hasRoute('POST', form.path(':id'))) own.push(form.render(d, reload, recl));
      continue;
    }
    const spec = specs[a];
    if (spec && (await hasRoute('POST', spec.path(':id')))) usable.push([a, spec]);
  }
  const errors = h('div', { 'aria-live': 'assertive' });
  const body = h(
    'div',
    { class: 'd-flex flex-column gap-3', 'data-testid': 'case-actions' },
    errors,
    ...own,
    ...actionForms(
      usable,
      d.rowVersion,
      errors,
      reload,
      (a) => t(`labelling.action.${a}` as 'labelling.action.take'),
      d.labelRequestId,
    ),
  );
  if (!usable.length && !own.length) body.append(emptyState({ icon: 'check2-all', title: t('actions.none') }));
  return card(h('span', null, icon('lightning'), ' ', t('actions.title')), body, { id: 'actions' });
}

async function operatorQueue(ctx: RouteContext) {
  const status = ctx.query.get('status') ?? '';
  const takeNext = h(
    'button',
    { type: 'button', class: 'btn btn-primary', 'data-testid': 'take-next' },
    icon('box-arrow-in-down'),
    ' ',
    t('labelling.takeNext'),
  );
  const errors = h('div', { 'aria-live': 'assertive' });
  const queueBody = h('div', null, spinner());
  const allBody = h('div', null, spinner());
  const decisionsBody = h('div');
  const statusSelect = h(
    'select',
    { class: 'form-select', id: 'labelling-status' },
    h('option', { value: '' }, t('queue.filter.allStatuses')),
    LABELLING_STATUSES.map((s) => h('option', { value: s, selected: s === status }, t(labellingStatusLabel(s)))),
  );
  statusSelect.addEventListener('change', () =>
    navigate(`/back-office/labelling${query({ status: statusSelect.value })}`, { replace: true }),
  );
  append(ctx.outlet, [
    pageHeader(t('labelling.queue.title'), {
      subtitle: t('labelling.queue.subtitle'),
      actions: (await hasRoute('POST', `${base}/queue/next`)) && ctx.user?.roles.includes('incert') ? takeNext : null,
    }),
    errors,
    card(h('span', null, icon('sort-numeric-down'), ' ', t('labelling.queue.fifo')), queueBody, { id: 'fifo' }),
    decisionsBody,
    h('h2', { class: 'h5 mt-4' }, t('labelling.all')),
    h(
      'div',
      { class: 'mb-2', style: 'max-width: 20rem' },
      h('label', { class: 'form-label small', for: 'labelling-status' }, t('queue.filter.status')),
      statusSelect,
    ),
    allBody,
  ]);
  takeNext.addEventListener(
    'click',
    () =>
      void withBusy(takeNext, async () => {
        try {
          const taken = await api.post<LabellingDetail>(`${base}/queue/next`);
          navigate(`/back-office/labelling/${taken.labelRequestId}`);
        } catch (error) {
          errors.replaceChildren(errorBox(error));
        }
      }),
  );
  try {
    const q = await api.get<Page<QueueItem> & { queued: number }>(`${base}/queue?limit=50`, { signal: ctx.signal });
    queueBody.replaceChildren(
      q.items.length
        ? h(
            'div',
            { class: 'table-responsive' },
            h(
              'table',
              { class: 'table align-middle mb-0', 'data-testid': 'fifo-queue' },
              h(
                'thead',
                null,
                columnHeaders([
                  '#',
                  t('labelling.col.reference'),
                  t('queue.col.vendor'),
                  t('labelling.col.software'),
                  t('labelling.col.version'),
                  t('labelling.queuedAt'),
                  t('queue.col.age'),
                ]),
              ),
              h(
                'tbody',
                null,
                q.items.map((i) =>
                  h(
                    'tr',
                    { 'data-request-id': i.labelRequestId },
                    h('td', { class: 'fw-bold' }, String(i.position)),
                    h('td', null, h('a', { href: `/back-office/labelling/${i.labelRequestId}` }, i.reference)),
                    h('td', null, i.vendorName),
                    h('td', null, i.softwareName),
                    h('td', null, i.version),
                    h('td', { class: 'text-nowrap' }, formatDateTime(i.queuedAt)),
                    h('td', null, t('queue.days', { n: daysBetween(i.queuedAt) })),
                  ),
                ),
              ),
            ),
          )
        : emptyState({ icon: 'inbox', title: t('labelling.queue.empty'), text: t('labelling.queue.empty.text') }),
    );
  } catch (error) {
    queueBody.replaceChildren(errorBox(error));
  }
  try {
    const all = await api.get<Page<LabellingSummary>>(`${base}/requests${query({ limit: 50, status })}`, { signal: ctx.signal });
    allBody.replaceChildren(
      all.items.length
        ? requestsTable(all.items, (id) => `/back-office/labelling/${id}`)
        : emptyState({ icon: 'inbox', title: status ? t('queue.empty.filtered') : t('labelling.empty') }),
    );
  } catch (error) {
    allBody.replaceChildren(errorBox(error));
  }
  await queueDecisions(ctx, decisionsBody);
}

// FIFO is the rule (PROCESS.md 2.2); a request taken before the head of the queue is recorded with who, when and why,
// and every operator can read those decisions here.
type QueueDecision = {
  decisionId: string;
  labelRequestId: string;
  headRequestId: string;
  position: number;
  operatorId: string;
  reason: string;
  decidedAt: string;
};
async function queueDecisions(ctx: RouteContext, container: HTMLElement) {
  if (!(await hasRoute('GET', `${base}/queue/decisions`))) return;
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table table-sm align-middle mb-0', 'data-testid': 'queue-decisions' },
    h(
      'thead',
      null,
      columnHeaders([
        t('labelling.decisions.at'),
        t('labelling.decisions.taken'),
        t('labelling.decisions.head'),
        t('labelling.decisions.position'),
        t('labelling.decisions.reason'),
      ]),
    ),
    tbody,
  );
  const link = (id: string) => h('a', { href: `/back-office/labelling/${id}` }, h('code', null, id.slice(0, 8)));
  const body = h('div');
  container.replaceChildren(
    card(h('span', null, icon('signpost-split'), ' ', t('labelling.decisions.title')), body, {
      id: 'queue-decisions',
      class: 'mt-4',
    }),
  );
  await pagedList({
    container: body,
    fetchPage: (cursor) =>
      api.get<Page<QueueDecision>>(`${base}/queue/decisions${query({ limit: 20, cursor })}`, { signal: ctx.signal }),
    add: (items) =>
      tbody.append(
        ...items.map((d) =>
          h(
            'tr',
            { 'data-decision': d.decisionId },
            h(
              'td',
              { class: 'text-nowrap small' },
              formatDateTime(d.decidedAt),
              h('div', { class: 'text-body-secondary' }, d.operatorId),
            ),
            h('td', null, link(d.labelRequestId)),
            h('td', null, link(d.headRequestId)),
            h('td', { class: 'text-end' }, String(d.position)),
            h('td', { class: 'small message-body' }, d.reason),
          ),
        ),
      ),
    view: tableWithMore(table),
    empty: () => h('p', { class: 'text-body-secondary small mb-0' }, t('labelling.decisions.none')),
    failed: (error) => errorBox(error),
  });
}

async function operatorDetail(ctx: RouteContext) {
  const d = await api.get<LabellingDetail>(`${base}/requests/${encodeURIComponent(ctx.params.id ?? '')}`, { signal: ctx.signal });
  const cards = detailCards(d);
  const actions = await actionsCard(d, OPERATOR_ACTIONS, () => Promise.resolve(navigate(ctx.path, { replace: true })));
  append(ctx.outlet, [
    pageHeader(`${d.vendorName} — ${d.softwareName} ${d.version}`, {
      subtitle: h('span', null, t('labelling.request'), ' ', statusBadge(d.status)),
      breadcrumb: [{ href: '/back-office/labelling', label: t('labelling.queue.title') }],
    }),
    cards.missing,
    h(
      'div',
      { class: 'row g-4' },
      h('div', { class: 'col-lg-8 d-flex flex-column gap-4' }, cards.evidence, cards.history),
      h('div', { class: 'col-lg-4 d-flex flex-column gap-4' }, actions, cards.facts, cards.contact),
    ),
  ]);
}

export const labellingModule: FeatureModule = {
  id: 'labelling',
  routes: [
    { path: '/portal/labelling', area: 'portal', access: 'vendor', title: 'labelling.title', render: vendorList },
    { path: '/portal/labelling/new', area: 'portal', access: 'vendor', title: 'labelling.new', render: vendorNew },
    { path: '/portal/labelling/:id', area: 'portal', access: 'vendor', title: 'labelling.request', render: vendorDetail },
    { path: '/portal/software', area: 'portal', access: 'vendor', title: 'software.title', render: vendorSoftware },
    {
      path: '/back-office/software',
      area: 'backoffice',
      access: 'operator',
      title: 'software.operator.title',
      render: operatorSoftware,
    },
    {
      path: '/back-office/labelling',
      area: 'backoffice',
      access: 'operator',
      title: 'labelling.queue.title',
      render: operatorQueue,
    },
    {
      path: '/back-office/labelling/:id',
      area: 'backoffice',
      access: 'operator',
      title: 'labelling.request',
      render: operatorDetail,
    },
  ],
  nav: [
    {
      area: 'portal',
      href: '/portal/labelling',
      label: 'nav.labelling',
      icon: 'patch-check',
      access: 'vendor',
      match: /^\/portal\/labelling/,
    },
    {
      area: 'portal',
      href: '/portal/software',
      label: 'nav.software',
      icon: 'box-seam',
      access: 'vendor',
      match: /^\/portal\/software/,
    },
    {
      area: 'backoffice',
      href: '/back-office/labelling',
      label: 'nav.labellingQueue',
      icon: 'sort-numeric-down',
      access: 'operator',
      match: /^\/back-office\/labelling/,
    },
    {
      area: 'backoffice',
      href: '/back-office/software',
      label: 'nav.softwareOperator',
      icon: 'journal-check',
      access: 'operator',
      match: /^\/back-office\/software/,
    },
  ],
};
