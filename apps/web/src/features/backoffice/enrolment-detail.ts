import { api, hasRoute } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import type { RouteContext } from '../../app/router.js';
import { alertBox, badge, card, emptyState, pageHeader, type Tone } from '../../app/ui.js';
import { actionForms, type ActionSpec } from '../shared/actions.js';
import {
  actionLabel,
  operatorNextAction,
  type EligibilityCheck,
  type EnrolmentAction,
  type EnrolmentDetail,
} from '../../domain/enrolment.js';
import { pick, t } from '../../i18n/index.js';
import { contactCard, documentsCard, factsList, statusBadge, submittedDataCard, timelineCard } from '../shared/enrolment-view.js';

// An enrolment case in the back-office: eligibility checklist, Form 1 read-only, documents, timeline, and the
// actions the API allows this operator on this case now (`allowedActions`), each sent with the version seen
// (`expectedVersion`) so that two operators never overwrite each other silently.
// The gateway's Phase 1 routes (apps/gateway/src/enrolment/enrolment.controller.ts), one per allowed action.
export const OPERATOR_ACTIONS: Partial<Record<EnrolmentAction, ActionSpec>> = {
  assign: { path: (id) => `/api/enrolments/${id}/assign`, tone: 'secondary', icon: 'person-check' },
  validate: {
    path: (id) => `/api/enrolments/${id}/validate`,
    fields: [{ name: 'note', label: 'action.input.note', type: 'textarea', required: false }],
    tone: 'success',
    icon: 'check2-circle',
  },
  request_information: {
    path: (id) => `/api/enrolments/${id}/request-information`,
    fields: [{ name: 'message', label: 'action.input.message', type: 'textarea', required: true, min: 3 }],
    tone: 'warning',
    icon: 'chat-left-text',
  },
  reject: {
    path: (id) => `/api/enrolments/${id}/reject`,
    fields: [{ name: 'reason', label: 'action.input.reason', type: 'textarea', required: true, min: 5 }],
    tone: 'danger',
    icon: 'x-octagon',
    confirm: 'action.reject.confirm',
  },
  // PROCESS.md Phase 1.2–1.3: AeS countersigns the NDA and the vendor receives it — the countersigned PDF is attached
  // here (the vendor downloads it from its case); without a file the NDA is only marked countersigned (signed on paper).
  countersign_nda: {
    path: (id) => `/api/enrolments/${id}/nda/countersign`,
    fields: [
      {
        name: 'countersignedAttachmentId',
        label: 'action.input.countersignedNda',
        type: 'file',
        required: false,
        purpose: 'nda',
        help: 'action.input.countersignedNda.help',
      },
    ],
    tone: 'primary',
    icon: 'pen',
  },
  share_documentation: { path: (id) => `/api/enrolments/${id}/share-documentation`, tone: 'primary', icon: 'folder-symlink' },
  grant_test_access: {
    path: (id) => `/api/enrolments/${id}/test-access`,
    fields: [
      { name: 'environmentUrl', label: 'action.input.environmentUrl', type: 'url', required: true },
      { name: 'username', label: 'action.input.username', type: 'text', required: true },
      { name: 'password', label: 'action.input.password', type: 'password', required: false },
      { name: 'providerCode', label: 'action.input.providerCode', type: 'text', required: false },
      { name: 'notes', label: 'action.input.notes', type: 'textarea', required: false },
    ],
    body: (v) => ({
      environment: {
        environmentUrl: v.environmentUrl,
        credentials: { username: v.username, ...(v.password ? { password: v.password } : {}) },
        ...(v.notes ? { notes: v.notes } : {}),
      },
      ...(v.providerCode ? { providerCode: v.providerCode } : {}),
    }),
    tone: 'success',
    icon: 'terminal',
  },
};

const OUTCOME_TONE: Record<EligibilityCheck['outcome'], Tone> = {
  pass: 'success',
  fail: 'danger',
  needs_operator_judgement: 'warning',
};
const OUTCOME_ICON: Record<EligibilityCheck['outcome'], string> = {
  pass: 'check-circle-fill',
  fail: 'x-circle-fill',
  needs_operator_judgement: 'question-circle-fill',
};

