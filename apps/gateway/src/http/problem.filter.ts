import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, pickLocale, titleFor, type ErrorBody } from '@sons/contracts';
import { LOGGER, toErrorBody, type Logger } from '@sons/platform';

// One error shape for every route: RFC 9457 problem details, in French or English by Accept-Language.
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    const locale = pickLocale(request.headers['accept-language']);
    if (body.retryable) response.setHeader('Retry-After', '2');
    response
      .status(body.status)
      .type('application/problem+json')
      .json({
        type: `https://sons.esante.lu/problems/${body.code.toLowerCase().replace(/_/g, '-')}`,
        title: body.title[locale],
        status: body.status,
        detail: body.detail[locale],
        code: body.code,
        instance: request.originalUrl,
        ...(body.errors ? { errors: body.errors.map((e) => ({ path: e.path, rule: e.rule, message: e.message[locale] })) } : {}),
        ...(body.retryable ? { retryable: true } : {}),
        ...(body.meta ? publicMeta(body.meta) : {}),
      });
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return exception.body;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known: Record<number, ErrorBody['detail']> = {
        404: {
          fr: 'Aucune ressource à cette adresse. Vérifiez l’URL ; la liste des routes est sur /api/docs.',
          en: 'Nothing at this address. Check the URL; the routes are listed at /api/docs.',
        },
        413: { fr: 'Le contenu envoyé dépasse la taille autorisée.', en: 'The request body exceeds the allowed size.' },
        400: {
          fr: 'Requête mal formée (JSON invalide ?). Corrigez le corps de la requête.',
          en: 'Malformed request (invalid JSON?). Fix the request body.',
        },
      };
      const detail = known[status] ?? { fr: exception.message, en: exception.message };
      return { code: status === 404 ? 'NOT_FOUND' : `HTTP_${status}`, status, title: titleFor(status), detail };
    }
    const status =
      (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
    if (status === 413 || status === 400) return this.toBody(new HttpException('body', status));
    return toErrorBody(exception, this.log);
  }
}

// Only ids and field names leave the service boundary in `meta`.
function publicMeta(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v)),
  );
}
