import {
  CHANGE_REQUEST_ACTIONS,
  DomainError,
  hasRole,
  type Caller,
  type ChangeRequestAction,
  type ChangeRequestStatus,
  type Role,
} from '@sons/contracts';
import { CHANGE_REQUEST_TRANSITIONS } from './change-request-status.js';

// Eligibility 2 (PROCESS.md): the vendor initiates a change, an operator — INCERT or AeS — approves or refuses it.
export const CHANGE_REQUEST_DECIDERS: readonly Role[] = ['incert', 'aes'];
export const ACTION_TARGET: Record<ChangeRequestAction, ChangeRequestStatus> = { approve: 'approved', refuse: 'refused' };

export const mayDecideChangeRequests = (caller: Caller): boolean => hasRole(caller, ...CHANGE_REQUEST_DECIDERS);

export function requireDecider(caller: Caller): void {
  if (!mayDecideChangeRequests(caller)) {
    throw new DomainError('ROLE_NOT_ALLOWED', 403, {
      fr: 'Une demande de modification est approuvée ou refusée par INCERT ou AeS.',
      en: 'A change request is approved or refused by INCERT or AeS.',
    });
  }
}

// What this caller may do with the change request now: a decider, on a request its status lets move (pending).
// The service refuses the rest with requireDecider and the entity's transition check.
export function allowedChangeRequestActions(
  caller: Caller | null,
  request: { status: ChangeRequestStatus },
): ChangeRequestAction[] {
  if (!caller || !mayDecideChangeRequests(caller)) return [];
  return CHANGE_REQUEST_ACTIONS.filter((action) => CHANGE_REQUEST_TRANSITIONS[request.status].includes(ACTION_TARGET[action]));
}
