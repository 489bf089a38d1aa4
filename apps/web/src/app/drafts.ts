// Form drafts kept in the browser (localStorage) until the server drafts API exists: one per user and form, saved
// on every change, resumed when the form is opened again, removed once the form was accepted by the server.
// The idempotency key travels with the draft so that a retried submission never creates a second case.
export type Draft = { data: Record<string, unknown>; savedAt: string; idempotencyKey: string; formVersion?: number };

const keyOf = (userId: string, formKey: string, scope = ''): string => `sons.draft.${userId}.${formKey}${scope ? `.${scope}` : ''}`;

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

export const newIdempotencyKey = (): string => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);

// Calls fn at most once per `ms`, with the latest arguments (autosave).
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { flush: () => void; cancel: () => void } {
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
