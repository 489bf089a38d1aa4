import { api, ApiError } from '../../app/api.js';
import { h, icon, type Child } from '../../app/dom.js';
import { setFlash } from '../../app/router.js';
import { clearInvalid, errorBox, field, invalid, showFieldErrors, withBusy } from '../../app/ui.js';
import type { LabellingAction, LabellingDetail } from '../../domain/labelling.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { filePicker, type FilePicker } from '../shared/file-picker.js';

// The vendor's own steps on its labelling request that take files (PROCESS.md Phase 2): answer a complement request,
// return the signed service agreement, add the missing evidence of an incomplete request, submit Form 3's evidence again (a draft, or a new
// iteration after failed tests). Files are uploaded first (with progress), then the step is posted with their ids and
// the version the vendor saw; server field errors show at the field, a success flash shows on the reloaded page.
const base = '/api/labelling';
export type Recl = { version: string; requirements: { id: string; title: string }[] } | null;
type Reload = () => Promise<void>;

const fileUrl = (requestId: string, attachmentId: string) =>
  `${base}/requests/${requestId}/files/${encodeURIComponent(attachmentId)}`;

// One action form: its fields, the client-side checks, then files + post in a busy button.
function stepForm(options: {
  action: LabellingAction;
  tone: 'primary' | 'success';
  icon: string;
  children: Child[];
  pickers: () => FilePicker[];
  validate: () => boolean;
  send: () => Promise<void>;
  flash: MessageKey;
  reload: Reload;
}): HTMLFormElement {
  const errors = h('div', { 'aria-live': 'assertive' });
  const button = h(
    'button',
    { type: 'submit', class: `btn btn-${options.tone}`, 'data-action': options.action },
    icon(options.icon),
    ' ',
    t(`labelling.action.${options.action}`),
  );
  const form = h(
    'form',
    { novalidate: true, class: 'action-form', 'data-action-form': options.action },
    errors,
    ...options.children,
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (!options.validate()) return;
    void withBusy(button, async () => {
      const pickers = options.pickers();
      for (const p of pickers) p.lock(true);
      try {
        await options.send();
        setFlash('success', t(options.flash));
        await options.reload();
      } catch (error) {
        showFieldErrors(form, error);
        errors.replaceChildren(
          error instanceof ApiError && error.status === 409 ? errorBox(error, () => void options.reload()) : errorBox(error),
        );
      } finally {
        for (const p of pickers) p.lock(false);
      }
    });
  });
  return form;
}

// agreement_sent → agreement_signed: the agreement AeS sent is downloadable here; the signed copy is uploaded
// (purpose "agreement") and returned by its id.
export function signAgreementForm(d: LabellingDetail, reload: Reload): HTMLFormElement {
  const sent = d.documents.filter((doc) => doc.kind === 'service_agreement').at(-1);
  const picker = filePicker({
    label: t('labelling.agreement.file'),
    name: 'signedAttachmentId',
    purpose: 'agreement',
    multiple: false,
    accept: '.pdf,application/pdf',
    help: t('labelling.agreement.file.help'),
  });
  return stepForm({
    action: 'sign_agreement',
    tone: 'primary',
    icon: 'pen',
    children: [
      sent
        ? h(
            'p',
            null,
            h(
              'a',
              {
                class: 'btn btn-sm btn-outline-secondary',
                href: fileUrl(d.labelRequestId, sent.attachmentId),
                'data-external': 'true',
                'data-testid': 'agreement-download',
                download: '',
              },
              icon('download'),
              ' ',
              t('labelling.agreement.download'),
            ),
          )
        : null,
      picker.view,
    ],
    pickers: () => [picker],
    validate: () => picker.count() > 0 || invalid(picker.input, t('labelling.agreement.file.required')),
    send: async () => {
      const [signedAttachmentId] = await picker.uploadAll();
      await api.post(`${base}/requests/${d.labelRequestId}/agreement/sign`, {
        signedAttachmentId,
        expectedVersion: d.rowVersion,
      });
    },
    flash: 'labelling.agreement.signed',
    reload,
  });
}

