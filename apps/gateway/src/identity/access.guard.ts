import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@sons/contracts';
import { AUDIT_READ_METADATA } from '../audit/audit.decorator.js';
import { auditInputOf, statusOfError } from '../audit/audit.interceptor.js';
import { AuditService } from '../audit/audit.service.js';
import { ACCESS_METADATA, type AccessRule } from './access.decorator.js';
import { IdentityService, SESSION_COOKIE } from './identity.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const cookieOf = (request: Request, name: string): string | undefined => {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
};

// Enforcement in one place: resolves the session, checks CSRF on unsafe methods, checks the route's rule.
// A refused command (or refused read of confidential data) is itself an audit entry.
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { caller?: unknown; csrfToken?: string }>();
    try {
      return await this.check(context, request);
    } catch (error) {
      const confidential = this.reflector.getAllAndOverride<string | undefined>(AUDIT_READ_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]);
      if (!SAFE_METHODS.has(request.method) || confidential) {
        const input = auditInputOf(request, statusOfError(error), {
          action: SAFE_METHODS.has(request.method) ? 'read' : 'command',
          resource: confidential ?? null,
        });
        input.details = { ...input.details, error: error instanceof DomainError ? error.code : 'ERROR' };
        await this.audit.recordOrLog(input);
      }
      throw error;
    }
  }

  private async check(context: ExecutionContext, request: Request & { caller?: unknown; csrfToken?: string }): Promise<boolean> {
    const rules = this.reflector.getAllAndOverride<AccessRule[] | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rules || rules.length === 0) {
      throw new DomainError('NO_ACCESS_RULE', 403, {
        fr: 'Cette route n’a pas de règle d’accès.',
        en: 'This route has no access rule.',
      });
    }
    const token = cookieOf(request, SESSION_COOKIE);
    const resolved = token ? await this.identity.resolve(token) : null;
    if (resolved) {
      request.caller = this.identity.callerOf(resolved.user, request.ip);
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== resolved.session.csrfToken) {
        throw new DomainError('CSRF_TOKEN_INVALID', 403, {
          fr: 'Jeton anti-CSRF manquant ou invalide. Rechargez la page et recommencez.',
          en: 'Missing or invalid anti-CSRF token. Reload the page and try again.',
        });
      }
      request.csrfToken = resolved.session.csrfToken;
    }
    if (rules.includes('public')) return true;
    if (!resolved) {
      throw new DomainError('AUTHENTICATION_REQUIRED', 401, { fr: 'Connectez-vous pour continuer.', en: 'Sign in to continue.' });
    }
    if (rules.includes('authenticated') || resolved.user.roles.some((r) => rules.includes(r))) return true;
    throw new DomainError('FORBIDDEN', 403, {
      fr: 'Votre rôle ne permet pas cette action.',
      en: 'Your role does not allow this action.',
    });
  }
}
