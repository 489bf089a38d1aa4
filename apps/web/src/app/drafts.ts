import { t } from '../i18n/index.js';
import { api, ApiError } from './api.js';
import { formatTime } from './format.js';

// Form drafts. A vendor's Forms 1, 3 and 4 are saved on the server (GET/PUT/DELETE /api/forms/:key/drafts/current):
// resumed from any browser by any user of the vendor, pinned to the form version they were begun on. A copy stays in
// this browser (localStorage): it carries the idempotency key, so a retried submission never creates a second case,
// and it keeps unsaved changes when the server cannot be reached (it wins over the server copy until it is synced).
// Operators' builder drafts use only the browser copy (their definitions have their own server-side drafts).
export type Draft = {
  data: Record<string, unknown>;
  savedAt: string;
  idempotencyKey: string;
  formVersion?: number;
  synced?: boolean;
};
export type DraftStore = 'server' | 'device' | 'none';
type ServerDraft = { version: number; data: Record<string, unknown>; updatedAt: string };

const keyOf = (userId: string, formKey: string, scope = ''): string =>
  `sons.draft.${userId}.${formKey}${scope ? `.${scope}` : ''}`;

export function readDraft(userId: string, formKey: string, scope?: string): Draft | null {
  try {
    const raw = localStorage.getItem(keyOf(userId, formKey, scope));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Draft;
    return parsed && typeof parsed === 'object' && parsed.data && typeof parsed.idempotencyKey === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function writeDraft(userId: string, formKey: string, draft: Draft, scope?: string): boolean {
  try {
    localStorage.setItem(keyOf(userId, formKey, scope), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(userId: string, formKey: string, scope?: string): void {
  try {
    localStorage.removeItem(keyOf(userId, formKey, scope));
  } catch {
    // Nothing to clear.
  }
}

const draftPath = (formKey: string) => `/api/forms/${encodeURIComponent(formKey)}/drafts/current`;

export async function loadDraft(userId: string, formKey: string): Promise<Draft | null> {
  const local = readDraft(userId, formKey);
  if (local && local.synced === false) return local;
  try {
    const server = await api.get<ServerDraft>(draftPath(formKey));
    return {
      data: server.data,
      savedAt: server.updatedAt,
      formVersion: server.version,
      idempotencyKey: local?.idempotencyKey ?? newIdempotencyKey(),
      synced: true,
    };
  } catch (error) {
    // 404: nothing saved on the server (or the route is missing): the browser copy, if any.
    if (error instanceof ApiError && error.status !== 404) console.warn('draft not loaded from the server', error.message);
    return local;
  }
}

// Saves in this browser first, then on the server; answers where the draft is now safe.
export async function saveDraft(userId: string, formKey: string, draft: Draft): Promise<DraftStore> {
  const onDevice = writeDraft(userId, formKey, { ...draft, synced: false });
  try {
    const saved = await api.put<ServerDraft>(draftPath(formKey), {
      ...(draft.formVersion ? { version: draft.formVersion } : {}),
      data: draft.data,
    });
    draft.formVersion = saved.version;
    draft.synced = true;
    writeDraft(userId, formKey, draft);
    return 'server';
  } catch {
    draft.synced = false;
    return onDevice ? 'device' : 'none';
  }
}

// After a submission or when the user starts again: gone from this browser and from the server.
export async function discardDraft(userId: string, formKey: string): Promise<void> {
  clearDraft(userId, formKey);
  await api.delete(draftPath(formKey)).catch(() => undefined);
}

// Autosave of a vendor form: debounced, saves one after the other (an older save never lands after a newer one),
// reports where the draft is safe. `settled()` waits for the saves in flight (before discarding the draft).
export function autosave(userId: string, formKey: string, draft: Draft, onSaved: (where: DraftStore) => void, ms = 600) {
  let chain: Promise<unknown> = Promise.resolve();
  const save = debounce((data: Record<string, unknown>) => {
    draft.data = data;
    draft.savedAt = new Date().toISOString();
    chain = chain.then(() => saveDraft(userId, formKey, draft)).then(onSaved);
  }, ms);
  return Object.assign(save, { settled: () => chain });
}

// The line shown beside a form: where its draft is safe, and since when.
export function draftStatus(where: DraftStore): string {
  const time = formatTime(new Date());
  return where === 'server'
    ? t('enrol.draftSaved', { time })
    : where === 'device'
      ? t('enrol.draftSavedDevice', { time })
      : t('enrol.draftNotSaved');
}

export const newIdempotencyKey = (): string =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

// Calls fn at most once per `ms`, with the latest arguments (autosave).
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { flush: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: A | null = null;
  const run = () => {
    timer = null;
    if (last) fn(...last);
    last = null;
  };
  const debounced = (...args: A) => {
    last = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = null;
  };
  return debounced;
}
