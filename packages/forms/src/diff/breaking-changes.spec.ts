import { SEED_FORMS } from '../seeds/seed-forms.js';
import { FORM_KEYS } from '../seeds/seed-form.types.js';
import { walkComponents } from '../component-tree.js';
import { breakingChanges } from './breaking-changes.js';
import type { SchemaDiff } from './diff-schemas.js';
import { SERVICE_FIELD_READERS } from './service-field-readers.js';

const diff = (change: Partial<SchemaDiff>): SchemaDiff => ({
  added: [],
  removed: [],
  renamed: [],
  changedValidation: [],
  changedType: [],
  ...change,
});

describe('breakingChanges', () => {
  it('should name the key and the reading service when a read key is removed', () => {
    const errors = breakingChanges(diff({ removed: ['companyName'] }), SERVICE_FIELD_READERS, 'form1', { locale: 'en' });
    expect(errors).toEqual([
      {
        service: 'enrolment',
        formKey: 'form1',
        key: 'companyName',
        change: 'removed',
        message:
          'Field "companyName" of form form1 is read by the "enrolment" service and was removed: put it back, or change the service first.',
      },
    ]);
  });

  it('should name the new key when a read key is renamed', () => {
    const [error] = breakingChanges(
      diff({ renamed: [{ from: 'softwareVersion', to: 'version' }] }),
      SERVICE_FIELD_READERS,
      'form3',
    );
    expect(error).toEqual(expect.objectContaining({ service: 'labelling', key: 'softwareVersion', change: 'renamed' }));
    expect(error?.message).toContain('« version »');
  });

  it('should flag a removed grid when a service reads one of its columns', () => {
    const errors = breakingChanges(diff({ removed: ['providers', 'providers.providerCode'] }), SERVICE_FIELD_READERS, 'form4');
    expect(errors.map((error) => [error.service, error.key])).toEqual([
      ['connection', 'providers'],
      ['connection', 'providers.providerCode'],
    ]);
  });

  it('should flag a type change when a service reads the key', () => {
    const errors = breakingChanges(
      diff({ changedType: [{ key: 'deliveryNoteType', before: 'radio', after: 'textfield' }] }),
      SERVICE_FIELD_READERS,
      'form4',
    );
    expect(errors).toEqual([expect.objectContaining({ service: 'connection', change: 'changedType' })]);
  });

  it('should find nothing when the changed keys are read by no service', () => {
    const changes = diff({ removed: ['declaration', 'evidence.justification'], renamed: [{ from: 'reclVersion', to: 'recl' }] });
    expect(breakingChanges(changes, SERVICE_FIELD_READERS, 'form3')).toEqual([]);
  });

  it('should only look at readers of the form when another form has the same key', () => {
    // existingProviderCode exists in forms 1 and 2; the form key decides.
    expect(breakingChanges(diff({ removed: ['existingProviderCode'] }), SERVICE_FIELD_READERS, 'form3')).toEqual([]);
    expect(breakingChanges(diff({ removed: ['existingProviderCode'] }), SERVICE_FIELD_READERS, 'form2')).toHaveLength(1);
  });
});

describe('SERVICE_FIELD_READERS', () => {
  it.each(FORM_KEYS)('should only declare keys that exist in the %s seed', (formKey) => {
    const keys = new Set<string>();
    walkComponents(SEED_FORMS[formKey].schema.components, ({ dataPath }) => {
      if (dataPath !== undefined) keys.add(dataPath);
    });
    const declared = Object.values(SERVICE_FIELD_READERS)
      .flatMap((readers) => readers as readonly { formKey: string; keys: readonly string[] }[])
      .filter((reader) => reader.formKey === formKey)
      .flatMap((reader) => reader.keys);
    expect(declared.filter((key) => !keys.has(key))).toEqual([]);
  });
});