// complement_requested → complement_answered: the answer's text and its files (purpose "complement").
export function complementAnswerForm(d: LabellingDetail, reload: Reload): HTMLFormElement {
  const message = h('textarea', { class: 'form-control', name: 'message', rows: '3', maxlength: '4000', required: true });
  const picker = filePicker({
    label: t('labelling.complement.files'),
    name: 'attachmentIds',
    purpose: 'complement',
    help: t('labelling.complement.files.help'),
  });
  return stepForm({
    action: 'answer_complement',
    tone: 'primary',
    icon: 'send',
    children: [field(t('case.answer.message'), message), picker.view],
    pickers: () => [picker],
    validate: () => Boolean(message.value.trim()) || invalid(message, t('action.input.required')),
    send: async () => {
      const attachmentIds = await picker.uploadAll();
      await api.post(`${base}/requests/${d.labelRequestId}/complement-answer`, {
        message: message.value.trim(),
        attachmentIds,
        expectedVersion: d.rowVersion,
      });
    },
    flash: 'labelling.complement.answered',
    reload,
  });
}

type Line = {
  view: HTMLElement;
  requirement: HTMLInputElement;
  result: HTMLSelectElement;
  justification: HTMLTextAreaElement;
  picker: FilePicker;
  legend: HTMLElement;
};

const RESULTS = ['pass', 'fail', 'not_applicable'] as const;

// The requirements the form starts with: the missing ones (add_evidence), or the current RECL's (a new iteration,
// a draft), else those of the last iteration. None known: one free line.
function startingRequirements(d: LabellingDetail, action: 'add_evidence' | 'submit', recl: Recl): string[] {
  const ids =
    action === 'add_evidence'
      ? d.missingEvidence.map((m) => m.requirementId)
      : recl?.requirements.length
        ? recl.requirements.map((r) => r.id)
        : d.evidence.filter((e) => e.iteration === d.iteration).map((e) => e.requirementId);
  return [...new Set(ids.filter((id) => id && id !== '*'))];
}

