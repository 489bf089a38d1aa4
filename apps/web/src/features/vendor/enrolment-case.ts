import { api, ApiError, hasRoute, type Page } from '../../app/api.js';
import { formatDate } from '../../app/format.js';
import { navigate, setFlash } from '../../app/router.js';
import { formDefinition } from '../../formio/definitions.js';
import { renderForm } from '../../formio/render.js';
import { h, icon } from '../../app/dom.js';
import type { RouteContext } from '../../app/router.js';
import {
  alertBox,
  card,
  clearInvalid,
  definitionList,
  emptyState,
  errorBox,
  field,
  invalid,
  load,
  pageHeader,
  showFieldErrors,
  spinner,
  withBusy,
} from '../../app/ui.js';
import { vendorNextAction, type EnrolmentDetail } from '../../domain/enrolment.js';
import { t } from '../../i18n/index.js';
import { calendarCard } from '../shared/calendar.js';
import { filePicker } from '../shared/file-picker.js';
import { contactCard, documentsCard, factsList, statusBadge, submittedDataCard, timelineCard } from '../shared/enrolment-view.js';

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
    alertBox(
      next.actor === 'vendor' ? 'warning' : detail.status === 'rejected' ? 'danger' : 'info',
      next.actor === 'vendor' ? t('dashboard.headline.todo') : t('dashboard.headline.waiting'),
      t(next.key),
      detail.rejection
        ? h('p', { class: 'mb-0 mt-1' }, h('strong', null, t('case.rejectionReason')), ' ', detail.rejection.reason)
        : null,
    ),
    actions,
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-8 d-flex flex-column gap-4' },
        timelineCard(detail, ctx.signal),
        submittedDataCard(detail, ctx.onCleanup),
      ),
      h(
        'div',
        { class: 'col-lg-4 d-flex flex-column gap-4' },
        contactCard(detail, detail.status),
        card(t('case.facts'), factsList(detail)),
        documentsCard(detail),
        calendar,
      ),
    ),
  );
  void calendarCard(calendar, {
    only: ['form2Opens', 'complementDeadline', 'testEnvironmentAvailable', 'labellingProcessingStarts', 'labellingRequestsEnd'],
    title: t('dashboard.deadlines'),
  });
  await vendorActions(actions, detail, ctx);
}

