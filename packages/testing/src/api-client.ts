// A browser-like HTTP client for integration tests: keeps the session cookie and sends the CSRF token.
export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers };

// Longer than the gateway's own longest wait on a service (90 s): a request still without an answer is a hang, and
// the test says which request it was instead of running into Jest's timeout without a word.
const ANSWER_WITHIN_MS = Number(process.env.SONS_TEST_HTTP_TIMEOUT_MS ?? 100_000);

async function answered(method: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, method, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      throw new Error(`${method} ${new URL(url).pathname} did not answer within ${ANSWER_WITHIN_MS / 1000} s`, { cause: error });
    throw error;
  }
}

export class ApiClient {
  private cookie: string | null = null;
  private csrf: string | null = null;
  constructor(
    readonly baseUrl: string,
    private readonly locale: 'fr' | 'en' = 'fr',
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await answered(method, `${this.baseUrl}${path}`, {
      headers: {
        'accept-language': this.locale,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && !['GET', 'HEAD'].includes(method) ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    const csrf = (parsed as { csrfToken?: string } | undefined)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body ?? {}, headers);
  }

  // Raw-bytes upload to POST /api/attachments; returns the stored file's metadata.
  async upload<T = { id: string; sha256: string; contentType: string; fileName: string; size: number }>(
    data: Uint8Array,
    fileName: string,
    purpose = 'other',
  ): Promise<ApiResponse<T>> {
    const response = await answered('POST', `${this.baseUrl}/api/attachments`, {
      headers: {
        'accept-language': this.locale,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(fileName),
        'x-purpose': purpose,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: Buffer.from(data),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  // Raw download (e.g. a file's content or a PDF).
  async download(path: string): Promise<{ status: number; data: Uint8Array; headers: Headers }> {
    const response = await answered('GET', `${this.baseUrl}${path}`, {
      headers: { 'accept-language': this.locale, ...(this.cookie ? { cookie: this.cookie } : {}) },
    });
    return { status: response.status, data: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
  }

  // Any method, any answer (JSON or not) as text: for tests that sweep every route (authorisation matrix).
  async raw(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; headers: Headers }> {
    const unsafe = !['GET', 'HEAD'].includes(method);
    const response = await answered(method, `${this.baseUrl}${path}`, {
      headers: {
        'accept-language': this.locale,
        ...(unsafe ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && unsafe ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: unsafe ? JSON.stringify(body ?? {}) : undefined,
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  async login(email: string, password: string): Promise<this> {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return this;
  }

  async register(
    email: string,
    displayName = email.split('@')[0] ?? 'Vendor',
    password = 'correct-horse-battery-42',
  ): Promise<this> {
    const response = await this.post('/api/auth/register', { email, password, displayName });
    if (response.status !== 201) throw new Error(`register ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return this;
  }
}

export const DEMO = {
  admin: ['admin@demo.sons.lu', 'demo-admin-2026'],
  incert: ['incert@demo.sons.lu', 'demo-incert-2026'],
  aes: ['aes@demo.sons.lu', 'demo-aes-2026'],
  readonly: ['cns@demo.sons.lu', 'demo-readonly-2026'],
} as const;

export const operator = (baseUrl: string, role: keyof typeof DEMO, locale: 'fr' | 'en' = 'fr') =>
  new ApiClient(baseUrl, locale).login(DEMO[role][0], DEMO[role][1]);