// evidence_incomplete → add_evidence (POST …/evidence { evidence }); draft | tests_failed → submit (POST …/submit
// { data: Form 3 with the new evidence }). Each line: a RECL requirement, its result, a justification and proof files.
export function evidenceForm(d: LabellingDetail, action: 'add_evidence' | 'submit', recl: Recl, reload: Reload): HTMLFormElement {
  const titles = new Map((recl?.requirements ?? []).map((r) => [r.id, r.title]));
  const lines: Line[] = [];
  const container = h('div', { class: 'd-flex flex-column gap-3 mb-3', 'data-testid': 'evidence-lines' });

  const renumber = () =>
    lines.forEach((line, i) => {
      line.legend.textContent = t('labelling.evidenceForm.line', { n: i + 1 });
      line.requirement.name = `evidence[${i}].requirementId`;
      line.result.name = `evidence[${i}].result`;
      line.justification.name = `evidence[${i}].justification`;
      line.picker.input.name = `evidence[${i}].proofAttachmentIds`;
      line.view.dataset.requirement = line.requirement.value;
    });

  const addLine = (requirementId: string | null) => {
    const i = lines.length;
    const requirement = h('input', {
      class: requirementId ? 'form-control-plaintext fw-semibold' : 'form-control',
      type: 'text',
      maxlength: '50',
      autocomplete: 'off',
      readonly: Boolean(requirementId),
      value: requirementId ?? '',
    });
    const result = h(
      'select',
      { class: 'form-select' },
      RESULTS.map((r) => h('option', { value: r }, t(`labelling.result.${r}`))),
    );
    const justification = h('textarea', { class: 'form-control', rows: '2', maxlength: '4000' });
    const picker = filePicker({
      label: t('labelling.evidenceForm.files'),
      name: `evidence[${i}].proofAttachmentIds`,
      purpose: 'evidence',
    });
    const legend = h('legend', { class: 'h6' });
    const remove = requirementId
      ? null
      : h(
          'button',
          { type: 'button', class: 'btn btn-sm btn-link text-danger p-0' },
          icon('trash'),
          ' ',
          t('labelling.evidenceForm.removeLine'),
        );
    const view = h(
      'fieldset',
      { class: 'border rounded p-3', 'data-evidence-line': '' },
      legend,
      field(t('labelling.evidenceForm.requirement'), requirement, requirementId ? titles.get(requirementId) : undefined),
      field(t('labelling.evidenceForm.result'), result),
      field(t('labelling.evidenceForm.justification'), justification),
      picker.view,
      remove,
    );
    const line: Line = { view, requirement, result, justification, picker, legend };
    remove?.addEventListener('click', () => {
      lines.splice(lines.indexOf(line), 1);
      view.remove();
      renumber();
    });
    requirement.addEventListener('change', renumber);
    lines.push(line);
    container.append(view);
    renumber();
  };

  const starting = startingRequirements(d, action, recl);
  if (starting.length) for (const id of starting) addLine(id);
  else addLine(null);

  const more = h(
    'button',
    { type: 'button', class: 'btn btn-sm btn-outline-secondary mb-3' },
    icon('plus-lg'),
    ' ',
    t('labelling.evidenceForm.addLine'),
  );
  more.addEventListener('click', () => {
    addLine(null);
    lines.at(-1)?.requirement.focus();
  });
  const declaration = h('input', { class: 'form-check-input', type: 'checkbox', name: 'declaration' });
  const declarationField = field(t('labelling.evidenceForm.declaration'), declaration);
  declarationField.append(h('div', { class: 'invalid-feedback' }));

  const validate = (): boolean => {
    for (const line of lines) {
      if (!line.requirement.value.trim()) return invalid(line.requirement, t('action.input.required'));
      if (line.result.value === 'not_applicable' ? !line.justification.value.trim() : false)
        return invalid(line.justification, t('action.input.required'));
      if (line.result.value !== 'not_applicable' && !line.picker.count())
        return invalid(line.picker.input, t('labelling.evidenceForm.files.required'));
    }
    if (action === 'submit' && !declaration.checked)
      return invalid(declaration, t('labelling.evidenceForm.declaration.required'));
    return true;
  };

  const send = async () => {
    const evidence = [];
    for (const line of lines) {
      const proofAttachmentIds = await line.picker.uploadAll();
      const justification = line.justification.value.trim();
      evidence.push({
        requirementId: line.requirement.value.trim(),
        result: line.result.value,
        proofAttachmentIds,
        ...(justification ? { justification } : {}),
      });
    }
    if (action === 'add_evidence') {
      await api.post(`${base}/requests/${d.labelRequestId}/evidence`, { evidence, expectedVersion: d.rowVersion });
      return;
    }
    const reclVersion = recl?.version ?? d.reclVersion;
    await api.post(`${base}/requests/${d.labelRequestId}/submit`, {
      data: {
        softwareName: d.softwareName,
        softwareVersion: d.version,
        integrationMode: d.integrationMode,
        ...(reclVersion ? { reclVersion } : {}),
        evidence,
        declaration: true,
      },
      expectedVersion: d.rowVersion,
    });
  };

  return stepForm({
    action,
    tone: 'primary',
    icon: action === 'add_evidence' ? 'cloud-upload' : 'send',
    children: [
      h(
        'p',
        { class: 'small text-body-secondary' },
        t(action === 'add_evidence' ? 'labelling.evidenceForm.add_evidence.help' : 'labelling.evidenceForm.submit.help'),
      ),
      container,
      more,
      action === 'submit' ? declarationField : null,
    ],
    pickers: () => lines.map((l) => l.picker),
    validate,
    send,
    flash:
      action === 'add_evidence'
        ? 'labelling.evidenceForm.added'
        : d.status === 'draft'
          ? 'labelling.sent'
          : 'labelling.evidenceForm.sent',
    reload,
  });
}
