import { api, ApiError, type Page } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { autosave, discardDraft, draftStatus, loadDraft, newIdempotencyKey, type Draft } from '../../app/drafts.js';
import { formatDateTime } from '../../app/format.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import { refreshSession } from '../../app/session.js';
import { alertBox, errorBox, pageHeader, spinner } from '../../app/ui.js';
import type { EnrolmentSummary } from '../../domain/enrolment.js';
import { formDefinitionFor } from '../../formio/definitions.js';
import { renderForm } from '../../formio/render.js';
import { pick, t } from '../../i18n/index.js';

// Form 1 (enrolment), rendered by Form.io. The draft is saved in the browser on every change and resumed; the
// submission carries an Idempotency-Key kept with the draft (a retry never creates a second case); the server's
// field errors are shown at the fields.
export async function enrolPage(ctx: RouteContext) {
  const u = ctx.user!;
  // One enrolment per vendor: a user already attached to an enrolled vendor goes to the case instead.
  if (u.vendorId) {
    const page = await api.get<Page<EnrolmentSummary>>('/api/enrolments?limit=1', { signal: ctx.signal }).catch(() => null);
    const existing = page?.items[0];
    if (existing) {
      ctx.outlet.append(
        pageHeader(t('enrol.title')),
        alertBox(
          'info',
          t('enrol.already'),
          t('enrol.already.text'),
          h('a', { class: 'btn btn-primary mt-2', href: `/portal/enrolments/${existing.enrolmentId}` }, t('dashboard.openCase')),
        ),
      );
      return;
    }
  }

  const saved = await loadDraft(u.id, 'form1');
  // A resumed draft is filled on the version it was begun on (the server validates it against that one).
  const definition = await formDefinitionFor('form1', saved?.formVersion);
  const draft: Draft = saved ?? {
    data: {},
    savedAt: new Date().toISOString(),
    idempotencyKey: newIdempotencyKey(),
    formVersion: definition.version,
  };
  const status = h('div', {
    class: 'draft-status small text-body-secondary',
    'aria-live': 'polite',
    'data-testid': 'draft-status',
  });
  const errors = h('div', { 'aria-live': 'assertive' });
  const target = h('div', { class: 'formio-host', 'data-testid': 'form1' });
  const loading = spinner(t('form.loading'));
  const discard = h(
    'button',
    { type: 'button', class: 'btn btn-sm btn-outline-secondary', hidden: !saved },
    icon('trash'),
    ' ',
    t('enrol.discardDraft'),
  );

  append(ctx.outlet, [
    pageHeader(pick(definition.title) || t('enrol.title'), {
      subtitle: t('enrol.subtitle'),
      breadcrumb: [{ href: '/portal', label: t('nav.dashboard') }],
      actions: [status, discard],
    }),
    saved ? alertBox('info', t('enrol.resumed', { date: formatDateTime(saved.savedAt) })) : null,
    definition.source === 'seed'
      ? h('p', { class: 'small text-body-secondary' }, icon('info-circle'), ' ', t('enrol.seedNote'))
      : null,
    errors,
    h('div', { class: 'card' }, h('div', { class: 'card-body' }, loading, target)),
  ]);

  const save = autosave(u.id, 'form1', draft, (where) => {
    status.textContent = draftStatus(where);
    discard.hidden = false;
  });
  ctx.onCleanup(() => save.flush());

  const mounted = await renderForm(target, definition, {
    data: draft.data,
    pathAliases: { ndaAttachmentId: 'ndaFile' },
    onChange: (data) => save(data),
    onSubmit: async (data) => {
      errors.replaceChildren();
      save.flush();
      try {
        const result = await api.post<EnrolmentSummary>(
          '/api/enrolments',
          {
            data,
            ...((draft.formVersion ?? definition.version) ? { formVersion: draft.formVersion ?? definition.version } : {}),
          },
          { headers: { 'Idempotency-Key': draft.idempotencyKey } },
        );
        save.cancel();
        await save.settled();
        await discardDraft(u.id, 'form1');
        await refreshSession();
        setFlash('success', t('enrol.sent'));
        navigate(`/portal/enrolments/${result.enrolmentId}`);
      } catch (error) {
        // Errors that are not about a field (already enrolled, duplicate) are shown above the form as well.
        if (error instanceof ApiError && !error.fieldErrors.length) errors.replaceChildren(errorBox(error));
        throw error;
      }
    },
  });
  loading.remove();
  ctx.onCleanup(mounted.destroy);
  discard.addEventListener('click', () => {
    if (!window.confirm(t('enrol.discardDraft.confirm'))) return;
    save.cancel();
    void save.settled().then(() => discardDraft(u.id, 'form1'));
    draft.data = {};
    draft.idempotencyKey = newIdempotencyKey();
    mounted.setData({});
    status.textContent = t('enrol.draftDiscarded');
    discard.hidden = true;
  });
}
