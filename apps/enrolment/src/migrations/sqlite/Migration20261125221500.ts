import { Migration } from '@mikro-orm/migrations';

// Data backfill (separate from the schema change, STYLE.md §9): every enrolment created before the Vendor aggregate
// gets its vendor row and its first identity version, built from the Form 1 it holds (valid from its submission).
export class Migration20261125221500 extends Migration {

  override name = 'Migration20261125221500';

  override up(): void | Promise<void> {
    const identity = `json_object('personType', e.\`person_type\`, 'companyName', json_extract(e.\`data\`, '$.companyName'), 'ceoFirstName', json_extract(e.\`data\`, '$.ceoFirstName'), 'ceoLastName', json_extract(e.\`data\`, '$.ceoLastName'), 'firstName', json_extract(e.\`data\`, '$.firstName'), 'lastName', json_extract(e.\`data\`, '$.lastName'), 'matricule', e.\`matricule\`, 'rcsNumber', json_extract(e.\`data\`, '$.rcsNumber'), 'vatNumber', e.\`vat_number\`, 'iban', json_extract(e.\`data\`, '$.iban'), 'email', json_extract(e.\`data\`, '$.email'), 'countryOfEstablishment', upper(json_extract(e.\`data\`, '$.countryOfEstablishment')), 'address', json_extract(e.\`data\`, '$.address'), 'addressStreet', json_extract(e.\`data\`, '$.addressStreet'), 'addressPostalCode', json_extract(e.\`data\`, '$.addressPostalCode'), 'addressCity', json_extract(e.\`data\`, '$.addressCity'))`;
    const vague1 = `coalesce(json_extract(e.\`data\`, '$.vague1Participant'), 0)`;
    this.addSql(`insert into \`vendor\` (\`id\`, \`person_type\`, \`name\`, \`matricule\`, \`vat_number\`, \`email\`, \`locale\`, \`identity\`, \`identity_version\`, \`identity_valid_from\`, \`vague1participant\`, \`existing_provider_code\`, \`provider_code\`, \`integration_mode\`, \`enrolment_id\`, \`created_at\`, \`updated_at\`, \`version\`) select e.\`vendor_id\`, e.\`person_type\`, e.\`vendor_name\`, e.\`matricule\`, e.\`vat_number\`, coalesce(json_extract(e.\`data\`, '$.email'), ''), 'fr', ${identity}, 1, e.\`submitted_at\`, ${vague1}, json_extract(e.\`data\`, '$.existingProviderCode'), case when ${vague1} then json_extract(e.\`data\`, '$.existingProviderCode') else null end, coalesce(json_extract(e.\`data\`, '$.integrationMode'), 'econnector_ng'), e.\`id\`, e.\`submitted_at\`, e.\`updated_at\`, 1 from \`enrolment\` e where not exists (select 1 from \`vendor\` v where v.\`id\` = e.\`vendor_id\`);`);
    this.addSql(`insert into \`vendor_identity_version\` (\`id\`, \`vendor_id\`, \`version_no\`, \`identity\`, \`valid_from\`, \`valid_to\`, \`change_request_id\`, \`created_at\`) select v.\`enrolment_id\`, v.\`id\`, 1, v.\`identity\`, v.\`identity_valid_from\`, null, null, v.\`created_at\` from \`vendor\` v where not exists (select 1 from \`vendor_identity_version\` i where i.\`vendor_id\` = v.\`id\`);`);
    this.addSql(`update \`enrolment\` set \`nda_attachment_id\` = coalesce(json_extract(\`data\`, '$.ndaAttachmentId'), json_extract(\`data\`, '$.ndaFile[0].attachmentId')) where \`nda_attachment_id\` is null;`);
  }

  override down(): void | Promise<void> {
    // The backfilled rows are indistinguishable from later ones once the service ran; nothing to undo safely.
  }

}
