import { api, hasRoute, type Page } from '../../app/api.js';
import { h, icon, type Child } from '../../app/dom.js';
import { formatAmount, formatDate, formatDateTime } from '../../app/format.js';
import type { RouteContext } from '../../app/router.js';
import { alertBox, badge, card, emptyState, errorBox, pageHeader, spinner, type Tone } from '../../app/ui.js';
import { CONTACT_BY_STEP, PARTY_NAME, type Party } from '../../domain/contact.js';
import {
  STATUS_ORDER,
  vendorNextAction,
  type EnrolmentDetail,
  type EnrolmentStatus,
  type EnrolmentSummary,
} from '../../domain/enrolment.js';
import { loadDraft } from '../../app/drafts.js';
import { pick, t, type MessageKey } from '../../i18n/index.js';
import { calendarCard, loadProgramme } from '../shared/calendar.js';
import { statusBadge } from '../shared/enrolment-view.js';
import type { LabellingStatus } from '../../domain/labelling.js';
import {
  connectionsVerdict,
  countByStatus,
  invoicesVerdict,
  labellingVerdict,
  type ConnectionStatus,
  type InvoiceStatus,
  type StageVerdict,
} from '../../domain/stages.js';

// The vendor's dashboard: where each case of the programme stands, the next action expected from the vendor, the
// deadlines, and whom to contact for the current step. One "stage" per programme step; each stage reads its own API
// and says plainly when that API is not available yet.
type StageState = 'done' | 'current' | 'waiting' | 'locked' | 'unavailable' | 'rejected';
type Stage = {
  id: string;
  title: MessageKey;
  icon: string;
  state: StageState;
  summary: Child;
  next?: Child;
  contact: Party;
  action?: HTMLElement | null;
};

const STATE_TONE: Record<StageState, Tone> = {
  done: 'success',
  current: 'primary',
  waiting: 'info',
  locked: 'light',
  unavailable: 'light',
  rejected: 'danger',
};

async function enrolmentStage(
  enrolment: EnrolmentSummary | null,
  detail: EnrolmentDetail | null,
  userId: string,
): Promise<Stage> {
  if (!enrolment) {
    const draft = await loadDraft(userId, 'form1');
    return {
      id: 'enrolment',
      title: 'stage.enrolment',
      icon: 'pencil-square',
      state: 'current',
      summary: draft ? t('dashboard.enrolment.draft', { date: formatDateTime(draft.savedAt) }) : t('dashboard.enrolment.none'),
      next: t('dashboard.enrolment.next'),
      contact: CONTACT_BY_STEP.enrolment,
      action: h(
        'a',
        { class: 'btn btn-primary', href: '/portal/enrolment/new', 'data-testid': 'start-enrolment' },
        icon('pencil-square'),
        ' ',
        draft ? t('dashboard.enrolment.resume') : t('dashboard.enrolment.start'),
      ),
    };
  }
  const status = enrolment.status;
  const next = vendorNextAction(status);
  const validated = STATUS_ORDER[status] >= STATUS_ORDER.documentation_shared && status !== 'rejected';
  return {
    id: 'enrolment',
    title: 'stage.enrolment',
    icon: 'pencil-square',
    state: status === 'rejected' ? 'rejected' : validated ? 'done' : next.actor === 'vendor' ? 'current' : 'waiting',
    summary: h('span', null, statusBadge(status), ' ', t('dashboard.submittedOn', { date: formatDate(enrolment.submittedAt) })),
    next: validated ? undefined : t(next.key),
    contact: detail?.contactPoint?.party ?? CONTACT_BY_STEP.enrolment,
    action: h(
      'a',
      { class: 'btn btn-outline-primary', href: `/portal/enrolments/${enrolment.enrolmentId}`, 'data-testid': 'open-enrolment' },
      icon('folder2-open'),
      ' ',
      t('dashboard.openCase'),
    ),
  };
}

function testAccessStage(status: EnrolmentStatus | null): Stage {
  const base = { id: 'tests', title: 'stage.tests' as MessageKey, icon: 'terminal', contact: CONTACT_BY_STEP.tests };
  if (!status || status === 'rejected' || STATUS_ORDER[status] < STATUS_ORDER.documentation_shared) {
    return { ...base, state: 'locked', summary: t('dashboard.tests.locked') };
  }
  if (status === 'documentation_shared')
    return { ...base, state: 'current', summary: t('dashboard.tests.form2'), next: t('enrolment.next.vendor.sendForm2') };
  if (status === 'test_access_requested')
    return {
      ...base,
      state: 'waiting',
      summary: t('dashboard.tests.requested'),
      next: t('enrolment.next.vendor.waitTestAccess'),
    };
  return { ...base, state: 'done', summary: t('dashboard.tests.granted'), next: t('enrolment.next.vendor.runTests') };
}

// Later phases: each stage reads its cases and says where they stand (counts by status), whether the vendor has
// something to do or waits for an operator, and the next action (domain/stages.ts).
type LaterSpec = {
  id: string;
  title: MessageKey;
  icon: string;
  route: string;
  href: string;
  contact: Party;
  lockedText: MessageKey;
  verdict: (statuses: string[]) => StageVerdict;
  statusLabel: (status: string) => MessageKey;
};

