import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { DomainError } from '@sons/contracts';
import { callerOf, correlationOf } from '../http/caller.js';
import type { AuditChanges } from './audit-entry.entity.js';
import { AUDIT_READ_METADATA, auditNoteOf } from './audit.decorator.js';
import { AuditService, type AuditInput } from './audit.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Confidential fields recognised in any JSON answer even on a route that forgot @AuditRead (defence in depth).
const CONFIDENTIAL_KEYS: Record<string, string> = { iban: 'iban' };
// Response keys that name the case a command created or acted on, in order of preference.
const CASE_KEYS = [
  'caseId',
  'enrolmentId',
  'labellingRequestId',
  'labelRequestId',
  'connectionRequestId',
  'paymentRequestId',
  'invoiceId',
];
const HTTP_CODE_METADATA = '__httpCode__';

export const statusOfError = (error: unknown): number =>
  error instanceof DomainError
    ? error.status
    : error instanceof HttpException
      ? error.getStatus()
      : ((error as { status?: number })?.status ?? 500);

export const routeOf = (request: Request): string => {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : request.path;
};

const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

function caseIdFrom(request: Request, body: unknown): string | null {
  const note = auditNoteOf(request).caseId;
  if (note) return note;
  const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  for (const key of CASE_KEYS) if (isUuid(record[key])) return record[key];
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const key of ['caseId', 'enrolmentId', 'id']) if (isUuid(params[key])) return params[key];
  for (const [key, value] of Object.entries(params)) if (/Id$/.test(key) && isUuid(value)) return value;
  return null;
}

function confidentialKeyIn(value: unknown, depth = 0): string | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 500)) {
      const found = confidentialKeyIn(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const resource = CONFIDENTIAL_KEYS[key.toLowerCase()];
    if (resource && typeof v === 'string' && v.length > 0) return resource;
    const found = confidentialKeyIn(v, depth + 1);
    if (found) return found;
  }
  return null;
}

// A file handed over as a download (NDA, evidence, documentation…) is a confidential read even on an unmarked route.
const isDownload = (response: Response): boolean => /^attachment/i.test(String(response.getHeader('content-disposition') ?? ''));

// `{ ..., audit: { before, after } }` from a service: recorded as the change, removed from what the client receives.
function takeChanges(body: unknown): { body: unknown; changes: AuditChanges | null } {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('audit' in body)) return { body, changes: null };
  const { audit, ...rest } = body as { audit?: unknown };
  const a = audit as Partial<AuditChanges> | undefined;
  if (!a || typeof a !== 'object' || !('before' in a || 'after' in a)) return { body, changes: null };
  return { body: rest, changes: { before: a.before ?? null, after: a.after ?? null } };
}

export function auditInputOf(
  request: Request,
  status: number,
  extra: Partial<AuditInput> & Pick<AuditInput, 'action'>,
): AuditInput {
  const note = auditNoteOf(request);
  const caller = note.actor ?? callerOf(request);
  const ua = request.headers['user-agent'];
  return {
    method: request.method,
    route: routeOf(request),
    path: request.originalUrl.split('?')[0] ?? request.path,
    status,
    userId: caller?.userId ?? null,
    email: caller?.email ?? null,
    roles: caller?.roles ?? [],
    vendorId: caller?.vendorId ?? null,
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua : null,
    correlationId: correlationOf(request) ?? null,
    ...(note.changes ? { changes: note.changes } : {}),
    ...(note.details && Object.keys(note.details).length ? { details: note.details } : {}),
    ...extra,
  };
}

// Every command (every non-GET route) and every read of confidential data lands in the audit trail with its outcome.
// The entry is written before the answer leaves (after it, for routes that write their answer themselves with @Res()),
// so what a client was told happened is on record.
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const marked = this.reflector.getAllAndOverride<string | undefined>(AUDIT_READ_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const command = !SAFE_METHODS.has(request.method);
    const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
    const successStatus = () =>
      response.headersSent ? response.statusCode : (declared ?? (request.method === 'POST' ? 201 : 200));

    return next.handle().pipe(
      mergeMap((raw: unknown) => {
        const { body, changes } = command ? takeChanges(raw) : { body: raw, changes: null };
        const resource = marked ?? (command ? null : (confidentialKeyIn(body) ?? (isDownload(response) ? 'file' : null)));
        if (!command && !resource) return [body];
        const input = auditInputOf(request, successStatus(), {
          action: command ? 'command' : 'read',
          resource: resource ?? null,
          caseId: caseIdFrom(request, body),
        });
        if (changes && !input.changes) input.changes = changes;
        return from(this.audit.recordOrLog(input).then(() => body));
      }),
      catchError((error: unknown) => {
        if (!command && !marked) return throwError(() => error);
        const code = error instanceof DomainError ? error.code : undefined;
        const input = auditInputOf(request, statusOfError(error), {
          action: command ? 'command' : 'read',
          resource: marked ?? null,
          caseId: caseIdFrom(request, undefined),
        });
        if (code) input.details = { ...input.details, error: code };
        return from(this.audit.recordOrLog(input)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
