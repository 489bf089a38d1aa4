import {
  checkbox,
  content,
  createTranslations,
  dataGrid,
  emailField,
  eq,
  fileField,
  panel,
  phoneField,
  radio,
  showWhen,
  submitButton,
  textField,
} from './schema-builders.js';
import type { SeedForm } from './seed-form.types.js';

// Form 2 — test environment access (PROCESS.md Phase 1 step 4, eligibility rule 4: provider
// code, active eHealth ID and MySecu space, same matricule for MySecu and the provider code).
const tr = createTranslations();
const t = tr.t;

const title = { fr: "Formulaire d'accès à l'environnement de test", en: 'Test environment access form' };
t(title.fr, title.en);

const schema = {
  display: 'form' as const,
  title: title.fr,
  name: 'sonsForm2TestAccess',
  components: [
    content(
      'introduction',
      t(
        "<p>Renvoyez ce formulaire signé pour obtenir l'accès à l'environnement de test et, si besoin, votre code prestataire.</p>",
        '<p>Return this form signed to get access to the test environment and, if needed, your provider code.</p>',
      ),
    ),
    textField('vendorName', t('Industriel', 'Vendor'), { required: true, prefill: 'vendor.name', readOnly: true }),
    panel('providerCodePanel', t('Code prestataire', 'Provider code'), [
      radio(
        'providerCodeChoice',
        t('Code prestataire', 'Provider code'),
        [
          ['request', t('Je demande un code prestataire', 'I request a provider code')],
          [
            'existing',
            t(
              "J'ai déjà un code prestataire (participant « Vague 1 »)",
              'I already have a provider code (« Vague 1 » participant)',
            ),
          ],
        ],
        { required: true },
      ),
      textField('existingProviderCode', t('Code prestataire existant', 'Existing provider code'), {
        required: true,
        validator: 'providerCode',
        prefill: 'vendor.providerCode',
        conditional: showWhen('all', eq('providerCodeChoice', 'existing')),
      }),
    ]),
    panel('identificationPanel', t('eHealth ID et MySecu', 'eHealth ID and MySecu'), [
      textField('eHealthId', t('Identifiant eHealth ID', 'eHealth ID identifier'), {
        required: true,
        validate: { maxLength: 100 },
      }),
      checkbox('eHealthIdActive', t('Mon eHealth ID est actif', 'My eHealth ID is active')),
      checkbox('mySecuActive', t('Mon espace MySecu est actif', 'My MySecu space is active')),
      textField('mySecuMatricule', t("Matricule utilisé pour l'enrôlement MySecu", 'Matricule used for the MySecu enrolment'), {
        required: true,
        validator: 'luMatricule',
        prefill: 'vendor.matricule',
        description: t(
          'Ce doit être le matricule utilisé pour le code prestataire.',
          'It must be the matricule used for the provider code.',
        ),
      }),
    ]),
    dataGrid(
      'technicalContacts',
      t('Contacts techniques', 'Technical contacts'),
      [
        textField('name', t('Nom et prénom', 'Full name'), { required: true }),
        emailField('email', t('Adresse e-mail', 'E-mail address'), { required: true }),
        phoneField('phone', t('Téléphone', 'Phone'), { required: true }),
      ],
      { required: true, minRows: 1, maxRows: 5, addAnother: t('Ajouter un contact', 'Add a contact') },
    ),
    fileField('signedForm2', t('Formulaire 2 signé', 'Signed Form 2'), { required: true }),
    submitButton(t('Envoyer', 'Submit')),
  ],
};

export const form2TestAccess: SeedForm = { key: 'form2', title, schema, i18n: tr.i18n() };