// `unlocked`: the step is open to the vendor even without a case yet (a stage with cases is never shown locked).
async function laterStage(
  spec: LaterSpec,
  open: boolean,
  unlocked: (statuses: string[]) => boolean,
  signal: AbortSignal,
): Promise<Stage & { statuses: string[] }> {
  const base = { id: spec.id, title: spec.title, icon: spec.icon, contact: spec.contact, statuses: [] as string[] };
  if (!(await hasRoute('GET', spec.route))) return { ...base, state: 'unavailable', summary: t('dashboard.notAvailable') };
  if (!open) return { ...base, state: 'locked', summary: t(spec.lockedText) };
  try {
    const page = await api.get<Page<{ status: string }>>(`${spec.route}?limit=100`, { signal });
    const statuses = page.items.map((i) => i.status);
    if (!statuses.length && !unlocked(statuses)) return { ...base, state: 'locked', summary: t(spec.lockedText) };
    const verdict = spec.verdict(statuses);
    const counts = countByStatus(statuses);
    return {
      ...base,
      statuses,
      state: verdict.state,
      summary: counts.length
        ? h(
            'span',
            { class: 'd-flex flex-wrap gap-1', 'data-counts': counts.map(([s, n]) => `${s}:${n}`).join(',') },
            counts.map(([s, n]) => badge(`${n} × ${t(spec.statusLabel(s))}`, 'light')),
          )
        : t('dashboard.count', { n: 0 }),
      next: t(verdict.next),
      action: h('a', { class: 'btn btn-outline-primary', href: spec.href }, icon('folder2-open'), ' ', t('dashboard.open')),
    };
  } catch (e) {
    return { ...base, state: 'unavailable', summary: errorBox(e) };
  }
}

const LATER: Record<'labelling' | 'connections' | 'invoices', LaterSpec> = {
  labelling: {
    id: 'labelling',
    title: 'stage.labelling',
    icon: 'patch-check',
    route: '/api/labelling/requests',
    href: '/portal/labelling',
    contact: CONTACT_BY_STEP.tests,
    lockedText: 'dashboard.labelling.locked',
    verdict: (s) => labellingVerdict(s as LabellingStatus[]),
    statusLabel: (s) => `labelling.status.${s}` as MessageKey,
  },
  connections: {
    id: 'connections',
    title: 'stage.connections',
    icon: 'plug',
    route: '/api/connections',
    href: '/portal/connections',
    contact: CONTACT_BY_STEP.connection,
    lockedText: 'dashboard.connections.locked',
    verdict: (s) => connectionsVerdict(s as ConnectionStatus[]),
    statusLabel: (s) => `connection.status.${s}` as MessageKey,
  },
  invoices: {
    id: 'invoices',
    title: 'stage.invoices',
    icon: 'receipt',
    route: '/api/invoices',
    href: '/portal/invoices',
    contact: CONTACT_BY_STEP.payment,
    lockedText: 'dashboard.invoices.locked',
    verdict: (s) => invoicesVerdict(s as InvoiceStatus[]),
    statusLabel: (s) => `invoice.status.${s}` as MessageKey,
  },
};

function stageCard(stage: Stage, index: number) {
  return h(
    'li',
    { class: `stage stage-${stage.state}`, 'data-stage': stage.id, 'data-state': stage.state },
    h(
      'div',
      { class: 'card h-100' },
      h(
        'div',
        { class: 'card-body d-flex flex-column gap-2' },
        h(
          'h3',
          { class: 'h6 mb-0' },
          h('span', { class: 'stage-index', 'aria-hidden': 'true' }, String(index + 1)),
          ' ',
          icon(stage.icon),
          ' ',
          t(stage.title),
        ),
        h('div', null, badge(t(`stage.state.${stage.state}`), STATE_TONE[stage.state])),
        h('div', { class: 'small' }, stage.summary),
        stage.next && stage.state !== 'done'
          ? h('div', { class: 'small next-action' }, h('span', { class: 'fw-semibold' }, t('dashboard.next'), ' '), stage.next)
          : stage.next
            ? h('div', { class: 'small text-body-secondary' }, stage.next)
            : null,
        h(
          'div',
          { class: 'small text-body-secondary' },
          icon('person-lines-fill'),
          ' ',
          t('dashboard.contact'),
          ' ',
          h('strong', null, t(PARTY_NAME[stage.contact])),
        ),
        stage.action ? h('div', { class: 'mt-auto pt-1' }, stage.action) : null,
      ),
    ),
  );
}

