import { DomainError, type EnrolmentStatus } from '@sons/contracts';

// WARNING: status strings are persisted; never rename one.
export const ENROLMENT_TRANSITIONS: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  submitted: ['under_review', 'rejected'],
  under_review: ['information_requested', 'validated_incert', 'rejected'],
  information_requested: ['under_review', 'rejected'],
  validated_incert: ['nda_countersigned', 'rejected'],
  nda_countersigned: ['documentation_shared'],
  documentation_shared: ['test_access_requested'],
  test_access_requested: ['test_access_granted'],
  test_access_granted: [],
  rejected: [],
};

export function assertTransition(from: EnrolmentStatus, to: EnrolmentStatus): void {
  if (!ENROLMENT_TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : le dossier est au statut « ${from} » et ne peut pas passer à « ${to} ».`,
        en: `Action not possible: the case is "${from}" and cannot move to "${to}".`,
      },
      { meta: { from, to, allowed: ENROLMENT_TRANSITIONS[from] } },
    );
  }
}
