import { z } from 'zod';

// Programme data (PROCESS.md, Calendar; Phase 3 tariff; Eligibility 3 country list). Operators change it without a
// deploy; every gate reads it through one clock.
export const MILESTONES = [
  'faqPublished',
  'form2Opens',
  'raDirectServicesEnd',
  'pidV1End',
  'complementDeadline',
  'vague1DirectAccessEnd',
  'testEnvironmentAvailable',
  'labellingProcessingStarts',
  'transitionalPhaseEnds',
  'productionGoLive',
  'labellingRequestsEnd',
  'paymentRequestsEnd',
  'programmeClosure',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_LABELS: Record<Milestone, { fr: string; en: string }> = {
  faqPublished: { fr: 'Publication de la FAQ', en: 'FAQ published' },
  form2Opens: { fr: 'Envoi du formulaire 2 possible', en: 'Form 2 can be sent' },
  raDirectServicesEnd: {
    fr: 'Fin des services directs RA (eConnector NG seul chemin)',
    en: 'End of RA direct services (eConnector NG only path)',
  },
  pidV1End: { fr: 'Fin de PID v1', en: 'End of PID v1' },
  complementDeadline: { fr: 'Date limite de réponse aux demandes de compléments', en: 'Deadline to answer complement requests' },
  vague1DirectAccessEnd: { fr: 'Fin de l’accès direct « Vague 1 »', en: 'End of « Vague 1 » direct access' },
  testEnvironmentAvailable: { fr: 'Environnement de test disponible', en: 'Test environment available' },
  labellingProcessingStarts: {
    fr: 'Début du traitement des demandes de labélisation',
    en: 'Labelling requests processing starts',
  },
  transitionalPhaseEnds: { fr: 'Fin de la phase transitoire', en: 'End of the transitional phase' },
  productionGoLive: { fr: 'Mise en production', en: 'Production go-live' },
  labellingRequestsEnd: { fr: 'Fin des demandes de labélisation', en: 'End of labelling requests' },
  paymentRequestsEnd: { fr: 'Fin des demandes de paiement', en: 'End of payment requests' },
  programmeClosure: { fr: 'Clôture du dispositif', en: 'Programme closure' },
};

const isoDate = z.string().datetime({ offset: true });

export const programmeSettingsSchema = z.object({
  wave: z.string().min(1).max(50),
  calendar: z.record(z.enum(MILESTONES), isoDate.nullable()),
  // Amounts in integer cents. PROCESS.md decision: 640 EUR TTC per validated connected provider.
  tariffPerConnectionCents: z.number().int().positive(),
  vatRatePercent: z.number().min(0).max(100),
  // ISO 3166-1 alpha-2 codes of the EU and EEA (Eligibility 3).
  eligibleCountries: z.array(z.string().length(2)).min(1),
  // Circuit check: how old (days before the delivery note was submitted) a proving transaction may be; it must also
  // be after the label date (apps/connection/README.md).
  circuitWindowDays: z.number().int().positive(),
});
export type ProgrammeSettings = z.infer<typeof programmeSettingsSchema>;

export const EU_EEA_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
];

// Known dates from the deck; the undated milestones are set by operators.
export const DEFAULT_PROGRAMME: ProgrammeSettings = {
  wave: 'Vague 2',
  calendar: {
    faqPublished: '2025-04-24T00:00:00+02:00',
    form2Opens: '2025-05-01T00:00:00+02:00',
    raDirectServicesEnd: '2025-07-01T00:00:00+02:00',
    pidV1End: '2025-12-31T23:59:59+01:00',
    complementDeadline: '2026-07-01T00:00:00+02:00',
    vague1DirectAccessEnd: '2026-07-01T00:00:00+02:00',
    testEnvironmentAvailable: null,
    labellingProcessingStarts: null,
    transitionalPhaseEnds: null,
    productionGoLive: null,
    labellingRequestsEnd: null,
    paymentRequestsEnd: null,
    programmeClosure: null,
  },
  tariffPerConnectionCents: 64000,
  vatRatePercent: 17,
  eligibleCountries: EU_EEA_COUNTRIES,
  circuitWindowDays: 90,
};
