import puppeteer, { TimeoutError, type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { finishPdf, type FinishedPdf } from './pdf.post-processor.js';
import type { PdfSigner } from './pdf.signer.js';
import {
  RenderError,
  RenderFailedError,
  RenderTimeoutError,
  RendererBusyError,
  RendererClosedError,
  RendererCrashedError,
} from './render.exception.js';
import type { RenderInput, RenderResult } from './render.types.js';
import { createTemplateEngine, type PreparedDocument, type TemplateEngine } from './template.engine.js';

// Launch flags verified on the project's machines (docs: STACK.md, "PDF").
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
] as const;

export type PdfRendererOptions = {
  executablePath: string;
  // Pages (tabs) rendering at the same time in the one browser.
  pages?: number;
  // Renders allowed to wait for a page; beyond it render() rejects with RendererBusyError.
  queueLimit?: number;
  // From the moment a page slot is granted (launch included) until the PDF is finished.
  renderTimeoutMs?: number;
  // The browser is replaced after this many renders (bounds Chromium's memory growth).
  restartAfter?: number;
  launchTimeoutMs?: number;
  closeTimeoutMs?: number;
  extraArgs?: string[];
  engine?: TemplateEngine;
  clock?: () => Date;
  // When set, every PDF is signed (PAdES-B-B) as the last post-processing step.
  signer?: PdfSigner;
};

export type PdfRendererStats = {
  pages: number;
  queueLimit: number;
  inFlight: number;
  queued: number;
  rendered: number;
  failed: number;
  rejectedBusy: number;
  timeouts: number;
  crashes: number;
  blockedRequests: number;
  browserLaunches: number;
  browserPid: number | null;
  rendersOnCurrentBrowser: number;
  closed: boolean;
};

export type PdfRenderer = {
  render(input: RenderInput): Promise<RenderResult>;
  // Starts the browser and opens the page pool ahead of the first request.
  warmUp(): Promise<void>;
  // Stops accepting renders, lets every accepted one finish, then closes Chromium.
  close(): Promise<void>;
  stats(): PdfRendererStats;
};

type GenerationState = 'live' | 'retiring' | 'closing' | 'closed' | 'crashed';

// One launched browser. A new generation replaces it after a crash, a timeout or `restartAfter` renders.
type Generation = {
  id: number;
  browser: Browser;
  pid: number | null;
  idle: Page[];
  pageCount: number;
  started: number;
  inFlight: number;
  state: GenerationState;
  crashed: Promise<never>;
  // Called on 'disconnected', or earlier when a CDP call fails on a dead connection.
  markCrashed: () => void;
  closed?: Promise<void>;
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

// Drawn by Chromium in the bottom page margin; pageNumber/totalPages are filled without JavaScript.
const footerTemplate = (reference: string): string =>
  `<div style="width:100%;margin:0 15mm;font-family:'DejaVu Sans',sans-serif;font-size:7pt;color:#555;` +
  `display:flex;justify-content:space-between"><span>${escapeHtml(reference)}</span>` +
  `<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;

// Lets a losing promise settle quietly (its result is not wanted any more).
const race = <T>(work: Promise<T>, ...signals: Promise<never>[]): Promise<T> => {
  work.catch(() => undefined);
  return Promise.race([work, ...signals]);
};

const positiveInteger = (name: string, value: number, min: number): number => {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}`);
  return value;
};

