import './styles/app.css';
import { onUnauthorized } from './app/api.js';
import { h } from './app/dom.js';
import { allowed, createShell } from './app/layout.js';
import { compile, dropFlash, match, peekFlash, setNavigate, type FeatureModule, type RouteContext } from './app/router.js';
import { homePath, loadSession, onSessionChange, user } from './app/session.js';
import { alertBox, emptyState, errorBox, spinner } from './app/ui.js';
import { adminModule } from './features/admin/admin.module.js';
import { authModule } from './features/auth/auth.module.js';
import { backofficeModule } from './features/backoffice/backoffice.module.js';
import { labellingModule } from './features/labelling/labelling.module.js';
import { organisationModule } from './features/organisation/organisation.module.js';
import { paymentModule } from './features/payment/payment.module.js';
import { publicModule } from './features/public/public.module.js';
import { vendorModule } from './features/vendor/vendor.module.js';
import { locale, onLocaleChange, t } from './i18n/index.js';

// The app's feature modules, one per area and programme phase. A new phase's screens are a new module here.
const MODULES: FeatureModule[] = [
  publicModule,
  authModule,
  vendorModule,
  backofficeModule,
  labellingModule,
  paymentModule,
  organisationModule,
  adminModule,
];

const routes = MODULES.flatMap((m) => m.routes).map(compile);
const navItems = MODULES.flatMap((m) => m.nav ?? []);

const root = document.getElementById('app') ?? document.body;
document.documentElement.lang = locale();
const shell = createShell(root, navItems);

let controller: AbortController | null = null;
const cleanups: (() => void)[] = [];
let renderId = 0;

function runCleanups() {
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch {
      // A failing cleanup must not block navigation.
    }
  }
}

async function render(): Promise<void> {
  const id = ++renderId;
  controller?.abort();
  runCleanups();
  controller = new AbortController();
  const url = new URL(window.location.href);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const found = match(routes, path);
  const u = user();
  const main = shell.main;

  if (!found) {
    shell.update('public', path);
    document.title = `${t('notFound.title')} — SONS`;
    main.replaceChildren(
      emptyState({
        icon: 'signpost-split',
        title: t('notFound.title'),
        text: t('notFound.text'),
        action: h('a', { class: 'btn btn-primary', href: u ? homePath(u) : '/' }, t('notFound.home')),
      }),
    );
    focusTitle();
    return;
  }
  const { route, params } = found;
  if (!allowed(route.access, u)) {
    if (!u) {
      navigateTo(`/login?next=${encodeURIComponent(path + url.search)}`, { replace: true });
      return;
    }
    if (route.access === 'guest') {
      navigateTo(homePath(u), { replace: true });
      return;
    }
    shell.update(route.area, path);
    main.replaceChildren(
      alertBox(
        'warning',
        t('forbidden.title'),
        t('forbidden.text'),
        h('a', { class: 'btn btn-sm btn-outline-dark mt-2', href: homePath(u) }, t('notFound.home')),
      ),
    );
    focusTitle();
    return;
  }

  shell.update(route.area, path);
  document.title = `${t(route.title)} — SONS « Vague 2 »`;
  main.replaceChildren(spinner());
  main.setAttribute('aria-busy', 'true');
  const flash = peekFlash();
  const ctx: RouteContext = {
    path,
    params,
    query: url.searchParams,
    outlet: main,
    signal: controller.signal,
    user: u,
    onCleanup: (fn) => cleanups.push(fn),
    setTitle: (title) => {
      document.title = `${title} — SONS « Vague 2 »`;
    },
  };
  try {
    main.replaceChildren();
    await route.render(ctx);
    if (id !== renderId) return;
    if (flash) {
      dropFlash(flash);
      main.prepend(alertBox(flash.kind === 'success' ? 'success' : flash.kind, flash.text));
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError' || id !== renderId) return;
    main.replaceChildren(errorBox(error, () => void render()));
  } finally {
    if (id === renderId) main.removeAttribute('aria-busy');
  }
  if (id === renderId) {
    focusTitle();
    shell.announce(document.title);
  }
}

function focusTitle() {
  // Keyboard and screen-reader users land on the new page's heading — except on the page as first loaded (keep the
  // page top). The first render is the first one *started*: when someone navigates before the first page finished
  // loading, that first page never completes, and the page they went to must still take the focus.
  if (renderId === 1) return;
  const title = shell.main.querySelector<HTMLElement>('h1');
  if (title) {
    if (!title.hasAttribute('tabindex')) title.setAttribute('tabindex', '-1');
    title.focus({ preventScroll: false });
  } else shell.main.focus();
}

function navigateTo(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  void render();
}
setNavigate(navigateTo);

// Same-origin links are handled by the router (except API, vendor files and downloads).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.dataset.external) return;
  const href = anchor.getAttribute('href');
  if (!href || href.startsWith('#') || href.startsWith('mailto:')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api') || url.pathname.startsWith('/vendor')) return;
  event.preventDefault();
  if (url.pathname + url.search !== window.location.pathname + window.location.search)
    navigateTo(url.pathname + url.search + url.hash);
});
window.addEventListener('popstate', () => void render());

onLocaleChange(() => void render());
onUnauthorized(() => {
  // The session ended (expired, signed out elsewhere): sign in again and come back here.
  if (user())
    void loadSession().then(() =>
      navigateTo(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true }),
    );
});
onSessionChange(() => undefined);

void (async () => {
  await loadSession();
  root.removeAttribute('aria-busy');
  await render();
})();
