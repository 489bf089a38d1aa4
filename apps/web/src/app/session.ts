import { api, setCsrfToken } from './api.js';

export const OPERATOR_ROLES = ['incert', 'aes', 'readonly', 'admin'] as const;
export const VENDOR_ROLES = ['vendor_admin', 'vendor_member'] as const;
export type Role = (typeof OPERATOR_ROLES)[number] | (typeof VENDOR_ROLES)[number];

export type User = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  vendorId: string | null;
  locale: 'fr' | 'en';
  demo?: boolean;
  totpEnabled?: boolean;
  lastLoginAt?: string | null;
};
type SessionAnswer = { user: User | null; csrfToken: string | null };
type LoginAnswer = { user: User; csrfToken: string } | { totpRequired: true; challenge: string };

let currentUser: User | null = null;
const listeners = new Set<(user: User | null) => void>();

export const user = (): User | null => currentUser;
export const onSessionChange = (fn: (user: User | null) => void): void => void listeners.add(fn);

function set(answer: SessionAnswer): User | null {
  currentUser = answer.user;
  setCsrfToken(answer.csrfToken);
  for (const fn of listeners) fn(currentUser);
  return currentUser;
}

export const isOperator = (u: User | null = currentUser): boolean =>
  Boolean(u?.roles.some((r) => (OPERATOR_ROLES as readonly string[]).includes(r)));
export const isVendor = (u: User | null = currentUser): boolean =>
  Boolean(u?.roles.some((r) => (VENDOR_ROLES as readonly string[]).includes(r)));
export const hasRole = (...roles: Role[]): boolean => Boolean(currentUser?.roles.some((r) => roles.includes(r)));

// Where a signed-in user starts.
export const homePath = (u: User | null = currentUser): string => (!u ? '/' : isOperator(u) ? '/back-office' : '/portal');

export async function loadSession(): Promise<User | null> {
  try {
    return set(await api.get<SessionAnswer>('/api/auth/me'));
  } catch {
    return set({ user: null, csrfToken: null });
  }
}

export async function login(email: string, password: string): Promise<LoginAnswer> {
  const answer = await api.post<LoginAnswer>('/api/auth/login', { email, password });
  if ('user' in answer) set(answer);
  return answer;
}

export async function loginTotp(challenge: string, code: string): Promise<User | null> {
  return set(await api.post<SessionAnswer>('/api/auth/login/totp', { challenge, code }));
}

export async function register(input: {
  email: string;
  password: string;
  displayName: string;
  locale: 'fr' | 'en';
}): Promise<User | null> {
  return set(await api.post<SessionAnswer>('/api/auth/register', input));
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    set({ user: null, csrfToken: null });
  }
}

// After enrolling, the user becomes the vendor's admin: the session must be re-read to get the vendorId.
export const refreshSession = loadSession;
