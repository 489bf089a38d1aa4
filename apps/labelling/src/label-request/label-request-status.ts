import {
  DomainError,
  LABELLING_EVENT_FOR_STATUS as EVENTS_BY_STATUS,
  type EventDefinition,
  type LabellingAction,
  type LabellingStatus,
  type Localized,
  type Role,
} from '@sons/contracts';

// WARNING: status strings are persisted; never rename one.
// Phase 2 (PROCESS.md): draft → submitted (Form 3 + evidence) → evidence_incomplete ⇄ queued (evidence complete,
// FIFO) → in_review (INCERT) ⇄ complement_requested → complement_answered → in_review … → tests_failed (results
// sent; a new iteration goes back to submitted) | tests_passed (attestation de réussite, Form 4) → agreement_sent
// (AeS) → agreement_signed (vendor) → labelled (attestation de labélisation, registry).
export const LABELLING_TRANSITIONS: Record<LabellingStatus, readonly LabellingStatus[]> = {
  draft: ['submitted'],
  submitted: ['evidence_incomplete', 'queued'],
  evidence_incomplete: ['queued'],
  queued: ['in_review', 'evidence_incomplete'],
  in_review: ['complement_requested', 'tests_failed', 'tests_passed'],
  // An unanswered complement request may end in failed tests (e.g. past the complement deadline).
  complement_requested: ['complement_answered', 'tests_failed'],
  complement_answered: ['in_review'],
  tests_failed: ['submitted'],
  tests_passed: ['agreement_sent'],
  agreement_sent: ['agreement_signed'],
  agreement_signed: ['labelled'],
  labelled: [],
};

// The one catalogue event recorded when a request enters each status (defined in @sons/contracts, labelling.ts).
export const LABELLING_EVENT_FOR_STATUS: Record<LabellingStatus, EventDefinition> = EVENTS_BY_STATUS;

export const STATUS_LABELS: Record<LabellingStatus, Localized> = {
  draft: { fr: 'brouillon', en: 'draft' },
  submitted: { fr: 'soumise', en: 'submitted' },
  evidence_incomplete: { fr: 'preuves incomplètes', en: 'evidence incomplete' },
  queued: { fr: 'en file d’attente (preuves complètes)', en: 'queued (evidence complete)' },
  in_review: { fr: 'en cours d’examen (INCERT)', en: 'in review (INCERT)' },
  complement_requested: { fr: 'compléments demandés', en: 'complements requested' },
  complement_answered: { fr: 'compléments fournis', en: 'complements answered' },
  tests_failed: { fr: 'tests échoués', en: 'tests failed' },
  tests_passed: { fr: 'tests réussis', en: 'tests passed' },
  agreement_sent: { fr: 'accord de service envoyé (AeS)', en: 'service agreement sent (AeS)' },
  agreement_signed: { fr: 'accord de service signé', en: 'service agreement signed' },
  labelled: { fr: 'labélisé', en: 'labelled' },
};

export function assertTransition(from: LabellingStatus, to: LabellingStatus): void {
  if (!LABELLING_TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : la demande est au statut « ${STATUS_LABELS[from].fr} » et ne peut pas passer à « ${STATUS_LABELS[to].fr} ».`,
        en: `Action not possible: the request is "${STATUS_LABELS[from].en}" and cannot move to "${STATUS_LABELS[to].en}".`,
      },
      { meta: { from, to, allowed: LABELLING_TRANSITIONS[from] } },
    );
  }
}

// Contact point by step (PROCESS.md, Actors and roles): tests and labelling until the tests pass → INCERT;
// labelling and referencing after the tests pass → AeS.
const AFTER_TESTS: readonly LabellingStatus[] = ['tests_passed', 'agreement_sent', 'agreement_signed', 'labelled'];
export const contactPointOf = (status: LabellingStatus): { party: 'incert' | 'aes'; topic: Localized } =>
  AFTER_TESTS.includes(status)
    ? {
        party: 'aes',
        topic: {
          fr: 'Labélisation et référencement (après la réussite des tests)',
          en: 'Labelling and referencing (after the tests passed)',
        },
      }
    : {
        party: 'incert',
        topic: { fr: 'Tests et labélisation jusqu’à la réussite des tests', en: 'Tests and labelling until the tests pass' },
      };

// Who may do what from which status (PROCESS.md roles): the vendor fills and answers; INCERT reviews the tests;
// AeS sends the agreement and issues the label. Read-only users change nothing.
export type ActionRule = { actor: 'vendor' | readonly Role[]; from: readonly LabellingStatus[] };
export const LABELLING_ACTION_RULES: Record<LabellingAction, ActionRule> = {
  update_draft: { actor: 'vendor', from: ['draft'] },
  submit: { actor: 'vendor', from: ['draft', 'tests_failed'] },
  add_evidence: { actor: 'vendor', from: ['evidence_incomplete'] },
  take: { actor: ['incert'], from: ['queued'] },
  flag_incomplete: { actor: ['incert'], from: ['queued'] },
  request_complement: { actor: ['incert'], from: ['in_review'] },
  answer_complement: { actor: 'vendor', from: ['complement_requested'] },
  resume_review: { actor: ['incert'], from: ['complement_answered'] },
  fail_tests: { actor: ['incert'], from: ['in_review', 'complement_requested'] },
  pass_tests: { actor: ['incert'], from: ['in_review'] },
  send_agreement: { actor: ['aes'], from: ['tests_passed'] },
  sign_agreement: { actor: 'vendor', from: ['agreement_sent'] },
  confirm_agreement: { actor: ['aes'], from: ['agreement_signed'] },
};

// Form 4 (connection request) is available once the tests passed (PROCESS.md Phase 2.5).
export const FORM4_STATUSES: readonly LabellingStatus[] = AFTER_TESTS;
