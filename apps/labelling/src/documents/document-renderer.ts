import { Inject, Injectable } from '@nestjs/common';
import { DomainError, renderPdf, type RenderedDocument, type RequestOf } from '@sons/contracts';
import { Bus, LOGGER, type Logger } from '@sons/platform';

const RETRIES = 3;
// The gateway waits 90 s for a labelling command (apps/gateway labelling.controller.ts): every attempt, pause and retry
// here fits in 75 s, so the operator gets this service's own answer (rendered, or « documents busy, case unchanged »)
// rather than the gateway's timeout while the transition might still go on behind it.
export const RENDER_BUDGET_MS = 75_000;
const ATTEMPT_TIMEOUT_MS = 40_000;
const MIN_ATTEMPT_MS = 5_000;

// Renders a PDF through the documents worker (sons.documents.pdf.render). Always with an idempotency key per
// (request, iteration, template): a retry — ours here, or the operator's after a 503 — returns the same document,
// never a second one. Rendering happens before the transition's transaction, so a worker that is busy or down
// leaves the case exactly as it was (no half transition) and the operator may simply retry.
@Injectable()
export class DocumentRenderer {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async render(
    request: RequestOf<typeof renderPdf> & { idempotencyKey: string },
    correlationId?: string,
  ): Promise<RenderedDocument> {
    const deadline = Date.now() + RENDER_BUDGET_MS;
    for (let attempt = 1; ; attempt++) {
      const timeoutMs = Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now());
      try {
        return await this.bus.request(renderPdf, request, { correlationId, timeoutMs });
      } catch (error) {
        const retryable =
          error instanceof DomainError && (error.body.retryable === true || error.status === 503 || error.status === 504);
        if (!retryable) throw error;
        const pause = 400 * 2 ** attempt;
        if (attempt >= RETRIES || deadline - Date.now() - pause < MIN_ATTEMPT_MS) {
          throw new DomainError(
            'DOCUMENT_SERVICE_UNAVAILABLE',
            503,
            {
              fr: 'Le document n’a pas pu être généré pour le moment (service de documents occupé ou indisponible). Le dossier n’a pas changé : réessayez dans quelques instants.',
              en: 'The document could not be generated right now (documents service busy or unavailable). The case is unchanged: retry in a moment.',
            },
            { retryable: true, meta: { templateKey: request.templateKey, cause: error.code, attempts: attempt } },
          );
        }
        this.log.warn(
          { templateKey: request.templateKey, attempt, code: error.code },
          'documents worker busy or unavailable; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}
