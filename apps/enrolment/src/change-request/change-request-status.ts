import {
  DomainError,
  changeRequestApproved,
  changeRequestRefused,
  changeRequestSubmitted,
  type ChangeRequestStatus,
  type EventDefinition,
} from '@sons/contracts';

// WARNING: status strings are persisted; never rename one.
export const CHANGE_REQUEST_TRANSITIONS: Record<ChangeRequestStatus, readonly ChangeRequestStatus[]> = {
  pending: ['approved', 'refused'],
  approved: [],
  refused: [],
};

// The catalogue event recorded when a change request enters each status.
export const CHANGE_REQUEST_EVENT_FOR_STATUS: Record<ChangeRequestStatus, EventDefinition> = {
  pending: changeRequestSubmitted,
  approved: changeRequestApproved,
  refused: changeRequestRefused,
};

export function assertChangeRequestTransition(from: ChangeRequestStatus, to: ChangeRequestStatus): void {
  if (!CHANGE_REQUEST_TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Cette demande de modification est déjà « ${from === 'approved' ? 'approuvée' : 'refusée'} » : elle ne peut plus être ${to === 'approved' ? 'approuvée' : 'refusée'}.`,
        en: `This change request is already "${from}": it can no longer be ${to}.`,
      },
      { meta: { from, to } },
    );
  }
}
