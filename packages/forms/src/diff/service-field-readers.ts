import type { FormKey } from '../seeds/seed-form.types.js';

// Which submission keys each service reads from each form. A published schema version may not
// remove, rename or retype one of these keys until the service stops reading it.
// Datagrid columns are written `grid.column`; listing a column also protects its grid.
export type FieldReader = { formKey: string; keys: readonly string[] };
export type ServiceFieldReaders = Readonly<Record<string, readonly FieldReader[]>>;

export const SERVICE_FIELD_READERS = {
  // Eligibility rules 1–4 and the vendor record (PROCESS.md "Eligibility").
  enrolment: [
    {
      formKey: 'form1',
      keys: [
        'personType',
        'companyName',
        'ceoFirstName',
        'ceoLastName',
        'firstName',
        'lastName',
        'matricule',
        'rcsNumber',
        'vatNumber',
        'iban',
        'email',
        'countryOfEstablishment',
        'addressStreet',
        'addressPostalCode',
        'addressCity',
        'vague1Participant',
        'existingProviderCode',
        'integrationMode',
        'intendedSoftwareName',
        'ndaFile',
      ],
    },
    {
      formKey: 'form2',
      keys: [
        'providerCodeChoice',
        'existingProviderCode',
        'eHealthId',
        'eHealthIdActive',
        'mySecuActive',
        'mySecuMatricule',
        'technicalContacts.name',
        'technicalContacts.email',
        'technicalContacts.phone',
        'signedForm2',
      ],
    },
  ],
  // One labelling request per software name + version, with its evidence (Phase 2).
  labelling: [
    {
      formKey: 'form3',
      keys: ['softwareName', 'softwareVersion', 'evidence.requirementId', 'evidence.result', 'evidence.proofFiles'],
    },
  ],
  // Delivery note kind, connected doctors and the transaction that proves each circuit (Phase 3).
  connection: [
    {
      formKey: 'form4',
      keys: [
        'deliveryNoteType',
        'providers.providerCode',
        'providers.doctorName',
        'providers.transactionReference',
        'sites.siteName',
        'sites.workstationCount',
      ],
    },
  ],
} as const satisfies Record<string, readonly { formKey: FormKey; keys: readonly string[] }[]>;
