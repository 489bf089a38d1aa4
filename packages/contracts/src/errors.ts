import { z } from 'zod';
import type { Localized } from './localized.js';

// One error shape crosses the bus; the gateway turns it into RFC 9457 problem details.
export const fieldErrorSchema = z.object({
  path: z.string(),
  rule: z.string(),
  message: z.object({ fr: z.string(), en: z.string() }),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorBodySchema = z.object({
  code: z.string(),
  status: z.number().int(),
  title: z.object({ fr: z.string(), en: z.string() }),
  detail: z.object({ fr: z.string(), en: z.string() }),
  errors: z.array(fieldErrorSchema).optional(),
  retryable: z.boolean().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const TITLES: Record<number, Localized> = {
  400: { fr: 'Requête invalide', en: 'Invalid request' },
  401: { fr: 'Authentification requise', en: 'Authentication required' },
  403: { fr: 'Action non autorisée', en: 'Action not allowed' },
  404: { fr: 'Introuvable', en: 'Not found' },
  409: { fr: 'Conflit', en: 'Conflict' },
  413: { fr: 'Contenu trop volumineux', en: 'Payload too large' },
  422: { fr: 'Règle du programme non respectée', en: 'Programme rule not met' },
  429: { fr: 'Trop de requêtes', en: 'Too many requests' },
  500: { fr: 'Erreur interne', en: 'Internal error' },
  503: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable' },
  504: { fr: 'Délai dépassé', en: 'Timed out' },
};

export function titleFor(status: number): Localized {
  return TITLES[status] ?? TITLES[500];
}

// Thrown by services and by the bus client; carries everything a person needs to act.
export class DomainError extends Error {
  readonly body: ErrorBody;
  constructor(
    code: string,
    status: number,
    detail: Localized,
    extra: { errors?: FieldError[]; retryable?: boolean; meta?: Record<string, unknown> } = {},
  ) {
    super(`${code}: ${detail.en}`);
    this.name = 'DomainError';
    this.body = { code, status, title: titleFor(status), detail, ...extra };
  }

  static fromBody(body: ErrorBody): DomainError {
    const error = new DomainError(body.code, body.status, body.detail, {
      errors: body.errors,
      retryable: body.retryable,
      meta: body.meta,
    });
    return error;
  }

  get code(): string {
    return this.body.code;
  }
  get status(): number {
    return this.body.status;
  }
}

export function validationError(errors: FieldError[], detail?: Localized): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    400,
    detail ?? {
      fr: `${errors.length} champ(s) à corriger avant de pouvoir continuer.`,
      en: `${errors.length} field(s) to correct before you can continue.`,
    },
    { errors },
  );
}

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
    const where = path || '(racine)';
    return {
      path: path || '$',
      rule: issue.code,
      message: describeIssue(issue, where),
    };
  });
}

function describeIssue(issue: z.core.$ZodIssue, where: string): Localized {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { fr: `${where} : champ obligatoire manquant.`, en: `${where}: required field is missing.` }
        : {
            fr: `${where} : type attendu « ${issue.expected} ».`,
            en: `${where}: expected type "${issue.expected}".`,
          };
    case 'too_small':
      return {
        fr: `${where} : valeur trop courte ou trop petite (minimum ${String(issue.minimum)}).`,
        en: `${where}: too short or too small (minimum ${String(issue.minimum)}).`,
      };
    case 'too_big':
      return {
        fr: `${where} : valeur trop longue ou trop grande (maximum ${String(issue.maximum)}).`,
        en: `${where}: too long or too large (maximum ${String(issue.maximum)}).`,
      };
    case 'invalid_format':
      return { fr: `${where} : format invalide (${issue.format}).`, en: `${where}: invalid format (${issue.format}).` };
    case 'invalid_value':
      return {
        fr: `${where} : valeur non admise ; valeurs possibles : ${issue.values.map(String).join(', ')}.`,
        en: `${where}: value not allowed; allowed values: ${issue.values.map(String).join(', ')}.`,
      };
    case 'unrecognized_keys':
      return {
        fr: `${where} : champs inconnus ${issue.keys.join(', ')}.`,
        en: `${where}: unknown fields ${issue.keys.join(', ')}.`,
      };
    case 'custom': {
      // A refinement may carry its own wording in both languages: .refine(check, { params: { fr, en } }).
      const own = issue.params as Partial<Localized> | undefined;
      if (own?.fr && own.en) return { fr: `${where} : ${own.fr}`, en: `${where}: ${own.en}` };
      return { fr: `${where} : ${issue.message}`, en: `${where}: ${issue.message}` };
    }
    // No wording of our own for these (yet): zod's message, after the field's path.
    case 'not_multiple_of':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    default:
      return { fr: `${where} : ${issue.message}`, en: `${where}: ${issue.message}` };
  }
}
