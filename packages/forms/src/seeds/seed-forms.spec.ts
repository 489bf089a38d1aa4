import { isPlainObject, optionsOf, walkComponents } from '../component-tree.js';
import { SEED_FORMS } from './seed-forms.js';
import { FORM_KEYS } from './seed-form.types.js';

describe('SEED_FORMS', () => {
  it('should hold exactly Forms 1 to 4 when listed by key', () => {
    expect(Object.keys(SEED_FORMS)).toEqual([...FORM_KEYS]);
    for (const key of FORM_KEYS) expect(SEED_FORMS[key].key).toBe(key);
  });

  it('should carry the programme titles when shown in French', () => {
    expect(SEED_FORMS.form1.title.fr).toBe(
      "Formulaire d'enrôlement au dispositif d'aide à la mise en conformité à la transmission numérique",
    );
    expect(SEED_FORMS.form2.title.fr).toBe("Formulaire d'accès à l'environnement de test");
    expect(SEED_FORMS.form3.title.fr).toBe('Formulaire de démarrage du processus de labélisation');
    expect(SEED_FORMS.form4.title.fr).toBe('Formulaire de demande de raccordement');
  });

  it.each(FORM_KEYS)('should translate every French text of %s when the renderer switches to English', (key) => {
    const { schema, i18n, title } = SEED_FORMS[key];
    const texts = new Set<string>([title.fr]);
    walkComponents(schema.components, ({ component }) => {
      for (const property of ['label', 'title', 'description', 'html', 'addAnother'] as const) {
        const value = component[property];
        if (typeof value === 'string' && value !== '') texts.add(value);
      }
      for (const option of optionsOf(component)) texts.add(option.label);
    });
    const missing = [...texts].filter((text) => i18n.en[text] === undefined);
    expect(missing).toEqual([]);
    expect(i18n.en[title.fr]).toBe(title.en);
  });

  it.each(FORM_KEYS)('should store %s uploads as URLs to our attachment store when a file field is used', (key) => {
    const files: unknown[] = [];
    walkComponents(SEED_FORMS[key].schema.components, ({ component }) => {
      if (component.type === 'file') files.push({ storage: component.storage, url: component.url });
    });
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toEqual({ storage: 'url', url: '/api/attachments' });
  });

  it.each(['form2', 'form3', 'form4'] as const)('should repeat the enrolled vendor name read-only when %s is opened', (key) => {
    const vendorName = SEED_FORMS[key].schema.components.find((component) => component.key === 'vendorName');
    expect(vendorName?.properties).toEqual({ prefill: 'vendor.name', readOnly: 'true' });
  });

  it('should opt fields into named validators through properties when they need a format check', () => {
    const validatorsByKey: Record<string, string> = {};
    walkComponents(SEED_FORMS.form1.schema.components, ({ component }) => {
      if (
        isPlainObject(component.properties) &&
        typeof component.properties.validator === 'string' &&
        component.key !== undefined
      ) {
        validatorsByKey[component.key] = component.properties.validator;
      }
      expect(component.validate?.custom ?? '').toBe('');
    });
    expect(validatorsByKey).toEqual({
      matricule: 'luMatricule',
      rcsNumber: 'rcs',
      vatNumber: 'euVat',
      iban: 'iban',
      existingProviderCode: 'providerCode',
    });
  });
});
