import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { pickLocale, titleFor } from '@sons/contracts';
import type { GatewayConfig } from '../config.js';
import { SESSION_COOKIE } from './identity.service.js';
import { cookieOf } from './access.guard.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Sign-in style routes: every guess at a password, code or link counts here.
export const CREDENTIAL_ROUTES = [
  '/api/auth/login',
  '/api/auth/login/totp',
  '/api/auth/register',
  '/api/auth/password-reset/request',
  '/api/auth/password-reset/confirm',
  '/api/auth/invitations/accept',
];

function tooMany(kind: 'login' | 'commands', windowSeconds: number) {
  return (req: Request, res: Response) => {
    const locale = pickLocale(req.headers['accept-language']);
    const detail =
      kind === 'login'
        ? {
            fr: `Trop de tentatives de connexion depuis votre adresse. Réessayez dans ${windowSeconds} secondes.`,
            en: `Too many sign-in attempts from your address. Retry in ${windowSeconds} seconds.`,
          }
        : {
            fr: `Trop de demandes en peu de temps. Réessayez dans ${windowSeconds} secondes.`,
            en: `Too many requests in a short time. Retry in ${windowSeconds} seconds.`,
          };
    res
      .status(429)
      .setHeader('Retry-After', String(windowSeconds))
      .type('application/problem+json')
      .json({
        type: 'https://sons.esante.lu/problems/rate-limited',
        title: titleFor(429)[locale],
        status: 429,
        detail: detail[locale],
        code: 'RATE_LIMITED',
        instance: req.originalUrl,
      });
  };
}

// Per client IP for credential routes; per session (else per IP) for every other command — submissions included.
export function rateLimiters(config: GatewayConfig): {
  credentials: RateLimitRequestHandler;
  commands: RateLimitRequestHandler;
  apply: (req: Request, res: Response, next: NextFunction) => void;
} {
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const credentials = rateLimit({
    windowMs,
    limit: config.RATE_LIMIT_LOGIN,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: tooMany('login', config.RATE_LIMIT_WINDOW_SECONDS),
  });
  const commands = rateLimit({
    windowMs,
    limit: config.RATE_LIMIT_COMMANDS,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const session = cookieOf(req, SESSION_COOKIE);
      return session ? `s:${createHash('sha256').update(session).digest('hex')}` : ipKeyGenerator(req.ip ?? 'unknown');
    },
    handler: tooMany('commands', config.RATE_LIMIT_WINDOW_SECONDS),
  });
  const apply = (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const path = req.originalUrl.split('?')[0].replace(/\/+$/, '');
    return CREDENTIAL_ROUTES.includes(path) ? credentials(req, res, next) : commands(req, res, next);
  };
  return { credentials, commands, apply };
}
