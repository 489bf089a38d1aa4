import {
  createTranslations,
  dataGrid,
  eq,
  fileField,
  integerField,
  radio,
  showWhen,
  submitButton,
  textField,
} from './schema-builders.js';
import type { SeedForm } from './seed-form.types.js';

// Form 4 — connection request (PROCESS.md Phase 3): a delivery note (bon de livraison) for one
// doctor, or for a collective (medical house, flexible centre, hospital) validated by its manager.
const tr = createTranslations();
const t = tr.t;

const title = { fr: 'Formulaire de demande de raccordement', en: 'Connection request form' };
t(title.fr, title.en);

const collective = showWhen(
  'any',
  eq('deliveryNoteType', 'medical_house'),
  eq('deliveryNoteType', 'flexible_centre'),
  eq('deliveryNoteType', 'hospital'),
);

const schema = {
  display: 'form' as const,
  title: title.fr,
  name: 'sonsForm4ConnectionRequest',
  components: [
    textField('vendorName', t('Industriel', 'Vendor'), { required: true, prefill: 'vendor.name', readOnly: true }),
    radio(
      'deliveryNoteType',
      t('Type de bon de livraison', 'Delivery note type'),
      [
        ['individual', t("Raccordement individuel d'un médecin", 'Individual connection of one doctor')],
        ['medical_house', t('Maison médicale', 'Medical house')],
        [
          'flexible_centre',
          t('Centre médical ou dentaire loué en formule flexible', 'Medical or dental centre rented in flexible form'),
        ],
        ['hospital', t('Hôpital', 'Hospital')],
      ],
      { required: true },
    ),
    textField('softwareName', t('Nom du logiciel métier labellisé', 'Labelled practice software name'), { required: true }),
    textField('softwareVersion', t('Version du logiciel', 'Software version'), { required: true, validate: { maxLength: 50 } }),
    dataGrid(
      'sites',
      t('Sites raccordés', 'Connected sites'),
      [
        textField('siteName', t('Nom du site', 'Site name'), { required: true }),
        integerField('workstationCount', t('Nombre de postes raccordés', 'Number of connected workstations'), {
          required: true,
          validate: { min: 1, max: 10000 },
        }),
      ],
      { required: true, minRows: 1, conditional: collective, addAnother: t('Ajouter un site', 'Add a site') },
    ),
    dataGrid(
      'providers',
      t('Médecins raccordés', 'Connected doctors'),
      [
        textField('providerCode', t('Code prestataire du médecin', "Doctor's provider code"), {
          required: true,
          validator: 'providerCode',
        }),
        textField('doctorName', t('Nom du médecin', "Doctor's name"), { required: true }),
        // The standardised form the doctor sent to prove the full circuit (Phase 3 step 2).
        textField('transactionReference', t('Référence de la transaction de contrôle', 'Reference of the check transaction'), {
          required: true,
          validate: { maxLength: 100 },
          description: t(
            "Mémoire d'honoraires ou transaction PID envoyée par le médecin depuis le logiciel raccordé.",
            'Fee note (Remboursement) or PID transaction sent by the doctor from the connected software.',
          ),
        }),
      ],
      { required: true, minRows: 1, addAnother: t('Ajouter un médecin', 'Add a doctor') },
    ),
    textField(
      'validatorName',
      t('Nom du responsable qui valide le raccordement', 'Name of the manager validating the connection'),
      {
        required: true,
        conditional: collective,
      },
    ),
    textField('validatorRole', t('Fonction du responsable', "Manager's role"), { required: true, conditional: collective }),
    fileField('deliveryNoteFile', t('Bon de livraison', 'Delivery note'), { required: true }),
    submitButton(t('Envoyer', 'Submit')),
  ],
};

export const form4ConnectionRequest: SeedForm = { key: 'form4', title, schema, i18n: tr.i18n() };
