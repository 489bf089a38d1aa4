import { DomainError, type ConnectionStatus } from '@sons/contracts';

// WARNING: status strings are persisted; never rename one.
// submitted → under_verification (INCERT runs the circuit check) → verified | refused; verified → invoiceable when the
// vendor requests payment. INCERT may refuse a request before starting (e.g. an unreadable delivery note).
export const CONNECTION_TRANSITIONS: Record<ConnectionStatus, readonly ConnectionStatus[]> = {
  submitted: ['under_verification', 'refused'],
  under_verification: ['verified', 'refused'],
  verified: ['invoiceable'],
  refused: [],
  invoiceable: [],
};

export function assertConnectionTransition(from: ConnectionStatus, to: ConnectionStatus): void {
  if (!CONNECTION_TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : la demande de raccordement est au statut « ${from} » et ne peut pas passer à « ${to} ».`,
        en: `Action not possible: the connection request is "${from}" and cannot move to "${to}".`,
      },
      { meta: { from, to, allowed: CONNECTION_TRANSITIONS[from] } },
    );
  }
}
