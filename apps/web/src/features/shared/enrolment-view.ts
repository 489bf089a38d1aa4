import { api, type Page } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { badge, card, definitionList, errorBox, spinner, timeline, type TimelineItem } from '../../app/ui.js';
import { CONTACT_BY_STEP, PARTY_NAME, STEP_LABEL, type Party } from '../../domain/contact.js';
import { STATUS_TONE, statusLabel, stepOf, type EnrolmentDetail, type EnrolmentStatus } from '../../domain/enrolment.js';
import { formDefinition, formDefinitionAt, seedDefinition } from '../../formio/definitions.js';
import { contentUrl } from '../../formio/file-service.js';
import { renderForm } from '../../formio/render.js';
import { pick, t } from '../../i18n/index.js';

// Pieces of the enrolment case shown to vendors and operators alike.

export const statusBadge = (status: EnrolmentStatus) =>
  badge(t(statusLabel(status)), STATUS_TONE[status], { 'data-status': status });

type InboxEntry = {
  id: string;
  eventType: string;
  caseId: string;
  occurredAt: string;
  title?: { fr: string; en: string } | null;
  data?: Record<string, unknown>;
};

// The case's history: the dates the case itself records, its messages, and the case events the notifications
// service recorded (GET /api/notifications?caseId=…), newest last.
export async function caseTimeline(detail: EnrolmentDetail, signal?: AbortSignal): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [{ at: detail.submittedAt, title: t('timeline.enrolment.submitted'), icon: 'send' }];
  if (detail.assignee)
    items.push({ at: detail.assignee.assignedAt, title: t('timeline.enrolment.assigned'), icon: 'person-check' });
  for (const m of detail.messages ?? []) {
    items.push({
      at: m.createdAt,
      title: t(`timeline.message.${m.kind}`),
      text: h(
        'span',
        null,
        h('span', { class: 'message-body' }, m.body),
        m.attachmentIds.length
          ? h(
              'span',
              { class: 'd-block small mt-1', 'data-message-files': m.messageId },
              m.attachmentIds.map((id, i) =>
                h(
                  'a',
                  { href: contentUrl(id), download: '', 'data-external': 'true', class: 'me-3' },
                  icon('paperclip'),
                  ' ',
                  t('timeline.message.file', { n: i + 1 }),
                ),
              ),
            )
          : null,
      ),
      icon: m.kind === 'rejection' ? 'x-octagon' : 'chat-left-text',
      tone: m.kind === 'rejection' ? 'danger' : m.kind === 'information_request' ? 'warning' : 'primary',
    });
  }
  if (detail.validatedAt)
    items.push({ at: detail.validatedAt, title: t('timeline.enrolment.validated'), icon: 'check2-circle', tone: 'success' });
  if (detail.nda?.countersignedAt)
    items.push({ at: detail.nda.countersignedAt, title: t('timeline.enrolment.ndaCountersigned'), icon: 'pen', tone: 'success' });
  if (detail.documentationSharedAt)
    items.push({
      at: detail.documentationSharedAt,
      title: t('timeline.enrolment.documentationShared'),
      icon: 'folder-symlink',
      tone: 'success',
    });
  if (detail.form2) items.push({ at: detail.form2.submittedAt, title: t('timeline.enrolment.form2'), icon: 'file-earmark-text' });
  if (detail.testAccess)
    items.push({ at: detail.testAccess.grantedAt, title: t('timeline.enrolment.testAccess'), icon: 'terminal', tone: 'success' });
  if (detail.rejection && !(detail.messages ?? []).some((m) => m.kind === 'rejection'))
    items.push({
      at: detail.rejection.at,
      title: t('timeline.enrolment.rejected'),
      text: detail.rejection.reason,
      icon: 'x-octagon',
      tone: 'danger',
    });
  try {
    const inbox = await api.get<Page<InboxEntry>>(
      `/api/notifications?caseId=${encodeURIComponent(detail.enrolmentId)}&limit=50`,
      { signal },
    );
    const known = new Set(items.map((i) => i.at?.slice(0, 19)));
    for (const e of inbox.items) {
      // Skip events the case itself already shows at the same instant.
      if (known.has(e.occurredAt.slice(0, 19))) continue;
      items.push({
        at: e.occurredAt,
        title: pick(e.title) || e.eventType.replace(/^lu\.esante\.sons\./, '').replace(/\.v1$/, ''),
        icon: 'bell',
      });
    }
  } catch {
    // The notifications service is optional for the timeline.
  }
  items.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  return items;
}

