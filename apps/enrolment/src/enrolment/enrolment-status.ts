import {
  DomainError,
  ENROLMENT_EVENT_FOR_STATUS as EVENTS_BY_STATUS,
  ENROLMENT_STATUSES,
  type ContactParty,
  type EnrolmentAction,
  type EnrolmentStatus,
  type EventDefinition,
  type Localized,
  type Role,
} from '@sons/contracts';

// WARNING: status strings are persisted; never rename one.
// Phase 1 (PROCESS.md): submitted (Form 1 + signed NDA) → under_review (INCERT took it) ⇄ information_requested
// → validated_incert → nda_countersigned (AeS) → documentation_shared → test_access_requested (Form 2)
// → test_access_granted (Form 3 unlocked). Rejected with a reason at the review steps.
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

// The one catalogue event recorded when a case enters each status (defined in @sons/contracts, enrolment-events.ts).
export const ENROLMENT_EVENT_FOR_STATUS: Record<EnrolmentStatus, EventDefinition> = EVENTS_BY_STATUS;

export function assertTransition(from: EnrolmentStatus, to: EnrolmentStatus): void {
  if (!ENROLMENT_TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : le dossier est au statut « ${STATUS_LABELS[from].fr} » et ne peut pas passer à « ${STATUS_LABELS[to].fr} ».`,
        en: `Action not possible: the case is "${STATUS_LABELS[from].en}" and cannot move to "${STATUS_LABELS[to].en}".`,
      },
      { meta: { from, to, allowed: ENROLMENT_TRANSITIONS[from] } },
    );
  }
}

export const STATUS_LABELS: Record<EnrolmentStatus, Localized> = {
  submitted: { fr: 'soumis', en: 'submitted' },
  under_review: { fr: 'en cours d’examen (INCERT)', en: 'under review (INCERT)' },
  information_requested: { fr: 'informations demandées', en: 'information requested' },
  validated_incert: { fr: 'validé par INCERT', en: 'validated by INCERT' },
  nda_countersigned: { fr: 'NDA contresigné (AeS)', en: 'NDA countersigned (AeS)' },
  documentation_shared: { fr: 'documentation partagée', en: 'documentation shared' },
  test_access_requested: { fr: 'accès de test demandé', en: 'test access requested' },
  test_access_granted: { fr: 'accès de test accordé', en: 'test access granted' },
  rejected: { fr: 'rejeté', en: 'rejected' },
};

// Contact point by step (PROCESS.md, Actors and roles): enrolment → AeS; tests (Form 2, test environment, until the
// tests pass) → INCERT.
export const ENROLMENT_CONTACT_POINT: Record<EnrolmentStatus, ContactParty> = {
  submitted: 'aes',
  under_review: 'aes',
  information_requested: 'aes',
  validated_incert: 'aes',
  nda_countersigned: 'aes',
  documentation_shared: 'incert',
  test_access_requested: 'incert',
  test_access_granted: 'incert',
  rejected: 'aes',
};

// Who may do what from which status. Operator roles follow PROCESS.md: INCERT checks the enrolment (takes the case,
// asks for more, validates), grants test access; AeS validates too by countersigning the NDA; either shares the
// documentation or rejects at a review step. Read-only users change nothing.
export type ActionRule = { actor: 'vendor' | readonly Role[]; from: readonly EnrolmentStatus[]; to?: EnrolmentStatus };
const REVIEW_STEPS: readonly EnrolmentStatus[] = ['submitted', 'under_review', 'information_requested', 'validated_incert'];

export const ENROLMENT_ACTION_RULES: Record<EnrolmentAction, ActionRule> = {
  assign: { actor: ['incert'], from: ['submitted', 'under_review', 'information_requested'] },
  request_information: { actor: ['incert'], from: ['under_review'], to: 'information_requested' },
  answer_information: { actor: 'vendor', from: ['information_requested'], to: 'under_review' },
  validate: { actor: ['incert'], from: ['under_review'], to: 'validated_incert' },
  reject: { actor: ['incert', 'aes'], from: REVIEW_STEPS, to: 'rejected' },
  countersign_nda: { actor: ['aes'], from: ['validated_incert'], to: 'nda_countersigned' },
  share_documentation: { actor: ['incert', 'aes'], from: ['nda_countersigned'], to: 'documentation_shared' },
  submit_form2: { actor: 'vendor', from: ['documentation_shared'], to: 'test_access_requested' },
  grant_test_access: { actor: ['incert'], from: ['test_access_requested'], to: 'test_access_granted' },
  request_change: { actor: 'vendor', from: ENROLMENT_STATUSES.filter((s) => s !== 'rejected') },
};

// Documentation is confidential under the NDA: a vendor reads it from the moment it was shared.
export const DOCUMENTATION_STATUSES: readonly EnrolmentStatus[] = [
  'documentation_shared',
  'test_access_requested',
  'test_access_granted',
];
