import { api, hasRoute } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import type { RouteContext } from '../../app/router.js';
import { alertBox, card, errorBox, field, pageHeader, withBusy } from '../../app/ui.js';
import { vendorNextAction, type EnrolmentDetail } from '../../domain/enrolment.js';
import { t } from '../../i18n/index.js';
import { calendarCard } from '../shared/calendar.js';
import { contactCard, factsList, statusBadge, submittedDataCard, timelineCard } from '../shared/enrolment-view.js';

// The vendor's enrolment case: status, the next action, timeline, the data submitted, whom to contact.
export async function enrolmentCasePage(ctx: RouteContext) {
  const id = ctx.params.id ?? '';
  const detail = await api.get<EnrolmentDetail>(`/api/enrolments/${encodeURIComponent(id)}`, { signal: ctx.signal });
  const next = vendorNextAction(detail.status);
  ctx.setTitle(`${t('case.title')} — ${detail.vendorName}`);
  const actions = h('div');
  const calendar = h('div');
  ctx.outlet.append(
    pageHeader(detail.vendorName, {
      subtitle: h('span', null, t('case.enrolmentCase'), ' ', statusBadge(detail.status)),
      breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }],
    }),
    alertBox(next.actor === 'vendor' ? 'warning' : detail.status === 'rejected' ? 'danger' : 'info', next.actor === 'vendor' ? t('dashboard.headline.todo') : t('dashboard.headline.waiting'), t(next.key), detail.rejection ? h('p', { class: 'mb-0 mt-1' }, h('strong', null, t('case.rejectionReason')), ' ', detail.rejection.reason) : null),
    actions,
    h(
      'div',
      { class: 'row g-4' },
      h('div', { class: 'col-lg-8 d-flex flex-column gap-4' }, timelineCard(detail, ctx.signal), submittedDataCard(detail, ctx.onCleanup)),
      h('div', { class: 'col-lg-4 d-flex flex-column gap-4' }, contactCard(detail, detail.status), card(t('case.facts'), factsList(detail)), calendar),
    ),
  );
  void calendarCard(calendar, { only: ['form2Opens', 'complementDeadline', 'testEnvironmentAvailable', 'labellingProcessingStarts', 'labellingRequestsEnd'], title: t('dashboard.deadlines') });
  await vendorActions(actions, detail, ctx);
}

// Answer an information request — shown when the case allows it and the route exists.
async function vendorActions(container: HTMLElement, detail: EnrolmentDetail, ctx: RouteContext) {
  const allowed = detail.allowedActions ?? [];
  if (allowed.includes('answer_information') && (await hasRoute('POST', '/api/enrolments/:id/answer-information'))) {
    const lastRequest = [...(detail.messages ?? [])].reverse().find((m) => m.kind === 'information_request');
    const message = h('textarea', { class: 'form-control', name: 'message', rows: '4', required: true, maxlength: '4000' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, icon('send'), ' ', t('case.answer.submit'));
    const errors = h('div', { 'aria-live': 'assertive' });
    const form = h('form', { novalidate: true }, lastRequest ? h('blockquote', { class: 'border-start ps-3 text-body-secondary' }, lastRequest.body) : null, errors, field(t('case.answer.message'), message), submit);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void withBusy(submit, async () => {
        try {
          await api.post(`/api/enrolments/${detail.enrolmentId}/answer-information`, { message: message.value.trim(), expectedVersion: detail.version });
          await enrolmentCasePageReload(ctx);
        } catch (error) {
          errors.replaceChildren(errorBox(error));
        }
      });
    });
    container.append(card(h('span', null, icon('chat-left-text'), ' ', t('case.answer.title')), form, { class: 'mb-4 border-warning' }));
  }
}

async function enrolmentCasePageReload(ctx: RouteContext) {
  ctx.outlet.replaceChildren();
  await enrolmentCasePage(ctx);
}