export function timelineCard(detail: EnrolmentDetail, signal?: AbortSignal) {
  const body = h('div', null, spinner());
  void caseTimeline(detail, signal)
    .then((items) => body.replaceChildren(timeline(items)))
    .catch((e: unknown) => body.replaceChildren(errorBox(e)));
  return card(h('span', null, icon('clock-history'), ' ', t('case.timeline')), body, { id: 'timeline' });
}

// Who to contact for this case now: the server's answer when it gives one, else PROCESS.md's table.
export function contactCard(detail: EnrolmentDetail | null, status: EnrolmentStatus | null) {
  const step = status ? stepOf(status) : 'enrolment';
  const party: Party = detail?.contactPoint?.party ?? CONTACT_BY_STEP[step];
  return card(
    h('span', null, icon('person-lines-fill'), ' ', t('contact.title')),
    [
      h(
        'p',
        { class: 'mb-1' },
        h('span', { class: 'text-body-secondary' }, t(STEP_LABEL[step]), ' → '),
        h('strong', { 'data-testid': 'contact-party' }, detail?.contactPoint?.name ?? t(PARTY_NAME[party])),
      ),
      detail?.contactPoint?.topic ? h('p', { class: 'small text-body-secondary mb-2' }, pick(detail.contactPoint.topic)) : null,
      h(
        'p',
        { class: 'small mb-0' },
        icon('headset'),
        ' ',
        detail?.helpdesk ? `${detail.helpdesk.name} — ${pick(detail.helpdesk.topic)}` : t('contact.helpdesk'),
      ),
      h('p', { class: 'small mb-0' }, icon('question-circle'), ' ', t('contact.convention')),
    ],
    { id: 'contact' },
  );
}

export function factsList(detail: EnrolmentDetail) {
  return definitionList([
    [t('case.reference'), h('code', null, detail.enrolmentId)],
    [t('case.status'), statusBadge(detail.status)],
    [t('case.personType'), detail.personType ? t(`personType.${detail.personType}`) : '—'],
    [t('case.submittedAt'), formatDateTime(detail.submittedAt)],
    [t('case.updatedAt'), formatDateTime(detail.updatedAt)],
    ...(detail.vendor?.providerCode ? ([[t('case.providerCode'), detail.vendor.providerCode]] as [string, string][]) : []),
  ]);
}

// Form 1 as submitted, rendered read-only by Form.io with the version it was filled on; a case that does not
// record it (older cases) renders with the published one (seed if none).
export function submittedDataCard(detail: EnrolmentDetail, onCleanup: (fn: () => void) => void) {
  const target = h('div', { class: 'formio-readonly', 'data-testid': 'submitted-data' });
  const version = detail.formVersion ?? null;
  const note = version
    ? h(
        'p',
        { class: 'small text-body-secondary mb-2', 'data-testid': 'submitted-form-version' },
        t('case.form1Version', { version }),
      )
    : null;
  const body = h('div', null, spinner(t('form.loading')), note, target);
  void (version ? formDefinitionAt('form1', version) : formDefinition('form1'))
    .catch(() => seedDefinition('form1'))
    .then((definition) => renderForm(target, definition, { readOnly: true, data: detail.data }))
    .then((mounted) => {
      body.firstElementChild?.remove();
      onCleanup(mounted.destroy);
    })
    .catch((e: unknown) => body.replaceChildren(errorBox(e)));
  return card(h('span', null, icon('file-earmark-text'), ' ', t('case.submittedData')), body, { id: 'submitted-data' });
}

// The case's NDA: the copy the vendor signed and, once AeS attached it, the countersigned one (PROCESS.md Phase 1.3:
// the vendor receives it). Both are fetched through the case (its vendor and operators only; every download audited).
export function documentsCard(detail: EnrolmentDetail) {
  const files: { label: string; which: 'signed' | 'countersigned' }[] = [{ label: t('documents.ndaSigned'), which: 'signed' }];
  if (detail.nda?.countersignedAttachmentId) files.push({ label: t('documents.ndaCountersigned'), which: 'countersigned' });
  return card(
    h('span', null, icon('paperclip'), ' ', t('documents.title')),
    h(
      'ul',
      { class: 'list-unstyled mb-0' },
      files.map((f) =>
        h(
          'li',
          { class: 'mb-1' },
          h(
            'a',
            {
              href: `/api/enrolments/${detail.enrolmentId}/nda/${f.which}`,
              download: '',
              'data-external': 'true',
              'data-nda': f.which,
            },
            icon('file-earmark-pdf'),
            ' ',
            f.label,
          ),
        ),
      ),
    ),
    { id: 'documents' },
  );
}
