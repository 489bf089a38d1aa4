import { DomainError, type FieldError } from '@sons/contracts';
import {
  RenderError,
  RenderInputError,
  TemplateDataError,
  TemplateSourceError,
  isRetryableRenderError,
  type TemplateDataIssue,
} from '../render/index.js';

const fieldErrorOf = (issue: TemplateDataIssue): FieldError => ({
  path: issue.path || '/',
  rule: issue.rule,
  message: {
    fr: `Donnée du document invalide en ${issue.path || '(racine)'} : ${issue.message} (règle ${issue.rule}).`,
    en: `Invalid document data at ${issue.path || '(root)'}: ${issue.message} (rule ${issue.rule}).`,
  },
});

// The engine's errors as answers on the bus: bad data → 400 with the path of every bad field; a template that
// does not compile → 422; capacity, timeouts and crashes → 503 with `retryable: true` (same request, later).
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof RenderError)) return error;
  if (error instanceof TemplateDataError) {
    return new DomainError(
      'TEMPLATE_DATA_INVALID',
      400,
      {
        fr: `Les données ne respectent pas le schéma du modèle « ${error.templateKey} » : ${error.errors.length} champ(s) à corriger. Aucun PDF n’a été produit.`,
        en: `The data does not match the schema of template "${error.templateKey}": ${error.errors.length} field(s) to correct. No PDF was produced.`,
      },
      { errors: error.errors.map(fieldErrorOf), meta: { templateKey: error.templateKey } },
    );
  }
  if (error instanceof TemplateSourceError) {
    return new DomainError(
      'TEMPLATE_INVALID',
      422,
      {
        fr: `Le modèle « ${error.templateKey} » est invalide : ${error.message}`,
        en: `Template "${error.templateKey}" is invalid: ${error.message}`,
      },
      { meta: { templateKey: error.templateKey } },
    );
  }
  if (error instanceof RenderInputError) {
    return new DomainError(
      'RENDER_INPUT_INVALID',
      400,
      { fr: `Paramètre de rendu invalide : ${error.message}`, en: error.message },
      { errors: [{ path: `/${error.field}`, rule: 'render', message: { fr: error.message, en: error.message } }] },
    );
  }
  if (isRetryableRenderError(error)) {
    return new DomainError(
      error.code,
      503,
      {
        fr: `Le service de documents ne peut pas produire le PDF maintenant (${error.code}). Réessayez dans quelques instants avec la même clé d’idempotence.`,
        en: `The documents service cannot produce the PDF right now (${error.code}: ${error.message}). Retry in a moment with the same idempotency key.`,
      },
      { retryable: true },
    );
  }
  return new DomainError('RENDER_FAILED', 500, {
    fr: `Le rendu du PDF a échoué : ${error.message}`,
    en: `PDF render failed: ${error.message}`,
  });
}
