import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { expect } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expectEventually, startSystem, type SystemService } from '@sons/testing';

// Browser-test helpers: Debian's Chromium driven by playwright-core, every request recorded (a test fails when the
// page asks for anything that is not this machine), CSP violations and page errors collected, screenshots saved
// under test-results/ (gitignored).
export const RESULTS_DIR = resolve(import.meta.dirname ?? '.', '..', '..', '..', 'test-results', 'web');
mkdirSync(RESULTS_DIR, { recursive: true });

// SONS_WEB_BASE_URL: run the browser tests against a system already running (development only; CI starts its own).
// `services`: only the services the screens under test call (fewer processes start faster on a loaded machine).
export async function systemFor(
  name: string,
  services?: readonly SystemService[],
): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const external = process.env.SONS_WEB_BASE_URL;
  if (external) return { baseUrl: external, stop: async () => undefined };
  return startSystem({ name, ...(services ? { services } : {}) });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export type Watched = {
  page: Page;
  context: BrowserContext;
  requests: string[];
  foreign: string[];
  problems: string[];
  screenshot: (name: string) => Promise<string>;
};

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function openPage(browser: Browser, baseURL: string, options: { locale?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'fr-FR',
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return;
    const host = new URL(url).hostname;
    if (!LOCAL_HOSTS.has(host) && !LOCAL_HOSTS.has(`[${host}]`)) foreign.push(url);
  });
  // A refused script/eval shows up as a console error naming the Content Security Policy.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`),
    );
  });
  return {
    page,
    context,
    requests,
    foreign,
    problems,
    screenshot: async (name: string) => {
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}

// A minimal valid PDF (the attachment store sniffs the content type from the bytes).
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

// 11-digit legal-person matricule (starts with a year), unique per run.
export const randomLegalMatricule = (): string => `2008${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

// Polling assertions (jest's expect has no web-first matchers; playwright-core has none either).
export async function seeText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<void> {
  await expectEventually(
    async () => {
      const text = await locator.first().innerText({ timeout: 1_000 });
      if (typeof expected === 'string') expect(text).toContain(expected);
      else expect(text).toMatch(expected);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

export async function seeAttribute(locator: Locator, name: string, expected: string | RegExp, timeoutMs = 10_000): Promise<void> {
  await expectEventually(
    async () => {
      const value = (await locator.first().getAttribute(name, { timeout: 1_000 })) ?? '';
      if (typeof expected === 'string') expect(value).toBe(expected);
      else expect(value).toMatch(expected);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

export async function seeValue(locator: Locator, expected: string, timeoutMs = 10_000): Promise<void> {
  await expectEventually(async () => expect(await locator.first().inputValue({ timeout: 1_000 })).toBe(expected), {
    timeoutMs,
    intervalMs: 100,
  });
}

export async function seeClass(locator: Locator, pattern: RegExp, present = true, timeoutMs = 10_000): Promise<void> {
  await expectEventually(
    async () => {
      const value = (await locator.first().getAttribute('class', { timeout: 1_000 })) ?? '';
      expect(pattern.test(value)).toBe(present);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

// A valid Luxembourg VAT number, unique per run: 6 digits and their remainder modulo 89 as check digits.
export function randomLuVat(): string {
  const base = 100_000 + Math.floor(Math.random() * 899_999);
  return `LU${base}${String(base % 89).padStart(2, '0')}`;
}

// axe-core (Deque's WCAG rules engine, from npm) injected over the DevTools protocol — page scripts stay bound by the
// CSP — and run on the page as it stands. Returns one line per rule broken: rule, impact, what it asks, where.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };

export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) =>
      (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_AA,
  );
  return (result as AxeResult).violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .slice(0, 4)
        .map((n) => n.target.map(String).join(' '))
        .join(' | ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4})` : ''}`,
  );
}
