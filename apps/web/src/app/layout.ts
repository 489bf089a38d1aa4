import { locale, setLocale, t, type Locale } from '../i18n/index.js';
import { h, icon } from './dom.js';
import type { Access, Area, NavItem } from './router.js';
import { hasRole, isOperator, isVendor, logout, user, type User } from './session.js';
import { navigate } from './router.js';

// The page frame: skip link, header with the area's navigation, language switch and account, <main>, footer.
export type Shell = {
  root: HTMLElement;
  main: HTMLElement;
  update: (area: Area, path: string) => void;
  announce: (text: string) => void;
};

export function allowed(access: Access, u: User | null = user()): boolean {
  if (access === 'public') return true;
  if (access === 'guest') return !u;
  if (!u) return false;
  if (access === 'vendor') return isVendor(u);
  if (access === 'operator') return isOperator(u);
  return access.some((r) => hasRole(r));
}

export function createShell(root: HTMLElement, navItems: NavItem[]): Shell {
  const main = h('main', { id: 'main', class: 'container-xl py-4', tabindex: '-1' });
  const nav = h('ul', { class: 'navbar-nav flex-wrap me-auto mb-2 mb-lg-0' });
  const account = h('div', { class: 'd-flex flex-wrap align-items-center gap-2' });
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', id: 'live-region' });
  const collapseId = 'main-nav';
  const toggler = h(
    'button',
    {
      class: 'navbar-toggler',
      type: 'button',
      'aria-controls': collapseId,
      'aria-expanded': 'false',
      'aria-label': t('nav.toggle'),
    },
    h('span', { class: 'navbar-toggler-icon' }),
  );
  const collapse = h('div', { class: 'collapse navbar-collapse', id: collapseId }, nav, account);
  toggler.addEventListener('click', () => {
    const open = collapse.classList.toggle('show');
    toggler.setAttribute('aria-expanded', String(open));
  });
  const brand = h(
    'a',
    { class: 'navbar-brand d-flex align-items-center gap-2', href: '/' },
    icon('patch-check'),
    h('span', null, 'SONS « Vague 2 »'),
  );
  const header = h(
    'header',
    { class: 'app-header' },
    h(
      'nav',
      { class: 'navbar navbar-expand-lg navbar-dark bg-brand', 'aria-label': t('nav.main') },
      h('div', { class: 'container-xl' }, brand, toggler, collapse),
    ),
  );
  const footer = h('footer', { class: 'app-footer border-top py-3 mt-auto' });
  const skip = h('a', { class: 'visually-hidden-focusable skip-link', href: '#main' }, t('a11y.skip'));
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  root.replaceChildren(skip, header, main, footer, live);
  root.classList.add('app-root');

  let currentArea: Area = 'public';
  let currentPath = '/';

  const renderNav = () => {
    const u = user();
    const items = navItems.filter(
      (item) =>
        allowed(item.access, u) &&
        (item.area === currentArea || (currentArea === 'public' && item.area === 'public') || item.area === 'public'),
    );
    // Signed-in users see their own area's entries first, then the public ones.
    const area = u ? (isOperator(u) ? 'backoffice' : 'portal') : null;
    // Signed-in users see their area's entries (the public pages stay linked from the footer).
    const ordered = area ? items.filter((i) => i.area === area) : items.filter((i) => i.area === 'public');
    nav.replaceChildren(
      ...ordered.map((item) => {
        const active = item.match ? item.match.test(currentPath) : currentPath === item.href;
        return h(
          'li',
          { class: 'nav-item' },
          h(
            'a',
            { class: `nav-link${active ? ' active' : ''}`, href: item.href, 'aria-current': active ? 'page' : null },
            icon(item.icon),
            ' ',
            t(item.label),
          ),
        );
      }),
    );
    const langSwitch = h(
      'div',
      { class: 'btn-group btn-group-sm', role: 'group', 'aria-label': t('lang.switch') },
      (['fr', 'en'] as Locale[]).map((l) =>
        h(
          'button',
          {
            type: 'button',
            class: `btn ${locale() === l ? 'btn-light' : 'btn-outline-light'}`,
            'aria-pressed': String(locale() === l),
            lang: l,
            title: l === 'fr' ? 'Français' : 'English',
            onclick: () => setLocale(l),
          },
          l.toUpperCase(),
        ),
      ),
    );
    if (u) {
      const logoutButton = h(
        'button',
        { type: 'button', class: 'btn btn-sm btn-outline-light text-nowrap', 'data-testid': 'logout' },
        icon('box-arrow-right'),
        ' ',
        t('auth.logout'),
      );
      logoutButton.addEventListener('click', () => {
        logoutButton.disabled = true;
        void logout()
          .catch(() => undefined)
          .then(() => navigate('/login'));
      });
      account.replaceChildren(
        langSwitch,
        // The name is shown on wide screens; on a laptop the icon (with the name as its title) keeps the bar on one line.
        h(
          'span',
          { class: 'navbar-text text-white small text-nowrap', 'data-testid': 'current-user', title: u.displayName || u.email },
          icon('person-circle'),
          ' ',
          h('span', { class: 'd-none d-xxl-inline' }, u.displayName || u.email, ' '),
          h('span', { class: 'badge text-bg-light' }, roleLabel(u)),
        ),
        // Operators manage their second factor (set it up, or turn it off with a current code).
        isOperator(u)
          ? h(
              'a',
              {
                class: 'btn btn-sm btn-outline-light',
                href: '/account-setup/two-factor',
                title: t('auth.twoFactor.manage'),
                'aria-label': t('auth.twoFactor.manage'),
                'data-testid': 'two-factor-link',
              },
              icon(u.totpEnabled ? 'shield-lock-fill' : 'shield-lock'),
            )
          : '',
        logoutButton,
      );
    } else {
      account.replaceChildren(
        langSwitch,
        h('a', { class: 'btn btn-sm btn-light', href: '/login' }, icon('box-arrow-in-right'), ' ', t('auth.login')),
        h('a', { class: 'btn btn-sm btn-outline-light', href: '/register' }, t('auth.register')),
      );
    }
    toggler.setAttribute('aria-label', t('nav.toggle'));
    skip.textContent = t('a11y.skip');
    header.querySelector('nav')?.setAttribute('aria-label', t('nav.main'));
    footer.replaceChildren(
      h(
        'div',
        { class: 'container-xl d-flex flex-wrap gap-3 justify-content-between small text-body-secondary' },
        h('span', null, t('footer.programme')),
        h('span', null, icon('headset'), ' ', t('footer.helpdesk'), ' · ', icon('question-circle'), ' ', t('footer.convention')),
        h(
          'span',
          null,
          h('a', { href: '/registry' }, t('nav.registry')),
          ' · ',
          h('a', { href: '/api/docs', 'data-external': 'true' }, t('footer.api')),
        ),
      ),
    );
  };

  return {
    root,
    main,
    update(area, path) {
      currentArea = area;
      currentPath = path;
      collapse.classList.remove('show');
      toggler.setAttribute('aria-expanded', 'false');
      renderNav();
    },
    announce(text) {
      live.textContent = '';
      window.setTimeout(() => {
        live.textContent = text;
      }, 50);
    },
  };
}

function roleLabel(u: User): string {
  const role = u.roles[0];
  return role ? t(`role.${role}`) : '';
}