// The vendor's actions on the case, each shown when the case allows it (`allowedActions`) and the route exists.
async function vendorActions(container: HTMLElement, detail: EnrolmentDetail, ctx: RouteContext) {
  const allowed = detail.allowedActions ?? [];
  const reload = () => enrolmentCasePageReload(ctx);
  if (allowed.includes('answer_information') && (await hasRoute('POST', '/api/enrolments/:id/answer'))) {
    const lastRequest = [...(detail.messages ?? [])].reverse().find((m) => m.kind === 'information_request');
    const message = h('textarea', { class: 'form-control', name: 'message', rows: '4', required: true, maxlength: '4000' });
    // What INCERT asked for often comes as files: documents, or a new NDA signed under the declared name.
    const files = filePicker({
      label: t('case.answer.files'),
      name: 'attachmentIds',
      purpose: 'enrolment',
      help: t('case.answer.files.help'),
    });
    const nda = filePicker({
      label: t('case.answer.nda'),
      name: 'ndaAttachmentId',
      purpose: 'nda',
      multiple: false,
      accept: '.pdf,application/pdf',
      help: t('case.answer.nda.help'),
    });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, icon('send'), ' ', t('case.answer.submit'));
    const errors = h('div', { 'aria-live': 'assertive' });
    const form = h(
      'form',
      { novalidate: true, 'data-testid': 'answer-form' },
      lastRequest
        ? h('blockquote', { class: 'border-start border-3 ps-3 text-body-secondary message-body' }, lastRequest.body)
        : null,
      errors,
      field(t('case.answer.message'), message),
      files.view,
      nda.view,
      submit,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      errors.replaceChildren();
      clearInvalid(form);
      if (!message.value.trim()) return invalid(message, t('action.input.required'));
      void withBusy(submit, async () => {
        for (const p of [files, nda]) p.lock(true);
        try {
          const attachmentIds = await files.uploadAll();
          const [ndaAttachmentId] = await nda.uploadAll();
          await api.post(`/api/enrolments/${detail.enrolmentId}/answer`, {
            message: message.value.trim(),
            attachmentIds,
            ...(ndaAttachmentId ? { ndaAttachmentId } : {}),
            ...(detail.version ? { expectedVersion: detail.version } : {}),
          });
          setFlash('success', t('case.answer.sent'));
          await reload();
        } catch (error) {
          if (!showFieldErrors(form, error)) errors.replaceChildren(errorBox(error));
        } finally {
          for (const p of [files, nda]) p.lock(false);
        }
      });
    });
    container.append(
      card(h('span', null, icon('chat-left-text'), ' ', t('case.answer.title')), form, {
        class: 'mb-4 border-warning',
        id: 'answer',
      }),
    );
  }
  if (allowed.includes('submit_form2') && (await hasRoute('POST', '/api/enrolments/:id/form2'))) {
    const target = h('div', { 'data-testid': 'form2' });
    const errors = h('div', { 'aria-live': 'assertive' });
    container.append(
      card(
        h('span', null, icon('file-earmark-text'), ' ', t('case.form2.title')),
        [h('p', { class: 'small text-body-secondary' }, t('case.form2.intro')), errors, target],
        { class: 'mb-4 border-primary', id: 'form2' },
      ),
    );
    const definition = await formDefinition('form2');
    const mounted = await renderForm(target, definition, {
      data: {
        vendorName: detail.vendor?.name ?? detail.vendorName,
        ...(detail.vendor?.providerCode ? { existingProviderCode: detail.vendor.providerCode } : {}),
      },
      onSubmit: async (data) => {
        errors.replaceChildren();
        try {
          await api.post(`/api/enrolments/${detail.enrolmentId}/form2`, {
            data,
            ...(definition.version ? { formVersion: definition.version } : {}),
          });
          setFlash('success', t('case.form2.sent'));
          await reload();
        } catch (error) {
          if (error instanceof ApiError && !error.fieldErrors.length) errors.replaceChildren(errorBox(error));
          throw error;
        }
      },
    });
    ctx.onCleanup(mounted.destroy);
  }
  if (detail.testAccess && (await hasRoute('GET', '/api/enrolments/:id/test-access'))) {
    const body = h('div', null, spinner());
    container.append(
      card(h('span', null, icon('terminal'), ' ', t('case.testAccess.title')), body, { class: 'mb-4', id: 'test-access' }),
    );
    try {
      const access = await api.get<{
        grantedAt: string;
        providerCode: string | null;
        environment: { environmentUrl: string; credentials: { username: string; password?: string }; notes?: string };
      }>(`/api/enrolments/${detail.enrolmentId}/test-access`, { signal: ctx.signal });
      const secret = h('code', { class: 'user-select-all' }, '••••••••');
      const reveal = h(
        'button',
        { type: 'button', class: 'btn btn-sm btn-link', 'aria-pressed': 'false' },
        icon('eye'),
        ' ',
        t('case.testAccess.show'),
      );
      reveal.addEventListener('click', () => {
        const shown = reveal.getAttribute('aria-pressed') === 'true';
        secret.textContent = shown ? '••••••••' : (access.environment.credentials.password ?? '—');
        reveal.setAttribute('aria-pressed', String(!shown));
      });
      body.replaceChildren(
        definitionList([
          [t('case.testAccess.url'), h('code', null, access.environment.environmentUrl)],
          [t('case.testAccess.username'), h('code', null, access.environment.credentials.username)],
          ...(access.environment.credentials.password
            ? ([[t('case.testAccess.password'), h('span', null, secret, reveal)]] as [string, HTMLElement][])
            : []),
          ...(access.providerCode ? ([[t('case.providerCode'), access.providerCode]] as [string, string][]) : []),
          ...(access.environment.notes
            ? ([[t('case.testAccess.notes'), h('span', { class: 'message-body' }, access.environment.notes)]] as [
                string,
                HTMLElement,
              ][])
            : []),
        ]),
      );
    } catch (error) {
      body.replaceChildren(errorBox(error));
    }
  }
  if (detail.documentationSharedAt && (await hasRoute('GET', '/api/documentation'))) {
    const body = h('div');
    container.append(
      card(h('span', null, icon('folder2-open'), ' ', t('case.documentation.title')), body, {
        class: 'mb-4',
        id: 'documentation',
      }),
    );
    await load(
      body,
      () =>
        api.get<
          Page<{
            documentationSetId: string;
            versionLabel: string;
            title: string;
            publishedAt: string;
            files: { attachmentId: string; fileName: string; size: number }[];
          }>
        >('/api/documentation?limit=10', { signal: ctx.signal }),
      (page) =>
        page.items.length
          ? [
              h(
                'ul',
                { class: 'list-unstyled mb-2' },
                page.items.map((set) =>
                  h(
                    'li',
                    { class: 'mb-2' },
                    h(
                      'div',
                      { class: 'fw-semibold' },
                      `${set.title} — ${set.versionLabel}`,
                      ' ',
                      h('small', { class: 'text-body-secondary' }, formatDate(set.publishedAt)),
                    ),
                    h(
                      'ul',
                      null,
                      set.files.map((f) =>
                        h(
                          'li',
                          null,
                          h(
                            'a',
                            {
                              href: `/api/documentation/${set.documentationSetId}/files/${encodeURIComponent(f.attachmentId)}`,
                              download: '',
                              'data-external': 'true',
                            },
                            icon('download'),
                            ' ',
                            f.fileName,
                          ),
                        ),
                      ),
                    ),
                  ),
                ),
              ),
              h('p', { class: 'small text-body-secondary mb-0' }, t('case.documentation.logged')),
            ]
          : emptyState({ icon: 'folder', title: t('case.documentation.none') }),
    );
  }
}

// Re-render through the router (shows the flash message, runs the cleanups of the Form.io instances).
async function enrolmentCasePageReload(ctx: RouteContext) {
  navigate(ctx.path, { replace: true });
}
