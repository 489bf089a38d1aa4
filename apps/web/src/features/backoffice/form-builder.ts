import { SUPPORTED_COMPONENT_TYPES } from '@sons/forms';
import { api, ApiError, hasRoute } from '../../app/api.js';
import { hasRole } from '../../app/session.js';
import { append, h, icon } from '../../app/dom.js';
import { clearDraft, debounce, newIdempotencyKey, readDraft, writeDraft } from '../../app/drafts.js';
import { formatDateTime, formatTime } from '../../app/format.js';
import type { RouteContext } from '../../app/router.js';
import { alertBox, card, errorBox, pageHeader, spinner, withBusy } from '../../app/ui.js';
import { formDefinition, type FormKey } from '../../formio/definitions.js';
import { formioI18n, loadFormio, type FormioStatic } from '../../formio/loader.js';
import { renderForm, type FormSchema, type MountedForm } from '../../formio/render.js';
import { pick, locale, t } from '../../i18n/index.js';

// Form schema editor: the Form.io builder (its code editors use Ace, served from our build), limited to the
// component types @sons/forms validates, with a live preview. Publishing (draft → lint → diff → publish) needs the
// forms API; until it lands the edited schema is kept as a local draft and "Publish" says why it is unavailable.
const FORM_KEYS: FormKey[] = ['form1', 'form2', 'form3', 'form4'];
const LAYOUT = new Set(['panel', 'fieldset', 'columns', 'content', 'htmlelement', 'button']);

function builderGroups() {
  const fields = Object.fromEntries(SUPPORTED_COMPONENT_TYPES.filter((c) => !LAYOUT.has(c)).map((c) => [c, true]));
  const layout = Object.fromEntries(SUPPORTED_COMPONENT_TYPES.filter((c) => LAYOUT.has(c)).map((c) => [c, true]));
  return {
    basic: false,
    advanced: false,
    data: false,
    premium: false,
    layout: false,
    sonsFields: { title: t('builder.group.fields'), weight: 0, default: true, components: fields },
    sonsLayout: { title: t('builder.group.layout'), weight: 10, components: layout },
  };
}

// The content component's editor is CKEditor (from Form.io's CDN): edit its HTML with Ace instead.
let patched = false;
function patchContentEditor(Formio: FormioStatic) {
  if (patched) return;
  const components = (
    Formio as unknown as {
      Components: { components: Record<string, { editForm: (...a: unknown[]) => { components: Record<string, unknown>[] } }> };
    }
  ).Components.components;
  const content = components.content;
  if (!content) return;
  const original = content.editForm.bind(content);
  content.editForm = (...args: unknown[]) => {
    const form = original(...args);
    for (const c of form.components) if (c.key === 'html') Object.assign(c, { editor: 'ace', as: 'html', wysiwyg: false });
    return form;
  };
  patched = true;
}

export async function formsList(ctx: RouteContext) {
  const canPublish = await hasRoute('POST', '/api/forms/:key/publish');
  append(ctx.outlet, [
    pageHeader(t('builder.title'), { subtitle: t('builder.subtitle') }),
    canPublish ? null : alertBox('info', t('builder.apiMissing'), t('builder.apiMissing.text')),
    h(
      'div',
      { class: 'row g-3' },
      await Promise.all(
        FORM_KEYS.map(async (key) => {
          const def = await formDefinition(key);
          const draft = ctx.user ? readDraft(ctx.user.id, `builder.${key}`) : null;
          return h(
            'div',
            { class: 'col-md-6' },
            card(
              h('span', null, icon('ui-checks'), ' ', t(`form.name.${key}`)),
              [
                h('p', { class: 'small text-body-secondary' }, pick(def.title)),
                h(
                  'p',
                  { class: 'small mb-0' },
                  def.version ? t('builder.version', { n: def.version }) : t('builder.seed'),
                  draft
                    ? h(
                        'span',
                        { class: 'ms-2 badge text-bg-warning' },
                        t('builder.localDraft', { date: formatDateTime(draft.savedAt) }),
                      )
                    : null,
                ),
              ],
              {
                footer: h(
                  'div',
                  { class: 'd-flex gap-2' },
                  h(
                    'a',
                    { class: 'btn btn-sm btn-primary', href: `/back-office/forms/${key}` },
                    icon('pencil'),
                    ' ',
                    t('builder.edit'),
                  ),
                  h(
                    'a',
                    { class: 'btn btn-sm btn-outline-dark', href: `/back-office/forms/${key}/versions` },
                    icon('clock-history'),
                    ' ',
                    t('forms.versions'),
                  ),
                ),
              },
            ),
          );
        }),
      ),
    ),
  ]);
}

