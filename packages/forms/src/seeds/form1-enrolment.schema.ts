import { COUNTRIES } from './countries.data.js';
import {
  checkbox,
  content,
  createTranslations,
  emailField,
  eq,
  fileField,
  panel,
  radio,
  select,
  showWhen,
  submitButton,
  textField,
} from './schema-builders.js';
import type { SeedForm } from './seed-form.types.js';

// Form 1 — enrolment (PROCESS.md "Eligibility" rule 1 and Phase 1 step 1): vendor → INCERT,
// with the NDA « Industriels » signed by the vendor.
const tr = createTranslations();
const t = tr.t;

const title = {
  fr: "Formulaire d'enrôlement au dispositif d'aide à la mise en conformité à la transmission numérique",
  en: 'Enrolment form for the support scheme for compliance with digital transmission',
};
t(title.fr, title.en);

const legal = eq('personType', 'legal');
const natural = eq('personType', 'natural');

const schema = {
  display: 'form' as const,
  title: title.fr,
  name: 'sonsForm1Enrolment',
  components: [
    content(
      'introduction',
      t(
        "<p>Ce formulaire inscrit votre société ou votre activité au dispositif SONS « Vague 2 ». Joignez l'accord de confidentialité (NDA « Industriels ») signé.</p>",
        '<p>This form enrols your company or business in the SONS « Vague 2 » scheme. Attach the signed non-disclosure agreement (NDA « Industriels »).</p>',
      ),
    ),
    panel('identityPanel', t("Identité de l'industriel", 'Vendor identity'), [
      radio(
        'personType',
        t('Vous êtes', 'You are'),
        [
          ['legal', t('Une personne morale (société)', 'A legal person (company)')],
          ['natural', t('Une personne physique', 'A natural person')],
        ],
        { required: true },
      ),
      textField('companyName', t('Dénomination sociale', 'Company name'), {
        required: true,
        conditional: showWhen('all', legal),
      }),
      textField('ceoFirstName', t('Prénom du dirigeant', "CEO's first name"), {
        required: true,
        conditional: showWhen('all', legal),
      }),
      textField('ceoLastName', t('Nom du dirigeant', "CEO's last name"), { required: true, conditional: showWhen('all', legal) }),
      textField('firstName', t('Prénom', 'First name'), { required: true, conditional: showWhen('all', natural) }),
      textField('lastName', t('Nom', 'Last name'), { required: true, conditional: showWhen('all', natural) }),
      textField('matricule', t('Matricule luxembourgeois', 'Luxembourg national identification number (matricule)'), {
        required: true,
        validator: 'luMatricule',
        validatorParamFrom: 'personType',
        description: t(
          '13 chiffres pour une personne physique, 11 chiffres pour une personne morale.',
          '13 digits for a natural person, 11 digits for a legal person.',
        ),
      }),
      select(
        'countryOfEstablishment',
        t("Pays d'établissement", 'Country of establishment'),
        COUNTRIES.map((country) => [country.code, t(country.fr, country.en)] as const),
        { required: true },
      ),
      // RCS number: required when the legal person is established in Luxembourg (eligibility rule 1).
      textField('rcsNumber', t('Numéro RCS', 'RCS number'), {
        required: true,
        validator: 'rcs',
        conditional: showWhen('all', legal, eq('countryOfEstablishment', 'LU')),
        description: t(
          'Numéro au Registre de commerce et des sociétés, par ex. B123456.',
          'Luxembourg Trade and Companies Register number, e.g. B123456.',
        ),
      }),
      textField('vatNumber', t('Numéro de TVA intracommunautaire', 'EU VAT number'), {
        required: true,
        validator: 'euVat',
        validatorParamFrom: 'countryOfEstablishment',
        conditional: showWhen('all', legal),
      }),
    ]),
    panel('addressPanel', t('Adresse', 'Address'), [
      textField('addressStreet', t('Numéro et rue', 'Street and number'), { required: true }),
      textField('addressPostalCode', t('Code postal', 'Postal code'), { required: true, validate: { maxLength: 12 } }),
      textField('addressCity', t('Localité', 'City'), { required: true }),
    ]),
    panel('contactPanel', t('Coordonnées', 'Contact and bank details'), [
      emailField('email', t("Adresse e-mail de l'industriel référent", 'E-mail address of the referenced vendor'), {
        required: true,
      }),
      textField('iban', t('IBAN du compte à créditer', 'IBAN of the account to be paid'), { required: true, validator: 'iban' }),
    ]),
    panel('programmePanel', t('Participation au programme', 'Participation in the programme'), [
      checkbox('vague1Participant', t('Nous avons participé à « Vague 1 »', 'We took part in « Vague 1 »')),
      // A « Vague 1 » vendor keeps its provider code (eligibility rule 4).
      textField('existingProviderCode', t('Code prestataire existant', 'Existing provider code'), {
        required: true,
        validator: 'providerCode',
        conditional: showWhen('all', eq('vague1Participant', true)),
      }),
      radio(
        'integrationMode',
        t("Mode d'intégration", 'Integration mode'),
        [
          ['econnector_ng', t("Intégration de l'eConnector NG", 'eConnector NG integration')],
          [
            'direct_access',
            t(
              'Accès direct aux services Remboursement et PID v2 (participants « Vague 1 », jusqu’au 1er juillet 2026)',
              'Direct access to the Remboursement and PID v2 services (« Vague 1 » participants, until 1 July 2026)',
            ),
          ],
        ],
        { required: true },
      ),
      textField('intendedSoftwareName', t('Nom du logiciel métier concerné', 'Name of the practice software concerned'), {
        required: true,
      }),
    ]),
    panel('documentsPanel', t('Documents et déclaration', 'Documents and declaration'), [
      fileField('ndaFile', t('NDA « Industriels » signé par l’industriel', 'NDA « Industriels » signed by the vendor'), {
        required: true,
      }),
      checkbox(
        'declaration',
        t(
          "Je certifie l'exactitude des informations fournies ; elles ne seront modifiées que par une demande de modification.",
          'I certify that the information given is accurate; it will only be changed through a change request.',
        ),
        { required: true },
      ),
    ]),
    submitButton(t('Envoyer', 'Submit')),
  ],
};

export const form1Enrolment: SeedForm = { key: 'form1', title, schema, i18n: tr.i18n() };