function eligibilityCard(checks: EligibilityCheck[] | undefined) {
  const body = checks?.length
    ? h(
        'ul',
        { class: 'list-group list-group-flush', 'data-testid': 'eligibility' },
        [...checks]
          .sort((a, b) => a.criterion - b.criterion)
          .map((c) =>
            h(
              'li',
              { class: 'list-group-item d-flex gap-2 align-items-start', 'data-outcome': c.outcome },
              h(
                'span',
                { class: `text-${OUTCOME_TONE[c.outcome]}` },
                icon(OUTCOME_ICON[c.outcome], t(`eligibility.outcome.${c.outcome}`)),
              ),
              h(
                'div',
                { class: 'flex-grow-1' },
                h(
                  'div',
                  { class: 'small text-body-secondary' },
                  t('eligibility.criterion', { n: c.criterion }),
                  c.stage === 'form2' ? ' · Form 2' : '',
                ),
                h('div', null, pick(c.reason)),
              ),
              badge(t(`eligibility.outcome.${c.outcome}`), OUTCOME_TONE[c.outcome]),
            ),
          ),
      )
    : emptyState({ icon: 'list-check', title: t('eligibility.none'), text: t('eligibility.none.text') });
  return card(h('span', null, icon('list-check'), ' ', t('eligibility.title')), body, { id: 'eligibility' });
}

async function actionsCard(detail: EnrolmentDetail, reload: () => Promise<void>) {
  const allowed = detail.allowedActions;
  const body = h('div', { class: 'd-flex flex-column gap-3', 'data-testid': 'case-actions' });
  if (!allowed) {
    body.append(emptyState({ icon: 'hourglass-split', title: t('actions.notAvailable'), text: t('actions.notAvailable.text') }));
    return card(h('span', null, icon('lightning'), ' ', t('actions.title')), body, { id: 'actions' });
  }
  const usable: EnrolmentAction[] = [];
  for (const action of allowed) {
    const spec = OPERATOR_ACTIONS[action];
    if (spec && (await hasRoute('POST', spec.path(':id')))) usable.push(action);
  }
  if (!usable.length)
    body.append(emptyState({ icon: 'check2-all', title: t('actions.none'), text: t(operatorNextAction(detail.status).key) }));
  const errors = h('div', { 'aria-live': 'assertive' });
  body.append(errors);
  body.append(
    ...actionForms(
      usable.map((a) => [a, OPERATOR_ACTIONS[a]!] as const),
      detail.version,
      errors,
      reload,
      (a) => t(actionLabel(a as EnrolmentAction)),
      detail.enrolmentId,
    ),
  );
  return card(h('span', null, icon('lightning'), ' ', t('actions.title')), body, { id: 'actions' });
}

export async function enrolmentDetailPage(ctx: RouteContext) {
  const id = ctx.params.id ?? '';
  const detail = await api.get<EnrolmentDetail>(`/api/enrolments/${encodeURIComponent(id)}`, { signal: ctx.signal });
  ctx.setTitle(`${detail.vendorName} — ${t('case.title')}`);
  const reload = async () => {
    ctx.outlet.replaceChildren();
    await enrolmentDetailPage(ctx);
    ctx.outlet.querySelector<HTMLElement>('h1')?.focus();
  };
  const next = operatorNextAction(detail.status);
  ctx.outlet.append(
    pageHeader(detail.vendorName, {
      subtitle: h(
        'span',
        null,
        t('case.enrolmentCase'),
        ' ',
        statusBadge(detail.status),
        detail.assignee
          ? h('span', { class: 'ms-2 small' }, icon('person-check'), ' ', detail.assignee.email ?? detail.assignee.userId)
          : null,
      ),
      breadcrumb: [{ href: '/back-office/enrolments', label: t('queue.title') }],
    }),
    alertBox('info', t('backoffice.next'), t(next.key)),
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-8 d-flex flex-column gap-4' },
        eligibilityCard(detail.eligibility),
        submittedDataCard(detail, ctx.onCleanup),
        timelineCard(detail, ctx.signal),
      ),
      h(
        'div',
        { class: 'col-lg-4 d-flex flex-column gap-4' },
        await actionsCard(detail, reload),
        card(t('case.facts'), factsList(detail)),
        documentsCard(detail),
        contactCard(detail, detail.status),
      ),
    ),
  );
}
