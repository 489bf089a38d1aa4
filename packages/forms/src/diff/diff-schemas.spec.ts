import type { FormioComponent, FormSchema } from '../form-schema.types.js';
import { SEED_FORMS } from '../seeds/seed-forms.js';
import { diffSchemas } from './diff-schemas.js';

// Edit a copy of a seed the way an operator would in the builder.
function edit(schema: FormSchema, change: (components: FormioComponent[]) => void): FormSchema {
  const copy = structuredClone(schema);
  change(copy.components);
  return copy;
}

function find(components: FormioComponent[], key: string): { list: FormioComponent[]; index: number } {
  for (const [index, component] of components.entries()) {
    if (component.key === key) return { list: components, index };
    for (const children of [component.components, ...(component.columns ?? []).map((column) => column.components)]) {
      if (children === undefined) continue;
      try {
        return find(children, key);
      } catch {
        // keep looking
      }
    }
  }
  throw new Error(`no component ${key}`);
}

const component = (components: FormioComponent[], key: string): FormioComponent => {
  const { list, index } = find(components, key);
  const found = list[index];
  if (found === undefined) throw new Error(key);
  return found;
};

describe('diffSchemas', () => {
  const form1 = SEED_FORMS.form1.schema;
  const form4 = SEED_FORMS.form4.schema;

  it('should find nothing when the schema is unchanged', () => {
    expect(diffSchemas(form1, structuredClone(form1))).toEqual({
      added: [],
      removed: [],
      renamed: [],
      changedValidation: [],
      changedType: [],
    });
  });

  it('should report a removed key when a field is deleted', () => {
    const next = edit(form1, (components) => {
      const { list, index } = find(components, 'ceoLastName');
      list.splice(index, 1);
    });
    expect(diffSchemas(form1, next)).toEqual(expect.objectContaining({ removed: ['ceoLastName'], added: [], renamed: [] }));
  });

  it('should report a rename when a field keeps its label and type under a new key', () => {
    const next = edit(form1, (components) => {
      component(components, 'companyName').key = 'legalName';
    });
    expect(diffSchemas(form1, next)).toEqual(
      expect.objectContaining({ removed: [], added: [], renamed: [{ from: 'companyName', to: 'legalName' }] }),
    );
  });

  it('should report an added key when the new field has a new label', () => {
    const next = edit(form1, (components) => {
      components.splice(1, 0, { type: 'phoneNumber', key: 'phone', label: 'Téléphone', input: true });
    });
    expect(diffSchemas(form1, next)).toEqual(expect.objectContaining({ added: ['phone'], removed: [], renamed: [] }));
  });

  it('should report grid columns with their grid when a column is removed or renamed', () => {
    const next = edit(form4, (components) => {
      const providers = component(components, 'providers').components ?? [];
      providers.splice(1, 1);
      const reference = providers.find((child) => child.key === 'transactionReference');
      if (reference) reference.key = 'checkTransaction';
    });
    expect(diffSchemas(form4, next)).toEqual(
      expect.objectContaining({
        removed: ['providers.doctorName'],
        renamed: [{ from: 'providers.transactionReference', to: 'providers.checkTransaction' }],
      }),
    );
  });

  it('should report the validation before and after when a rule changes', () => {
    const next = edit(form1, (components) => {
      const iban = component(components, 'iban');
      iban.validate = { ...iban.validate, required: false };
      component(components, 'addressPostalCode').validate = { required: true, maxLength: 10 };
    });
    const { changedValidation } = diffSchemas(form1, next);
    expect(changedValidation.map((change) => change.key)).toEqual(['addressPostalCode', 'iban']);
    expect(changedValidation[1]).toEqual({
      key: 'iban',
      before: { required: true, maxLength: 200, validator: 'iban' },
      after: { required: false, maxLength: 200, validator: 'iban' },
    });
  });

  it('should report a type change when a field keeps its key but changes type', () => {
    const next = edit(form4, (components) => {
      component(components, 'softwareVersion').type = 'number';
    });
    expect(diffSchemas(form4, next).changedType).toEqual([{ key: 'softwareVersion', before: 'textfield', after: 'number' }]);
  });

  it('should report changed options when a choice is withdrawn', () => {
    const next = edit(form4, (components) => {
      const type = component(components, 'deliveryNoteType');
      type.values = (type.values ?? []).filter((option) => option.value !== 'hospital');
    });
    const [change] = diffSchemas(form4, next).changedValidation;
    expect(change?.key).toBe('deliveryNoteType');
    expect(change?.after.options).toEqual(['individual', 'medical_house', 'flexible_centre']);
  });
});
