import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, LOGGER, ServiceRuntime, type Logger } from '@sons/platform';
import type { DocumentsConfig } from '../config.js';
import {
  createPdfRenderer,
  createPdfSigner,
  createTemplateEngine,
  type PdfRenderer,
  type RenderInput,
  type RenderResult,
  type TemplateEngine,
} from '../render/index.js';

// The one browser of this worker process (a pool of pages inside it), and the template engine it shares with the
// template editor's checks. Several worker processes share the requests through the NATS queue group.
@Injectable()
export class PdfRendererHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly engine: TemplateEngine = createTemplateEngine();
  private readonly renderer: PdfRenderer;
  // Render requests in progress end to end (render + store + record), so shutdown lets them answer.
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(
    @Inject(CONFIG) private readonly config: DocumentsConfig,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
  ) {
    this.renderer = createPdfRenderer({
      executablePath: config.CHROMIUM_PATH,
      pages: config.DOCUMENTS_PAGES,
      queueLimit: config.DOCUMENTS_QUEUE_LIMIT,
      renderTimeoutMs: config.DOCUMENTS_RENDER_TIMEOUT_MS,
      restartAfter: config.DOCUMENTS_RESTART_AFTER,
      engine: this.engine,
      // DOCUMENTS_SIGNING_P12 / _PASSPHRASE: the key was read and checked when the config was parsed.
      signer: config.signingKey ? createPdfSigner(config.signingKey) : undefined,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.signingKey;
    if (key) {
      this.log.info(
        {
          subject: key.subject,
          issuer: key.certificate.issuer.split('\n').reverse().join(', '),
          validTo: key.certificate.validToDate.toISOString(),
        },
        'PDF signing on (PAdES-B-B)',
      );
    } else {
      this.log.info('PDF signing off (DOCUMENTS_SIGNING_P12 not set)');
    }
    // Warm the browser so the first request does not pay Chromium's launch; a failure here is not fatal (the
    // renderer launches on demand and answers a retryable error if Chromium cannot start).
    const started = Date.now();
    try {
      await this.renderer.warmUp();
      this.log.info({ ms: Date.now() - started, ...this.renderer.stats() }, 'PDF renderer warm');
    } catch (error) {
      this.log.error({ err: error }, 'PDF renderer could not warm up; renders will retry the launch');
    }
  }

  render(input: RenderInput): Promise<RenderResult> {
    return this.renderer.render(input);
  }

  // Wraps one whole request so graceful shutdown waits for it (the PDF is stored and recorded before we exit).
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  stats() {
    return this.renderer.stats();
  }

  // Graceful shutdown: stop taking requests, let accepted renders finish and be stored, then close Chromium.
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.bus.drain();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    await this.renderer.close();
    this.log.info(this.renderer.stats(), 'PDF renderer closed');
  }
}