export async function dashboard(ctx: RouteContext) {
  const u = ctx.user!;
  const headline = h('div', { 'data-testid': 'next-action' });
  const stagesEl = h('ol', { class: 'stages list-unstyled', 'aria-label': t('dashboard.stages') }, h('li', null, spinner()));
  const calendar = h('div');
  const notifications = h('div');
  ctx.outlet.append(
    pageHeader(t('dashboard.title'), {
      subtitle: t('dashboard.subtitle', { name: u.displayName || u.email }),
      actions: u.vendorId
        ? [
            h(
              'a',
              { class: 'btn btn-sm btn-outline-primary', href: '/portal/company' },
              icon('building'),
              ' ',
              t('company.title'),
            ),
            h(
              'a',
              { class: 'btn btn-sm btn-outline-primary', href: '/portal/documentation' },
              icon('folder2-open'),
              ' ',
              t('docs.title'),
            ),
          ]
        : null,
    }),
    headline,
    h('h2', { class: 'h5 mt-4 mb-3' }, t('dashboard.stages')),
    stagesEl,
    h(
      'div',
      { class: 'row g-4 mt-1' },
      h('div', { class: 'col-lg-6' }, calendar),
      h('div', { class: 'col-lg-6' }, notifications),
    ),
  );
  void calendarCard(calendar, { title: t('dashboard.deadlines') });

  let enrolments: EnrolmentSummary[] = [];
  try {
    enrolments = u.vendorId
      ? (await api.get<Page<EnrolmentSummary>>('/api/enrolments?limit=20', { signal: ctx.signal })).items
      : [];
  } catch (e) {
    stagesEl.replaceChildren(
      h(
        'li',
        null,
        errorBox(e, () => void dashboard(ctx)),
      ),
    );
    return;
  }
  const enrolment = enrolments[0] ?? null;
  let detail: EnrolmentDetail | null = null;
  if (enrolment)
    detail = await api.get<EnrolmentDetail>(`/api/enrolments/${enrolment.enrolmentId}`, { signal: ctx.signal }).catch(() => null);
  const status = enrolment?.status ?? null;
  const testsPassed = status === 'test_access_granted';
  const programme = await loadProgramme().catch(() => null);
  // Connections and invoices open once a version is labelled.
  const labelling = await laterStage(LATER.labelling, testsPassed, () => true, ctx.signal);
  const labelled = labelling.statuses.includes('labelled');
  const stages = [
    await enrolmentStage(enrolment, detail, u.id),
    testAccessStage(status),
    labelling,
    ...(await Promise.all([
      laterStage(LATER.connections, testsPassed, () => labelled, ctx.signal),
      laterStage(LATER.invoices, testsPassed, () => labelled, ctx.signal),
    ])),
  ];
  if (programme) {
    const invoices = stages[4];
    if (invoices && invoices.state !== 'unavailable')
      invoices.summary = h(
        'span',
        null,
        invoices.summary,
        ' · ',
        t('dashboard.tariff', { amount: formatAmount(programme.tariffPerConnectionCents) }),
      );
  }
  stagesEl.replaceChildren(...stages.map(stageCard));

  // The one thing to do now, at the top.
  const current =
    stages.find((s) => s.state === 'current' || s.state === 'rejected') ?? stages.find((s) => s.state === 'waiting');
  if (current) {
    const waiting = current.state === 'waiting';
    headline.replaceChildren(
      alertBox(
        current.state === 'rejected' ? 'danger' : waiting ? 'info' : 'warning',
        waiting ? t('dashboard.headline.waiting') : t('dashboard.headline.todo'),
        h(
          'span',
          null,
          current.next ?? current.summary,
          ' ',
          h('span', { class: 'text-body-secondary' }, '(', t('dashboard.contact'), ' ', t(PARTY_NAME[current.contact]), ')'),
        ),
        current.action ? h('div', { class: 'mt-2' }, headlineAction(current.action)) : null,
      ),
    );
  }

  await loadNotifications(notifications, ctx.signal);
}

// The stage's action, repeated in the headline as a solid button: the outline one on the alert's tinted background
// falls below the WCAG AA contrast ratio (4.5:1), and it is the one thing to do now.
function headlineAction(action: HTMLElement): Node {
  const button = action.cloneNode(true) as HTMLElement;
  button.classList.replace('btn-outline-primary', 'btn-primary');
  return button;
}

type InboxEntry = {
  id: string;
  eventType: string;
  caseId: string;
  occurredAt: string;
  title?: { fr: string; en: string } | null;
};
async function loadNotifications(container: HTMLElement, signal: AbortSignal) {
  container.replaceChildren(spinner());
  try {
    const page = await api.get<Page<InboxEntry>>('/api/notifications?limit=8&order=newest', { signal });
    container.replaceChildren(
      card(
        h('span', null, icon('bell'), ' ', t('dashboard.notifications')),
        page.items.length
          ? h(
              'ul',
              { class: 'list-group list-group-flush' },
              page.items.map((n) =>
                h(
                  'li',
                  { class: 'list-group-item d-flex justify-content-between gap-2' },
                  h('span', null, pick(n.title) || n.eventType),
                  h(
                    'time',
                    { class: 'small text-body-secondary text-nowrap', datetime: n.occurredAt },
                    formatDateTime(n.occurredAt),
                  ),
                ),
              ),
            )
          : emptyState({ icon: 'bell-slash', title: t('dashboard.notifications.empty') }),
        { id: 'notifications' },
      ),
    );
  } catch (e) {
    container.replaceChildren(alertBox('warning', t('dashboard.notifications'), (e as Error).message));
  }
}
