import { fail, judgement, pass, runValidator, type RuleVerdict } from './eligibility.types.js';

// Eligibility 4 — the vendor has a provider code (code prestataire), an active eHealth ID and an active MySecu
// space; the matricule used for the provider code is the one used for the MySecu enrolment; the provider code is
// requested through Form 2; a « Vague 1 » vendor keeps its existing provider code.

const normaliseCode = (code: string) => code.replace(/[\s-]/g, '');

// Form 1: a « Vague 1 » participant gives the provider code it keeps.
export function checkVague1ProviderCode(input: {
  vague1Participant: boolean;
  existingProviderCode?: string | null;
}): RuleVerdict {
  const code = input.existingProviderCode ? normaliseCode(input.existingProviderCode) : '';
  if (code) {
    const problem = runValidator('providerCode', 'existingProviderCode', code);
    if (problem) return fail('vague1ProviderCode', 4, problem.message, 'existingProviderCode', true);
  }
  if (input.vague1Participant && !code) {
    return fail(
      'vague1ProviderCode',
      4,
      {
        fr: 'Un participant « Vague 1 » conserve son code prestataire existant : indiquez-le (8 chiffres).',
        en: 'A « Vague 1 » participant keeps its existing provider code: give it (8 digits).',
      },
      'existingProviderCode',
    );
  }
  if (input.vague1Participant) {
    return pass(
      'vague1ProviderCode',
      4,
      {
        fr: 'Participant « Vague 1 » : le code prestataire existant est conservé.',
        en: '« Vague 1 » participant: the existing provider code is kept.',
      },
      'existingProviderCode',
    );
  }
  if (code) {
    return judgement(
      'vague1ProviderCode',
      4,
      {
        fr: 'Un code prestataire existant est indiqué sans participation à « Vague 1 » : INCERT vérifie son origine.',
        en: 'An existing provider code is given without « Vague 1 » participation: INCERT checks where it comes from.',
      },
      'existingProviderCode',
    );
  }
  return pass(
    'vague1ProviderCode',
    4,
    { fr: 'Le code prestataire sera demandé avec le formulaire 2.', en: 'The provider code will be requested with Form 2.' },
    'existingProviderCode',
  );
}

// Form 2: request a provider code, or (« Vague 1 ») keep the existing one.
export function checkProviderCodeRequest(
  vendor: { vague1Participant: boolean; existingProviderCode?: string | null },
  form2: { providerCodeChoice: 'request' | 'existing'; existingProviderCode?: string | null },
): RuleVerdict {
  const given = form2.existingProviderCode ? normaliseCode(form2.existingProviderCode) : '';
  if (form2.providerCodeChoice === 'existing') {
    if (!given) {
      return fail(
        'providerCodeRequest',
        4,
        { fr: 'Indiquez votre code prestataire existant (8 chiffres).', en: 'Give your existing provider code (8 digits).' },
        'existingProviderCode',
        true,
      );
    }
    const problem = runValidator('providerCode', 'existingProviderCode', given);
    if (problem) return fail('providerCodeRequest', 4, problem.message, 'existingProviderCode', true);
  }
  const known = vendor.existingProviderCode ? normaliseCode(vendor.existingProviderCode) : '';
  if (vendor.vague1Participant) {
    if (form2.providerCodeChoice === 'request') {
      return fail(
        'providerCodeRequest',
        4,
        {
          fr: `Un participant « Vague 1 » conserve son code prestataire existant${known ? ` (${known})` : ''} : choisissez « J’ai déjà un code prestataire » au lieu d’en demander un nouveau.`,
          en: `A « Vague 1 » participant keeps its existing provider code${known ? ` (${known})` : ''}: choose "I already have a provider code" instead of requesting a new one.`,
        },
        'providerCodeChoice',
      );
    }
    if (known && given !== known) {
      return fail(
        'providerCodeRequest',
        4,
        {
          fr: `Le code prestataire indiqué (${given}) n’est pas celui déclaré à l’enrôlement (${known}) : un participant « Vague 1 » conserve son code existant.`,
          en: `The provider code given (${given}) is not the one declared at enrolment (${known}): a « Vague 1 » participant keeps its existing code.`,
        },
        'existingProviderCode',
      );
    }
    return pass(
      'providerCodeRequest',
      4,
      { fr: 'Code prestataire « Vague 1 » conservé.', en: '« Vague 1 » provider code kept.' },
      'existingProviderCode',
    );
  }
  if (form2.providerCodeChoice === 'existing') {
    return judgement(
      'providerCodeRequest',
      4,
      {
        fr: 'Code prestataire existant indiqué par un industriel qui n’a pas participé à « Vague 1 » : INCERT vérifie ce code.',
        en: 'Existing provider code given by a vendor that did not take part in « Vague 1 »: INCERT checks this code.',
      },
      'existingProviderCode',
    );
  }
  return pass(
    'providerCodeRequest',
    4,
    { fr: 'Demande de code prestataire enregistrée.', en: 'Provider code request recorded.' },
    'providerCodeChoice',
  );
}

// Form 2: the matricule of the MySecu enrolment is the one the provider code is attached to (the enrolled one).
export function checkMySecuMatricule(enrolledMatricule: string, mySecuMatricule: string): RuleVerdict {
  const given = mySecuMatricule.replace(/\s/g, '');
  const problem = runValidator('luMatricule', 'mySecuMatricule', given);
  if (problem) return fail('mySecuMatricule', 4, problem.message, 'mySecuMatricule', true);
  if (given !== enrolledMatricule) {
    return fail(
      'mySecuMatricule',
      4,
      {
        fr: 'Le matricule utilisé pour MySecu doit être celui utilisé pour le code prestataire, c’est-à-dire le matricule enrôlé : corrigez-le, ou faites une demande de modification du matricule enrôlé.',
        en: 'The matricule used for MySecu must be the one used for the provider code, i.e. the enrolled matricule: correct it, or file a change request for the enrolled matricule.',
      },
      'mySecuMatricule',
    );
  }
  return pass(
    'mySecuMatricule',
    4,
    { fr: 'Le matricule MySecu est le matricule enrôlé.', en: 'The MySecu matricule is the enrolled matricule.' },
    'mySecuMatricule',
  );
}

// Form 2: an active eHealth ID and an active MySecu space.
export function checkEHealthAndMySecu(input: { eHealthIdActive: boolean; mySecuActive: boolean }): RuleVerdict {
  if (!input.eHealthIdActive) {
    return fail(
      'eHealthAndMySecu',
      4,
      {
        fr: 'Un eHealth ID actif est requis : activez-le avant d’envoyer le formulaire 2.',
        en: 'An active eHealth ID is required: activate it before sending Form 2.',
      },
      'eHealthIdActive',
    );
  }
  if (!input.mySecuActive) {
    return fail(
      'eHealthAndMySecu',
      4,
      {
        fr: 'Un espace MySecu actif est requis : activez-le avant d’envoyer le formulaire 2.',
        en: 'An active MySecu space is required: activate it before sending Form 2.',
      },
      'mySecuActive',
    );
  }
  return pass('eHealthAndMySecu', 4, { fr: 'eHealth ID et espace MySecu actifs.', en: 'eHealth ID and MySecu space active.' });
}
