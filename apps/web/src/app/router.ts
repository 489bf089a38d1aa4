import type { MessageKey } from '../i18n/index.js';
import type { Role, User } from './session.js';

// Client-side routing with the History API (the gateway serves index.html for every non-/api GET). Each feature
// module contributes its routes and navigation entries; the shell (main.ts) renders them.
export type Area = 'public' | 'portal' | 'backoffice';
export type Access = 'public' | 'guest' | 'vendor' | 'operator' | readonly Role[];

export type RouteContext = {
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  outlet: HTMLElement;
  signal: AbortSignal;
  user: User | null;
  // Called when the user leaves the page (destroy a Form.io instance, stop a timer).
  onCleanup: (fn: () => void) => void;
  setTitle: (title: string) => void;
};

export type RouteDef = {
  path: string;
  area: Area;
  access: Access;
  title: MessageKey;
  render: (ctx: RouteContext) => void | Promise<void>;
};

export type NavItem = { area: Area; href: string; label: MessageKey; icon: string; access: Access; match?: RegExp };

export type FeatureModule = { id: string; routes: RouteDef[]; nav?: NavItem[] };

type Compiled = RouteDef & { regex: RegExp; keys: string[] };

export function compile(route: RouteDef): Compiled {
  const keys: string[] = [];
  const pattern = route.path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${pattern}/?$`), keys };
}

export function match(routes: Compiled[], path: string): { route: Compiled; params: Record<string, string> } | null {
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route, params };
  }
  return null;
}

export type Navigate = (to: string, options?: { replace?: boolean }) => void;
let navigateImpl: Navigate = (to) => {
  window.location.assign(to);
};
export const setNavigate = (fn: Navigate): void => {
  navigateImpl = fn;
};
export const navigate: Navigate = (to, options) => navigateImpl(to, options);

// A one-shot message shown on the next page (e.g. "Your enrolment was sent").
export type Flash = { kind: 'success' | 'info' | 'warning'; text: string };
let flash: Flash | null = null;
export const setFlash = (kind: 'success' | 'info' | 'warning', text: string): void => {
  flash = { kind, text };
};
// The page that shows the message reads it first and drops it once it rendered: a route that only redirects
// (/back-office → /back-office/enrolments) leaves it to the page it redirects to.
export const peekFlash = (): Flash | null => flash;
export const dropFlash = (shown: Flash): void => {
  if (flash === shown) flash = null;
};
