import {
  DomainError,
  LABELLING_ACTIONS,
  hasRole,
  isOperator,
  type Caller,
  type LabellingAction,
  type Role,
} from '@sons/contracts';
import { LABELLING_ACTION_RULES, STATUS_LABELS } from './label-request-status.js';
import type { LabelRequest } from './label-request.entity.js';

const ROLE_NAMES: Partial<Record<Role, string>> = { incert: 'INCERT', aes: 'AeS (Agence eSanté)' };

export const requestNotFound = () =>
  new DomainError('LABELLING_REQUEST_NOT_FOUND', 404, {
    fr: 'Cette demande de labélisation est introuvable.',
    en: 'This labelling request was not found.',
  });

export function requireCaller(caller: Caller | null): Caller {
  if (!caller)
    throw new DomainError('AUTHENTICATION_REQUIRED', 401, { fr: 'Connectez-vous pour continuer.', en: 'Sign in to continue.' });
  return caller;
}

// A vendor's user only ever sees its own vendor's requests: anything else looks like "not found" (never 403).
export function assertCanRead(request: LabelRequest | null, caller: Caller | null): asserts request is LabelRequest {
  if (!request || !caller || (!isOperator(caller) && caller.vendorId !== request.vendorId)) throw requestNotFound();
}

export function requireVendor(caller: Caller | null): Caller & { vendorId: string } {
  const who = requireCaller(caller);
  if (isOperator(who) || !who.vendorId) {
    throw new DomainError('ROLE_NOT_ALLOWED', 403, {
      fr: 'Seul un utilisateur d’un industriel enrôlé peut faire cette action.',
      en: 'Only a user of an enrolled vendor can take this action.',
    });
  }
  return who as Caller & { vendorId: string };
}

export function requireRoles(caller: Caller | null, roles: readonly Role[]): Caller {
  const who = requireCaller(caller);
  if (!hasRole(who, ...roles)) {
    const names = roles.map((r) => ROLE_NAMES[r] ?? r).join(' / ');
    throw new DomainError(
      'ROLE_NOT_ALLOWED',
      403,
      { fr: `Cette action est réservée à ${names}.`, en: `This action is reserved for ${names}.` },
      { meta: { roles: [...roles] } },
    );
  }
  return who;
}

// Who may take this action (PROCESS.md roles) and from which status; the move itself is guarded again by the
// entity's transition method.
export function assertMayAct(caller: Caller | null, request: LabelRequest, action: LabellingAction): Caller {
  const who = requireCaller(caller);
  const rule = LABELLING_ACTION_RULES[action];
  if (rule.actor === 'vendor') {
    if (isOperator(who)) {
      throw new DomainError('ROLE_NOT_ALLOWED', 403, {
        fr: 'Seul l’industriel titulaire de la demande peut faire cette action.',
        en: 'Only the vendor that owns the request can take this action.',
      });
    }
    if (who.vendorId !== request.vendorId) throw requestNotFound();
  } else if (!hasRole(who, ...rule.actor)) {
    if (!isOperator(who) && who.vendorId !== request.vendorId) throw requestNotFound();
    requireRoles(who, rule.actor);
  }
  if (!rule.from.includes(request.status)) {
    const list = (locale: 'fr' | 'en') => rule.from.map((s) => `« ${STATUS_LABELS[s][locale]} »`).join(', ');
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : la demande est au statut « ${STATUS_LABELS[request.status].fr} » ; elle n’est possible qu’au statut ${list('fr')}.`,
        en: `Action not possible: the request is "${STATUS_LABELS[request.status].en}"; it is only possible when the request is ${list('en')}.`,
      },
      { meta: { action, from: request.status, allowed: [...rule.from] } },
    );
  }
  return who;
}

export function assertExpectedVersion(entity: { rowVersion: number }, expected: number | undefined): void {
  if (expected !== undefined && entity.rowVersion !== expected) {
    throw new DomainError(
      'CONCURRENT_UPDATE',
      409,
      {
        fr: 'Cette demande vient d’être modifiée par quelqu’un d’autre. Rechargez-la et recommencez votre action.',
        en: 'This request was just changed by someone else. Reload it and repeat your action.',
      },
      { meta: { expectedVersion: expected, currentVersion: entity.rowVersion } },
    );
  }
}

export function allowedActions(caller: Caller | null, request: LabelRequest): LabellingAction[] {
  if (!caller) return [];
  return LABELLING_ACTIONS.filter((action) => {
    const rule = LABELLING_ACTION_RULES[action];
    if (!rule.from.includes(request.status)) return false;
    return rule.actor === 'vendor' ? !isOperator(caller) && caller.vendorId === request.vendorId : hasRole(caller, ...rule.actor);
  });
}

export const authorRoleOf = (caller: Caller): 'vendor' | 'incert' | 'aes' | 'admin' =>
  hasRole(caller, 'incert') ? 'incert' : hasRole(caller, 'aes') ? 'aes' : isOperator(caller) ? 'admin' : 'vendor';
