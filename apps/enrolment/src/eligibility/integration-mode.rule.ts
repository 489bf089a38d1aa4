import { fail, pass, type RuleVerdict } from './eligibility.types.js';

// Eligibility 6 — the vendor can build practice software with the eConnector NG integrated. « Vague 1 » vendors may
// instead offer direct access to the Remboursement and PID v2 services, only until the calendar's
// vague1DirectAccessEnd (2026-07-01).
export function checkIntegrationMode(
  input: { integrationMode: 'econnector_ng' | 'direct_access'; vague1Participant: boolean },
  directAccessEnd: Date | null,
  now: Date,
  formatDate: (at: Date) => string = (at) => at.toISOString().slice(0, 10),
): RuleVerdict {
  if (input.integrationMode === 'econnector_ng') {
    return pass(
      'integrationMode',
      6,
      { fr: 'Intégration de l’eConnector NG.', en: 'eConnector NG integration.' },
      'integrationMode',
    );
  }
  if (!input.vague1Participant) {
    return fail(
      'integrationMode',
      6,
      {
        fr: 'L’accès direct aux services Remboursement et PID v2 est réservé aux participants « Vague 1 » : choisissez l’intégration de l’eConnector NG.',
        en: 'Direct access to the Remboursement and PID v2 services is reserved for « Vague 1 » participants: choose the eConnector NG integration.',
      },
      'integrationMode',
    );
  }
  if (directAccessEnd && now >= directAccessEnd) {
    const when = formatDate(directAccessEnd);
    return fail(
      'integrationMode',
      6,
      {
        fr: `L’accès direct « Vague 1 » n’est plus possible depuis le ${when} : choisissez l’intégration de l’eConnector NG.`,
        en: `« Vague 1 » direct access is no longer possible since ${when}: choose the eConnector NG integration.`,
      },
      'integrationMode',
    );
  }
  return pass(
    'integrationMode',
    6,
    directAccessEnd
      ? {
          fr: `Accès direct « Vague 1 », possible jusqu’au ${formatDate(directAccessEnd)}.`,
          en: `« Vague 1 » direct access, possible until ${formatDate(directAccessEnd)}.`,
        }
      : { fr: 'Accès direct « Vague 1 ».', en: '« Vague 1 » direct access.' },
    'integrationMode',
  );
}
