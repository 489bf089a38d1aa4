import type { TemplateDataIssue } from './render.types.js';

// Error codes of the render module. `retryable` tells the bus handler whether the same request may
// succeed later (capacity, timeouts, browser crashes) or never will (bad data, bad template).
export type RenderErrorCode =
  | 'TEMPLATE_DATA_INVALID'
  | 'TEMPLATE_INVALID'
  | 'RENDER_INPUT_INVALID'
  | 'RENDERER_BUSY'
  | 'RENDER_TIMEOUT'
  | 'RENDERER_CRASHED'
  | 'RENDERER_CLOSED'
  | 'RENDER_FAILED';

export abstract class RenderError extends Error {
  abstract readonly code: RenderErrorCode;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class TemplateDataError extends RenderError {
  readonly code = 'TEMPLATE_DATA_INVALID';
  readonly retryable = false;

  constructor(
    readonly templateKey: string,
    readonly errors: TemplateDataIssue[],
  ) {
    super(
      `Data for template "${templateKey}" is invalid: ` +
        errors.map((issue) => `${issue.path || '(root)'} ${issue.message}`).join('; '),
    );
  }
}

export class TemplateSourceError extends RenderError {
  readonly code = 'TEMPLATE_INVALID';
  readonly retryable = false;

  constructor(
    readonly templateKey: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Template "${templateKey}" is invalid: ${detail}`, options);
  }
}

export class RenderInputError extends RenderError {
  readonly code = 'RENDER_INPUT_INVALID';
  readonly retryable = false;

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Render input "${field}" is invalid: ${detail}`);
  }
}

export class RendererBusyError extends RenderError {
  readonly code = 'RENDERER_BUSY';
  readonly retryable = true;

  constructor(inFlight: number, queued: number) {
    super(`PDF renderer is busy (${inFlight} rendering, ${queued} queued); retry later`);
  }
}

export class RenderTimeoutError extends RenderError {
  readonly code = 'RENDER_TIMEOUT';
  readonly retryable = true;

  constructor(timeoutMs: number) {
    super(`PDF render did not finish within ${timeoutMs} ms`);
  }
}

export class RendererCrashedError extends RenderError {
  readonly code = 'RENDERER_CRASHED';
  readonly retryable = true;

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Chromium stopped during the render: ${detail}`, options);
  }
}

export class RendererClosedError extends RenderError {
  readonly code = 'RENDERER_CLOSED';
  readonly retryable = true;

  constructor() {
    super('PDF renderer is shutting down');
  }
}

export class RenderFailedError extends RenderError {
  readonly code = 'RENDER_FAILED';
  readonly retryable = true;

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`PDF render failed: ${detail}`, options);
  }
}

export const isRetryableRenderError = (error: unknown): boolean => error instanceof RenderError && error.retryable;
