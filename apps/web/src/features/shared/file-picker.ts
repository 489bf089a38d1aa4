import { ApiError, uploadFile } from '../../app/api.js';
import { fileSize } from '../../app/format.js';
import { h, icon } from '../../app/dom.js';
import { field } from '../../app/ui.js';
import { t } from '../../i18n/index.js';

// A labelled file input whose chosen files are listed with a progress bar each; `uploadAll` sends them to the
// attachment store (POST /api/attachments with the purpose) and returns their ids. A file already uploaded is not
// sent again when the form is retried. The input carries `name`, so a server field error on that path shows under it.
export type FilePicker = {
  view: HTMLElement;
  input: HTMLInputElement;
  count: () => number;
  uploadAll: () => Promise<string[]>;
  lock: (locked: boolean) => void;
};

type Pending = {
  file: File;
  bar: HTMLElement;
  status: HTMLElement;
  remove: HTMLButtonElement;
  attachmentId: string | null;
};

export function filePicker(options: {
  label: string;
  name: string;
  purpose: string;
  multiple?: boolean;
  accept?: string;
  help?: string;
}): FilePicker {
  const multiple = options.multiple ?? true;
  const input = h('input', {
    class: 'form-control',
    type: 'file',
    name: options.name,
    multiple,
    accept: options.accept ?? '.pdf,.zip,.xml,.txt,.png,.jpg,.jpeg,application/pdf,application/zip',
  });
  const files: Pending[] = [];
  const list = h('ul', { class: 'list-unstyled mb-0 d-flex flex-column gap-2', 'data-upload-list': options.name });

  input.addEventListener('change', () => {
    if (!multiple) {
      files.splice(0, files.length);
      list.replaceChildren();
    }
    for (const file of Array.from(input.files ?? [])) {
      const bar = h('div', {
        class: 'progress-bar',
        role: 'progressbar',
        style: 'width: 0%',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': '0',
        'aria-label': file.name,
      });
      const status = h('span', { class: 'small text-body-secondary', 'data-upload-status': 'waiting' }, t('docs.upload.waiting'));
      const remove = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-sm btn-link text-danger p-0',
          'aria-label': t('docs.upload.remove', { name: file.name }),
        },
        icon('x-lg'),
      );
      const row = h(
        'li',
        { 'data-upload': file.name },
        h(
          'div',
          { class: 'd-flex justify-content-between gap-2' },
          h(
            'span',
            { class: 'text-truncate small' },
            icon('file-earmark'),
            ' ',
            file.name,
            ' ',
            h('span', { class: 'text-body-secondary' }, `(${fileSize(file.size)})`),
          ),
          h('span', { class: 'd-flex gap-2 align-items-center' }, status, remove),
        ),
        h('div', { class: 'progress mt-1', style: 'height: 0.4rem' }, bar),
      );
      const pending: Pending = { file, bar, status, remove, attachmentId: null };
      remove.addEventListener('click', () => {
        files.splice(files.indexOf(pending), 1);
        row.remove();
      });
      files.push(pending);
      list.append(row);
    }
    input.value = '';
    input.classList.remove('is-invalid');
  });

  const progress = (p: Pending, percent: number, state: 'uploading' | 'done' | 'failed', text: string) => {
    p.bar.style.width = `${percent}%`;
    p.bar.setAttribute('aria-valuenow', String(Math.round(percent)));
    p.bar.className = `progress-bar${state === 'done' ? ' bg-success' : state === 'failed' ? ' bg-danger' : ''}`;
    p.status.dataset.uploadStatus = state;
    p.status.textContent = text;
  };

  return {
    input,
    view: h('div', { class: 'mb-3' }, field(options.label, input, options.help), list),
    count: () => files.length,
    lock: (locked) => {
      input.disabled = locked;
      for (const p of files) p.remove.disabled = locked;
    },
    uploadAll: async () => {
      for (const p of files) {
        if (p.attachmentId) continue;
        progress(p, 0, 'uploading', t('docs.upload.uploading', { percent: 0 }));
        try {
          const stored = await uploadFile(p.file, options.purpose, (loaded, total) => {
            const percent = total ? (loaded / total) * 100 : 0;
            progress(p, percent, 'uploading', t('docs.upload.uploading', { percent: Math.round(percent) }));
          });
          p.attachmentId = stored.id;
          progress(p, 100, 'done', t('docs.upload.done'));
        } catch (error) {
          progress(p, 100, 'failed', error instanceof ApiError ? error.message : t('error.upload'));
          throw error;
        }
      }
      return files.map((p) => p.attachmentId!);
    },
  };
}