export const createPdfRenderer = (options: PdfRendererOptions): PdfRenderer => {
  const pages = positiveInteger('pages', options.pages ?? 2, 1);
  const queueLimit = positiveInteger('queueLimit', options.queueLimit ?? 16, 0);
  const renderTimeoutMs = positiveInteger('renderTimeoutMs', options.renderTimeoutMs ?? 30_000, 1);
  const restartAfter = positiveInteger('restartAfter', options.restartAfter ?? 1_000, 1);
  const launchTimeoutMs = options.launchTimeoutMs ?? 15_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 5_000;
  const engine = options.engine ?? createTemplateEngine();
  const clock = options.clock ?? (() => new Date());

  const counters = { rendered: 0, failed: 0, rejectedBusy: 0, timeouts: 0, crashes: 0, blockedRequests: 0, launches: 0 };
  const generations = new Set<Generation>();
  const brokenPages = new WeakSet<Page>();
  let current: Generation | undefined;
  let launching: Promise<Generation> | undefined;
  let closing = false;
  let closePromise: Promise<void> | undefined;

  // Page slots: at most `pages` renders hold one, at most `queueLimit` wait for one.
  let active = 0;
  const waiting: Array<() => void> = [];
  // Renders accepted and not yet settled (queued, printing or post-processing); close() waits for 0.
  let accepted = 0;
  const drainWaiters: Array<() => void> = [];

  const acquireSlot = (): Promise<void> | undefined => {
    if (active < pages) {
      active += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };

  const releaseSlot = (): void => {
    const next = waiting.shift();
    if (next) {
      next();
      return;
    }
    active -= 1;
  };

  const settled = (): void => {
    accepted -= 1;
    if (accepted === 0) drainWaiters.splice(0).forEach((resolve) => resolve());
  };

  const drained = (): Promise<void> =>
    accepted === 0 ? Promise.resolve() : new Promise((resolve) => drainWaiters.push(resolve));

  const processAlive = (generation: Generation): boolean => {
    const child = generation.browser.process();
    return child !== null && child.exitCode === null && child.signalCode === null;
  };

  const closeGeneration = (generation: Generation): Promise<void> => {
    if (generation.closed) return generation.closed;
    if (current === generation) current = undefined;
    if (generation.state === 'crashed') {
      generations.delete(generation);
      generation.closed = Promise.resolve();
      return generation.closed;
    }
    generation.state = 'closing';
    generation.closed = (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          generation.browser.close(),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, closeTimeoutMs);
          }),
        ]);
      } catch {
        // A browser that will not close politely is killed below.
      } finally {
        clearTimeout(timer);
      }
      if (processAlive(generation)) generation.browser.process()?.kill('SIGKILL');
      generation.state = 'closed';
      generations.delete(generation);
    })();
    return generation.closed;
  };

  const retire = (generation: Generation): void => {
    if (generation.state !== 'live') return;
    generation.state = 'retiring';
    if (current === generation) current = undefined;
    if (generation.inFlight === 0) void closeGeneration(generation);
  };

  const launch = async (): Promise<Generation> => {
    const browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      pipe: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      timeout: launchTimeoutMs,
      // Shutdown is the service's job (close() lets accepted renders finish first).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    counters.launches += 1;
    let rejectCrashed: (error: Error) => void = () => undefined;
    const crashed = new Promise<never>((_, reject) => {
      rejectCrashed = reject;
    });
    crashed.catch(() => undefined);
    const generation: Generation = {
      id: counters.launches,
      browser,
      pid: browser.process()?.pid ?? null,
      idle: [],
      pageCount: 0,
      started: 0,
      inFlight: 0,
      state: 'live',
      crashed,
      markCrashed: () => undefined,
    };
    generation.markCrashed = () => {
      if (generation.state === 'closing' || generation.state === 'closed' || generation.state === 'crashed') return;
      generation.state = 'crashed';
      counters.crashes += 1;
      if (current === generation) current = undefined;
      generations.delete(generation);
      rejectCrashed(new RendererCrashedError('the browser disconnected'));
      if (processAlive(generation)) browser.process()?.kill('SIGKILL');
    };
    browser.on('disconnected', () => generation.markCrashed());
    generations.add(generation);
    return generation;
  };

  const liveGeneration = (): Promise<Generation> => {
    if (current?.state === 'live') return Promise.resolve(current);
    launching ??= launch().then(
      (generation) => {
        launching = undefined;
        current = generation;
        return generation;
      },
      (error: unknown) => {
        launching = undefined;
        throw new RenderFailedError(`Chromium did not start (${(error as Error).message})`, { cause: error });
      },
    );
    return launching;
  };

  const createPage = async (generation: Generation): Promise<Page> => {
    generation.pageCount += 1;
    try {
      const page = await generation.browser.newPage();
      page.on('error', () => brokenPages.add(page));
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      // No network: the document and its images are inline; anything else is refused.
      page.on('request', (request: HTTPRequest) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('about:')) {
          request.continue().catch(() => undefined);
        } else {
          counters.blockedRequests += 1;
          request.abort('blockedbyclient').catch(() => undefined);
        }
      });
      return page;
    } catch (error) {
      generation.pageCount -= 1;
      throw error;
    }
  };

  const discardPage = (generation: Generation, page: Page): void => {
    generation.pageCount -= 1;
    page.close().catch(() => undefined);
  };

  const printPage = async (page: Page, prepared: PreparedDocument): Promise<Uint8Array> => {
    await page.setContent(prepared.html, { waitUntil: 'load', timeout: renderTimeoutMs });
    return page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: false,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerTemplate(prepared.reference),
      timeout: renderTimeoutMs,
    });
  };

  const classify = (error: unknown, generation: Generation | undefined, page: Page | undefined): RenderError => {
    if (error instanceof RenderError) return error;
    if (generation && (generation.state === 'crashed' || !generation.browser.connected)) {
      generation.markCrashed();
      return new RendererCrashedError('the browser disconnected', { cause: error });
    }
    if (page && brokenPages.has(page)) return new RendererCrashedError('the page crashed', { cause: error });
    if (error instanceof TimeoutError) return new RenderTimeoutError(renderTimeoutMs);
    return new RenderFailedError((error as Error)?.message ?? String(error), { cause: error });
  };

  // Holds a page slot from the first CDP call to the last byte of the PDF, under the render deadline.
  const printWithDeadline = async (prepared: PreparedDocument): Promise<Uint8Array> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeoutError(renderTimeoutMs)), renderTimeoutMs);
    });
    deadline.catch(() => undefined);
    let generation: Generation | undefined;
    let page: Page | undefined;
    let pageReusable = false;
    let failure: RenderError | undefined;
    try {
      generation = await race(liveGeneration(), deadline);
      const running = generation;
      running.inFlight += 1;
      running.started += 1;
      if (running.started >= restartAfter) retire(running);
      page = running.idle.pop() ?? (await race(createPage(running), deadline, running.crashed));
      const bytes = await race(printPage(page, prepared), deadline, running.crashed);
      pageReusable = true;
      return bytes;
    } catch (error) {
      failure = classify(error, generation, page);
      throw failure;
    } finally {
      clearTimeout(timer);
      if (failure instanceof RenderTimeoutError) counters.timeouts += 1;
      if (generation) {
        generation.inFlight -= 1;
        const usable = generation.state === 'live' || generation.state === 'retiring';
        if (page) {
          if (pageReusable && usable && !brokenPages.has(page)) generation.idle.push(page);
          else if (usable) discardPage(generation, page);
        }
        // A page that hung may mean a wedged browser: start the next renders on a fresh one.
        if (failure instanceof RenderTimeoutError || failure instanceof RendererCrashedError) retire(generation);
        if (generation.state === 'retiring' && generation.inFlight === 0) void closeGeneration(generation);
      }
    }
  };

  const run = async (input: RenderInput, prepared: PreparedDocument): Promise<RenderResult> => {
    try {
      const queued = acquireSlot();
      if (queued) await queued;
      let bytes: Uint8Array;
      try {
        bytes = await printWithDeadline(prepared);
      } finally {
        // The page is free again while Node post-processes: Chromium can start the next document.
        releaseSlot();
      }
      let finished: FinishedPdf;
      try {
        const signature = options.signer ? { signer: options.signer, contactInfo: input.verifyUrl } : undefined;
        finished = await finishPdf(bytes, input.metadata, input.reference, clock(), signature);
      } catch (error) {
        throw new RenderFailedError(`post-processing failed (${(error as Error).message})`, { cause: error });
      }
      counters.rendered += 1;
      return { ...finished, templateKey: input.template.key, templateVersion: input.template.version, locale: input.locale };
    } catch (error) {
      counters.failed += 1;
      throw error;
    } finally {
      settled();
    }
  };

  return {
    render(input) {
      if (closing) return Promise.reject(new RendererClosedError());
      // Checked synchronously so a burst of calls gets an immediate, deterministic answer.
      if (active >= pages && waiting.length >= queueLimit) {
        counters.rejectedBusy += 1;
        return Promise.reject(new RendererBusyError(active, waiting.length));
      }
      let prepared: PreparedDocument;
      try {
        prepared = engine.renderHtml(input);
      } catch (error) {
        counters.failed += 1;
        return Promise.reject(error instanceof Error ? error : new Error('template rendering failed', { cause: error }));
      }
      accepted += 1;
      return run(input, prepared);
    },

    async warmUp() {
      if (closing) throw new RendererClosedError();
      const generation = await liveGeneration();
      while (generation.pageCount < pages && generation.state === 'live') {
        generation.idle.push(await createPage(generation));
      }
    },

    close() {
      closePromise ??= (async () => {
        closing = true;
        await drained();
        await launching?.catch(() => undefined);
        await Promise.all([...generations].map((generation) => closeGeneration(generation)));
      })();
      return closePromise;
    },

    stats() {
      return {
        pages,
        queueLimit,
        inFlight: accepted - waiting.length,
        queued: waiting.length,
        rendered: counters.rendered,
        failed: counters.failed,
        rejectedBusy: counters.rejectedBusy,
        timeouts: counters.timeouts,
        crashes: counters.crashes,
        blockedRequests: counters.blockedRequests,
        browserLaunches: counters.launches,
        browserPid: current?.pid ?? null,
        rendersOnCurrentBrowser: current?.started ?? 0,
        closed: closing,
      };
    },
  };
};
