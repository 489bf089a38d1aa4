import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@sons/contracts';
import { ACCESS_METADATA, type AccessRule } from './access.decorator.js';
import { IdentityService, SESSION_COOKIE } from './identity.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const cookieOf = (request: Request, name: string): string | undefined => {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
};

// Enforcement in one place: resolves the session, checks CSRF on unsafe methods, checks the route's rule.
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IdentityService) private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { caller?: unknown; csrfToken?: string }>();
    const rules = this.reflector.getAllAndOverride<AccessRule[] | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!rules || rules.length === 0) {
      throw new DomainError('NO_ACCESS_RULE', 403, { fr: 'Cette route n’a pas de règle d’accès.', en: 'This route has no access rule.' });
    }
    const token = cookieOf(request, SESSION_COOKIE);
    const resolved = token ? await this.identity.resolve(token) : null;
    if (resolved) {
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== resolved.session.csrfToken) {
        throw new DomainError('CSRF_TOKEN_INVALID', 403, {
          fr: 'Jeton anti-CSRF manquant ou invalide. Rechargez la page et recommencez.',
          en: 'Missing or invalid anti-CSRF token. Reload the page and try again.',
        });
      }
      request.caller = this.identity.callerOf(resolved.user, request.ip);
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
