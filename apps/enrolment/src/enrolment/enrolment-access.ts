import {
  DomainError,
  ENROLMENT_ACTIONS,
  hasRole,
  isOperator,
  type Caller,
  type EnrolmentAction,
  type Role,
} from '@sons/contracts';
import type { Enrolment } from './enrolment.entity.js';
import { ENROLMENT_ACTION_RULES, STATUS_LABELS } from './enrolment-status.js';

const ROLE_NAMES: Partial<Record<Role, string>> = { incert: 'INCERT', aes: 'AeS (Agence eSanté)' };

export const notFound = () =>
  new DomainError('ENROLMENT_NOT_FOUND', 404, {
    fr: 'Ce dossier d’enrôlement est introuvable.',
    en: 'This enrolment case was not found.',
  });

export function requireCaller(caller: Caller | null): Caller {
  if (!caller)
    throw new DomainError('AUTHENTICATION_REQUIRED', 401, { fr: 'Connectez-vous pour continuer.', en: 'Sign in to continue.' });
  return caller;
}

// A vendor's user only ever sees its own vendor's case: anything else looks like "not found" (never 403).
export function assertCanRead(enrolment: Enrolment | null, caller: Caller | null): asserts enrolment is Enrolment {
  if (!enrolment || (caller && !isOperator(caller) && caller.vendorId !== enrolment.vendorId)) throw notFound();
}

export const isVendorOf = (caller: Caller, vendorId: string): boolean => !isOperator(caller) && caller.vendorId === vendorId;

// Who may take this action (PROCESS.md roles) and from which status; the status guard of the move itself is
// enrolment-status.ts's assertTransition.
export function assertMayAct(caller: Caller | null, enrolment: Enrolment, action: EnrolmentAction): Caller {
  const who = requireCaller(caller);
  const rule = ENROLMENT_ACTION_RULES[action];
  if (rule.actor === 'vendor') {
    if (isOperator(who)) {
      throw new DomainError('ROLE_NOT_ALLOWED', 403, {
        fr: 'Seul l’industriel titulaire du dossier peut faire cette action.',
        en: 'Only the vendor that owns the case can take this action.',
      });
    }
    if (who.vendorId !== enrolment.vendorId) throw notFound();
  } else if (!hasRole(who, ...rule.actor)) {
    if (!isOperator(who) && who.vendorId !== enrolment.vendorId) throw notFound();
    const names = rule.actor.map((r) => ROLE_NAMES[r] ?? r).join(' / ');
    throw new DomainError(
      'ROLE_NOT_ALLOWED',
      403,
      { fr: `Cette action est réservée à ${names}.`, en: `This action is reserved for ${names}.` },
      { meta: { action, roles: [...rule.actor] } },
    );
  }
  if (!rule.from.includes(enrolment.status)) {
    const list = (locale: 'fr' | 'en') => rule.from.map((s) => `« ${STATUS_LABELS[s][locale]} »`).join(', ');
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : le dossier est au statut « ${STATUS_LABELS[enrolment.status].fr} » ; elle n’est possible qu’au statut ${list('fr')}.`,
        en: `Action not possible: the case is "${STATUS_LABELS[enrolment.status].en}"; it is only possible when the case is ${list('en')}.`,
      },
      { meta: { action, from: enrolment.status, allowed: [...rule.from] } },
    );
  }
  return who;
}

// The caller acted on the version it saw; anything else means someone changed the case meanwhile.
export function assertExpectedVersion(entity: { version: number }, expected: number | undefined): void {
  if (expected !== undefined && entity.version !== expected) {
    throw new DomainError(
      'CONCURRENT_UPDATE',
      409,
      {
        fr: 'Ce dossier vient d’être modifié par quelqu’un d’autre. Rechargez-le et recommencez votre action.',
        en: 'This case was just changed by someone else. Reload it and repeat your action.',
      },
      { meta: { expectedVersion: expected, currentVersion: entity.version } },
    );
  }
}

export function allowedActions(caller: Caller | null, enrolment: Enrolment): EnrolmentAction[] {
  if (!caller) return [];
  return ENROLMENT_ACTIONS.filter((action) => {
    const rule = ENROLMENT_ACTION_RULES[action];
    if (!rule.from.includes(enrolment.status)) return false;
    return rule.actor === 'vendor' ? isVendorOf(caller, enrolment.vendorId) : hasRole(caller, ...rule.actor);
  });
}

export const authorRoleOf = (caller: Caller): 'vendor' | 'incert' | 'aes' | 'admin' =>
  hasRole(caller, 'incert') ? 'incert' : hasRole(caller, 'aes') ? 'aes' : isOperator(caller) ? 'admin' : 'vendor';