export async function formBuilderPage(ctx: RouteContext) {
  const key = ctx.params.key as FormKey;
  if (!FORM_KEYS.includes(key)) throw new Error(t('notFound.title'));
  const u = ctx.user!;
  const def = await formDefinition(key);
  const draftKey = `builder.${key}`;
  const saved = readDraft(u.id, draftKey);
  const schema = (saved?.data as FormSchema | undefined) ?? def.schema;
  const apiExists = await hasRoute('POST', '/api/forms/:key/publish');
  const canPublish = apiExists && hasRole('admin');

  const status = h('span', { class: 'small text-body-secondary', 'aria-live': 'polite', 'data-testid': 'builder-status' });
  const publish = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-success',
      disabled: !canPublish,
      title: canPublish ? null : t('builder.publish.adminOnly'),
      'data-testid': 'publish',
    },
    icon('cloud-upload'),
    ' ',
    t('builder.publish'),
  );
  const reset = h(
    'button',
    { type: 'button', class: 'btn btn-outline-secondary' },
    icon('arrow-counterclockwise'),
    ' ',
    t('builder.reset'),
  );
  const tabs = h('ul', { class: 'nav nav-tabs mb-3', role: 'tablist' });
  const builderPane = h(
    'div',
    { class: 'builder-host', 'data-testid': 'form-builder', role: 'tabpanel', id: 'pane-builder' },
    spinner(t('builder.loading')),
  );
  const previewPane = h('div', { class: 'card card-body', role: 'tabpanel', id: 'pane-preview', hidden: true });
  const jsonPane = h('pre', {
    class: 'card card-body small schema-json',
    role: 'tabpanel',
    id: 'pane-json',
    hidden: true,
    tabindex: '0',
  });
  append(ctx.outlet, [
    pageHeader(`${t(`form.name.${key}`)} — ${t('builder.editor')}`, {
      breadcrumb: [{ href: '/back-office/forms', label: t('builder.title') }],
      actions: [status, reset, publish],
    }),
    !apiExists
      ? alertBox('info', t('builder.apiMissing'), t('builder.apiMissing.text'))
      : canPublish
        ? null
        : alertBox('info', t('builder.publish.adminOnly')),
    tabs,
    builderPane,
    previewPane,
    jsonPane,
  ]);

  const Formio = await loadFormio();
  patchContentEditor(Formio);
  builderPane.replaceChildren();
  const builder = await Formio.builder(builderPane, structuredClone(schema), {
    language: locale(),
    i18n: formioI18n(def.i18n?.en),
    builder: builderGroups(),
    noDefaultSubmitButton: true,
    fileService: undefined,
  });
  let preview: MountedForm | null = null;
  ctx.onCleanup(() => {
    preview?.destroy();
    (builder as { destroy?: () => void }).destroy?.();
  });
  const current = () => structuredClone(builder.schema) as FormSchema;
  const save = debounce(() => {
    writeDraft(u.id, draftKey, {
      data: current(),
      savedAt: new Date().toISOString(),
      idempotencyKey: saved?.idempotencyKey ?? newIdempotencyKey(),
    });
    status.textContent = t('enrol.draftSaved', { time: formatTime(new Date()) });
  }, 500);
  for (const event of ['change', 'saveComponent', 'updateComponent', 'deleteComponent']) builder.on(event, () => save());
  ctx.onCleanup(() => save.flush());

  const show = async (pane: 'builder' | 'preview' | 'json') => {
    builderPane.hidden = pane !== 'builder';
    previewPane.hidden = pane !== 'preview';
    jsonPane.hidden = pane !== 'json';
    for (const a of Array.from(tabs.querySelectorAll('button'))) {
      const selected = a.dataset.pane === pane;
      a.classList.toggle('active', selected);
      a.setAttribute('aria-selected', String(selected));
    }
    if (pane === 'preview') {
      preview?.destroy();
      previewPane.replaceChildren(spinner());
      const target = h('div');
      try {
        preview = await renderForm(target, { key, schema: current(), i18n: def.i18n });
        previewPane.replaceChildren(target);
      } catch (e) {
        previewPane.replaceChildren(errorBox(e));
      }
    }
    if (pane === 'json') jsonPane.textContent = JSON.stringify(current(), null, 2);
  };
  tabs.append(
    ...(['builder', 'preview', 'json'] as const).map((pane) =>
      h(
        'li',
        { class: 'nav-item', role: 'presentation' },
        h(
          'button',
          {
            type: 'button',
            class: `nav-link${pane === 'builder' ? ' active' : ''}`,
            role: 'tab',
            'aria-controls': `pane-${pane}`,
            'aria-selected': String(pane === 'builder'),
            'data-pane': pane,
            onclick: () => void show(pane),
          },
          t(`builder.tab.${pane}`),
        ),
      ),
    ),
  );
  reset.addEventListener('click', () => {
    if (!window.confirm(t('builder.reset.confirm'))) return;
    save.cancel();
    clearDraft(u.id, draftKey);
    ctx.outlet.replaceChildren();
    void formBuilderPage(ctx);
  });
  status.textContent = saved ? t('builder.localDraft', { date: formatDateTime(saved.savedAt) }) : '';

  // Publish: the edited schema becomes the server draft (created or updated, linted there), its diff against the
  // published version is shown for confirmation, then it is published (a breaking change answers 409 with reasons).
  const feedback = h('div', { 'aria-live': 'assertive', class: 'mt-3' });
  tabs.before(feedback);
  publish.addEventListener(
    'click',
    () =>
      void withBusy(publish, async () => {
        feedback.replaceChildren();
        save.flush();
        try {
          const body = { schema: current(), ...(def.i18n ? { i18n: def.i18n } : {}), changeNote: t('builder.changeNote') };
          try {
            await api.put(`/api/forms/${key}/draft`, body);
          } catch (error) {
            // No server draft yet (404/409): create one from the edited schema.
            if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 409)) throw error;
            await api.post(`/api/forms/${key}/drafts`, body);
          }
          const diff = await api.get<{ from: number | null; to: number; breaking: { message: { fr: string; en: string } }[] }>(
            `/api/forms/${key}/diff`,
          );
          if (diff.breaking.length) {
            feedback.replaceChildren(
              alertBox(
                'danger',
                t('builder.breaking'),
                h(
                  'ul',
                  { class: 'mb-0' },
                  diff.breaking.map((b) => h('li', null, pick(b.message))),
                ),
              ),
            );
            return;
          }
          if (!window.confirm(t('builder.publish.confirm', { from: diff.from ?? '—', to: diff.to }))) return;
          const published = await api.post<{ version: number }>(`/api/forms/${key}/publish`, {});
          save.cancel();
          clearDraft(u.id, draftKey);
          status.textContent = '';
          feedback.replaceChildren(alertBox('success', t('builder.published', { n: published.version ?? diff.to })));
        } catch (error) {
          feedback.replaceChildren(errorBox(error));
        }
      }),
  );
}
