import { h } from '../../app/dom.js';

// The narrow centred card of the sign-in, registration and one-time-link pages.
export function authCard(title: string, intro: string, ...content: (Node | null)[]) {
  return h(
    'div',
    { class: 'row justify-content-center' },
    h(
      'div',
      { class: 'col-md-8 col-lg-6 col-xl-5' },
      h(
        'div',
        { class: 'card shadow-sm' },
        h(
          'div',
          { class: 'card-body p-4' },
          h('h1', { class: 'h4 mb-1', tabindex: '-1' }, title),
          h('p', { class: 'text-body-secondary' }, intro),
          ...content,
        ),
      ),
    ),
  );
}

// The 6-digit code of an authenticator app (sign-in, turning the second factor on or off).
export const totpCodeInput = () =>
  h('input', {
    type: 'text',
    name: 'code',
    class: 'form-control',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '\\d{6}',
    maxlength: '6',
    required: true,
  });
