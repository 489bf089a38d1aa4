import { locale, t } from '../i18n/index.js';

// The REST API under /api: JSON in and out, the session cookie (same origin), the CSRF token on every unsafe request,
// Accept-Language for localised problem details (RFC 9457).
export type FieldError = { path: string; rule: string; message: string };
export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  retryable?: boolean;
  [extra: string]: unknown;
};
export type Page<T> = { items: T[]; nextCursor: string | null };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Options = { headers?: Record<string, string>; signal?: AbortSignal };
const listeners = { unauthorized: new Set<() => void>() };
export const onUnauthorized = (fn: () => void): void => void listeners.unauthorized.add(fn);

export async function request<T>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  const unsafe = !['GET', 'HEAD'].includes(method);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        'accept-language': locale(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(unsafe && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...options.headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, title: t('error.network.title'), detail: t('error.network.detail'), code: 'NETWORK' });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object'
        ? { status: response.status, ...parsed }
        : { status: response.status, title: `HTTP ${response.status}`, detail: t('error.unexpected') };
    if (response.status === 401 && !path.startsWith('/api/auth/')) for (const fn of listeners.unauthorized) fn();
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, options?: Options) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: Options) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown = {}, options?: Options) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown = {}, options?: Options) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: Options) => request<T>('DELETE', path, undefined, options),
};

export const query = (params: Record<string, string | number | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
};

// Raw-bytes upload (POST /api/attachments with X-File-Name and X-Purpose), with progress.
export type UploadedFile = { id: string; fileName: string; contentType: string; size: number; sha256: string; purpose?: string };
export function uploadFile(
  file: Blob & { name?: string },
  purpose: string,
  onProgress?: (loaded: number, total: number) => void,
  onAbort?: (abort: () => void) => void,
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/attachments');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept-language', locale());
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name ?? 'file'));
    xhr.setRequestHeader('x-purpose', purpose);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    onAbort?.(() => xhr.abort());
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
      else
        reject(
          new ApiError({ status: xhr.status, ...(body && typeof body === 'object' ? body : { detail: t('error.upload') }) }),
        );
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, detail: t('error.network.detail'), code: 'NETWORK' }));
    xhr.onabort = () => reject(new ApiError({ status: 0, detail: t('error.upload.aborted'), code: 'ABORTED' }));
    xhr.send(file);
  });
}

// Which routes the running gateway serves, read once from its OpenAPI document. Screens for an API that has not
// landed yet show a "not available yet" state instead of failing; they light up when the route appears.
let capabilities: Promise<Set<string>> | null = null;
export function loadCapabilities(): Promise<Set<string>> {
  capabilities ??= fetch('/api/docs/openapi.json', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, Record<string, unknown>> }>) : { paths: {} }))
    .then((doc) => {
      const set = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths ?? {})) {
        for (const method of Object.keys(ops)) set.add(`${method.toUpperCase()} ${normalisePath(path)}`);
      }
      return set;
    })
    .catch(() => new Set<string>());
  return capabilities;
}

// '/api/enrolments/{id}' and '/api/enrolments/:id' compare equal.
const normalisePath = (path: string): string => path.replace(/\{[^}]+\}/g, ':').replace(/:[A-Za-z_]\w*/g, ':');

export async function hasRoute(method: string, path: string): Promise<boolean> {
  return (await loadCapabilities()).has(`${method.toUpperCase()} ${normalisePath(path)}`);
}
