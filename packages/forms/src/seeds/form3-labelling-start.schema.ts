import {
  checkbox,
  createTranslations,
  dataGrid,
  eq,
  fileField,
  radio,
  showWhen,
  submitButton,
  textArea,
  textField,
} from './schema-builders.js';
import type { SeedForm } from './seed-form.types.js';

// Form 3 — labelling start (PROCESS.md Phase 2 step 1): one software name + version, with the
// proof that the tests of the technical documentation and of the RECL pass.
const tr = createTranslations();
const t = tr.t;

const title = { fr: 'Formulaire de démarrage du processus de labélisation', en: 'Labelling process start form' };
t(title.fr, title.en);

const schema = {
  display: 'form' as const,
  title: title.fr,
  name: 'sonsForm3LabellingStart',
  components: [
    textField('vendorName', t('Industriel', 'Vendor'), { required: true, prefill: 'vendor.name', readOnly: true }),
    textField('softwareName', t('Nom du logiciel métier', 'Practice software name'), { required: true }),
    textField('softwareVersion', t('Version du logiciel', 'Software version'), {
      required: true,
      validate: { maxLength: 50 },
      description: t('Un label vaut pour une seule version.', 'A label is for one version only.'),
    }),
    radio(
      'integrationMode',
      t("Mode d'intégration", 'Integration mode'),
      [
        ['econnector_ng', t("Intégration de l'eConnector NG", 'eConnector NG integration')],
        ['direct_access', t('Accès direct (participants « Vague 1 »)', 'Direct access (« Vague 1 » participants)')],
      ],
      { required: true },
    ),
    textField('reclVersion', t('Version du RECL testée', 'RECL version tested'), { required: true, validate: { maxLength: 20 } }),
    dataGrid(
      'evidence',
      t('Preuves de test', 'Test evidence'),
      [
        textField('requirementId', t("Identifiant de l'exigence", 'Requirement identifier'), {
          required: true,
          validate: { maxLength: 50 },
        }),
        radio(
          'result',
          t('Résultat', 'Result'),
          [
            ['pass', t('Réussi', 'Pass')],
            ['fail', t('Échoué', 'Fail')],
            ['not_applicable', t('Non applicable', 'Not applicable')],
          ],
          { required: true },
        ),
        fileField('proofFiles', t('Fichiers de preuve', 'Proof files'), {
          required: true,
          multiple: true,
          filePattern: '.pdf,.png,.jpg,.zip,.txt,.xml,.json',
          // The platform's upload limit (SONS_UPLOAD_MAX_MB, 20 by default): the form must not promise more.
          conditional: showWhen('any', eq('evidence.result', 'pass'), eq('evidence.result', 'fail')),
        }),
        textArea('justification', t('Justification de la non-applicabilité', 'Why the requirement does not apply'), {
          required: true,
          conditional: showWhen('all', eq('evidence.result', 'not_applicable')),
        }),
      ],
      { required: true, minRows: 1, addAnother: t('Ajouter une exigence', 'Add a requirement') },
    ),
    checkbox(
      'declaration',
      t(
        'Je certifie que les tests de la documentation technique et du RECL ont été exécutés sur cette version.',
        'I certify that the tests of the technical documentation and of the RECL were run on this version.',
      ),
      { required: true },
    ),
    submitButton(t('Envoyer', 'Submit')),
  ],
};

export const form3LabellingStart: SeedForm = { key: 'form3', title, schema, i18n: tr.i18n() };
