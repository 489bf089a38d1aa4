import {
  DomainError,
  LABEL_EVENT_FOR_STATUS as EVENTS_BY_STATUS,
  type EventDefinition,
  type LabellingLabelStatus,
  type Localized,
} from '@sons/contracts';

// WARNING: status strings are persisted (and public in the registry); never rename one.
// A label is published « labelled »; a new RECL / technical documentation flags it « retest_required » until a
// retest request passes (labelled again); AeS may withdraw it (PROCESS.md Phase 2.6–2.7).
export const LABEL_TRANSITIONS: Record<LabellingLabelStatus, readonly LabellingLabelStatus[]> = {
  labelled: ['retest_required', 'withdrawn'],
  retest_required: ['labelled', 'withdrawn'],
  withdrawn: [],
};

export const LABEL_EVENT_FOR_STATUS: Record<LabellingLabelStatus, EventDefinition> = EVENTS_BY_STATUS;

export const LABEL_STATUS_LABELS: Record<LabellingLabelStatus, Localized> = {
  labelled: { fr: 'labélisé', en: 'labelled' },
  retest_required: { fr: 'nouveaux tests requis', en: 'retest required' },
  withdrawn: { fr: 'retiré', en: 'withdrawn' },
};

export function assertLabelTransition(from: LabellingLabelStatus, to: LabellingLabelStatus): void {
  if (!LABEL_TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : le label est au statut « ${LABEL_STATUS_LABELS[from].fr} » et ne peut pas passer à « ${LABEL_STATUS_LABELS[to].fr} ».`,
        en: `Action not possible: the label is "${LABEL_STATUS_LABELS[from].en}" and cannot move to "${LABEL_STATUS_LABELS[to].en}".`,
      },
      { meta: { from, to, allowed: LABEL_TRANSITIONS[from] } },
    );
  }
}
