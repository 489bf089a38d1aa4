import type { FormioComponent, FormSchema } from '../form-schema.types.js';
import { SEED_FORMS } from '../seeds/seed-forms.js';
import { lintSchema } from './lint-schema.js';

const form = (...components: FormioComponent[]): FormSchema => ({ display: 'form', components });
const text = (key: string, extra: Partial<FormioComponent> = {}): FormioComponent => ({
  type: 'textfield',
  key,
  label: key,
  input: true,
  ...extra,
});
const rulesOf = (schema: unknown) => lintSchema(schema).map(({ path, rule }) => ({ path, rule }));

describe('lintSchema', () => {
  it.each(Object.values(SEED_FORMS).map((seed) => [seed.key, seed.schema] as const))(
    'should accept the %s seed when it is saved unchanged',
    (_key, schema) => {
      expect(lintSchema(schema)).toEqual([]);
    },
  );

  it.each([[null], ['{"components":[]}'], [[]], [42]])('should refuse %j when the schema is not an object', (schema) => {
    expect(rulesOf(schema)).toEqual([{ path: '', rule: 'schema.notObject' }]);
  });

  it('should refuse a schema when it has no components array', () => {
    expect(rulesOf({ display: 'form', components: { a: 1 } })).toEqual([{ path: 'components', rule: 'schema.components' }]);
  });

  it('should refuse a wizard when only the form display is supported', () => {
    expect(rulesOf({ display: 'wizard', components: [] })).toEqual([{ path: 'display', rule: 'schema.display' }]);
  });

  it('should refuse an entry when it is not a component object', () => {
    expect(rulesOf(form(text('a'), 'oops' as unknown as FormioComponent))).toEqual([
      { path: 'components[1]', rule: 'component.invalid' },
    ]);
  });

  it.each([['signature'], ['form'], ['datasource'], ['editgrid'], ['hidden']])(
    'should refuse the %s component type when it is not whitelisted',
    (type) => {
      expect(rulesOf(form({ type, key: 'x', label: 'X', input: true }))).toEqual([
        { path: 'components[0].type', rule: 'component.unknownType' },
      ]);
    },
  );

  it('should refuse an unknown type nested in a panel when it hides inside layout', () => {
    const schema = form({
      type: 'panel',
      key: 'p',
      title: 'P',
      components: [{ type: 'survey', key: 's', label: 'S', input: true }],
    });
    expect(rulesOf(schema)).toEqual([{ path: 'components[0].components[0].type', rule: 'component.unknownType' }]);
  });

  it('should report a missing key when a component has none', () => {
    expect(rulesOf(form({ type: 'textfield', label: 'No key', input: true }))).toEqual([
      { path: 'components[0].key', rule: 'component.missingKey' },
    ]);
  });

  it.each([['with.dot'], ['1starts'], ['has space']])('should refuse the key %j when it is not an identifier', (key) => {
    expect(rulesOf(form(text(key)))).toEqual([{ path: 'components[0].key', rule: 'component.invalidKey' }]);
  });

  it.each([
    ['at top level', form(text('name'), text('name'))],
    [
      'inside a datagrid',
      form(text('name'), { type: 'datagrid', key: 'grid', label: 'G', input: true, components: [text('name')] }),
    ],
    ['inside a panel', form({ type: 'panel', key: 'p', title: 'P', components: [text('name')] }, text('name'))],
    [
      'inside columns',
      form(text('name'), { type: 'columns', key: 'cols', columns: [{ components: [] }, { components: [text('name')] }] }),
    ],
  ])('should refuse a duplicated key when it appears %s', (_where, schema) => {
    const issues = lintSchema(schema);
    expect(issues.map((issue) => issue.rule)).toEqual(['component.duplicateKey']);
    expect(issues[0]?.message).toContain('« name »');
  });

  it.each([
    ['validate.custom', text('a', { validate: { custom: "valid = input === 'x';" } })],
    ['customConditional', text('a', { customConditional: 'show = data.b;' })],
    ['calculateValue', text('a', { calculateValue: 'value = data.b + 1;' })],
    ['customDefaultValue', text('a', { customDefaultValue: 'value = Date.now();' })],
    [
      'a javascript logic trigger',
      text('a', { logic: [{ name: 'l', trigger: { type: 'javascript', javascript: 'result = true;' }, actions: [] }] }),
    ],
    [
      'a custom logic action',
      text('a', {
        logic: [{ name: 'l', trigger: { type: 'simple', simple: {} }, actions: [{ type: 'customAction', customAction: 'x()' }] }],
      }),
    ],
    [
      'a value logic action',
      text('a', {
        logic: [{ name: 'l', trigger: { type: 'simple', simple: {} }, actions: [{ type: 'value', value: 'value = 1' }] }],
      }),
    ],
    [
      'a custom select data source',
      { type: 'select', key: 'a', label: 'A', input: true, dataSrc: 'custom', data: { custom: 'values = []' } },
    ],
    ['a button custom action', { type: 'button', key: 'a', label: 'A', input: true, action: 'custom', custom: 'alert(1)' }],
    ['an interpolated label', text('a', { label: '{{ data.secret }}' })],
    ['interpolated HTML content', { type: 'content', key: 'a', html: '<p>{% print(1) %}</p>' }],
    ['an interpolated error message', text('a', { errors: { required: '{{ eval("x") }}' } })],
    ['an on* HTML attribute', text('a', { attributes: { onfocus: 'steal()' } })],
    [
      'a conditional add button',
      { type: 'datagrid', key: 'a', label: 'A', input: true, components: [text('b')], conditionalAddButton: 'show = true' },
    ],
  ])('should refuse JavaScript when the schema uses %s', (_what, component) => {
    expect(rulesOf(form(component))).toEqual([expect.objectContaining({ rule: 'javascript' })]);
  });

  it('should accept the empty JavaScript slots when the Form.io builder writes its defaults', () => {
    const builderDefaults = text('a', {
      validate: { custom: '', customPrivate: false },
      customConditional: '',
      calculateValue: '',
      customDefaultValue: '',
      logic: [],
    });
    const select: FormioComponent = {
      type: 'select',
      key: 'b',
      label: 'B',
      input: true,
      dataSrc: 'values',
      data: { values: [{ label: 'X', value: 'x' }] },
      template: '<span>{{ item.label }}</span>',
    };
    expect(lintSchema(form(builderDefaults, select))).toEqual([]);
  });

  it('should refuse logic without JavaScript when its actions would rewrite the shared component', () => {
    const logic = [
      {
        name: 'req',
        trigger: { type: 'simple', simple: { show: true, when: 'b', eq: 'x' } },
        actions: [{ type: 'property', property: { value: 'validate.required' }, state: true }],
      },
    ];
    expect(rulesOf(form(text('a', { logic }), text('b')))).toEqual([{ path: 'components[0].logic', rule: 'component.logic' }]);
  });

  it('should refuse serverOverride when it would rewrite the field on the server', () => {
    expect(rulesOf(form(text('a', { serverOverride: { validate: { required: false } } })))).toEqual([
      { path: 'components[0].serverOverride', rule: 'component.serverOverride' },
    ]);
  });

  it.each([
    ['an unknown validator', text('a', { properties: { validator: 'siret' } }), 'validator.unknown'],
    [
      'a validator on a checkbox',
      { type: 'checkbox', key: 'a', label: 'A', input: true, properties: { validator: 'iban' } },
      'validator.kind',
    ],
    [
      'a bad matricule kind',
      text('a', { properties: { validator: 'luMatricule', validatorParam: 'company' } }),
      'validator.param',
    ],
    [
      'a provider code pattern that does not compile',
      text('a', { properties: { validator: 'providerCode', validatorParam: '[0-9' } }),
      'validator.param',
    ],
    [
      'a parameter taken from a missing field',
      text('a', { properties: { validator: 'euVat', validatorParamFrom: 'country' } }),
      'validator.paramFrom',
    ],
    ['a prefill outside the vendor record', text('a', { properties: { prefill: 'case.id' } }), 'prefill.invalid'],
    [
      'a readOnly flag that is not a boolean string',
      text('a', { properties: { prefill: 'vendor.name', readOnly: 'yes' } }),
      'prefill.invalid',
    ],
    ['a pattern that does not compile', text('a', { validate: { pattern: '([a-z' } }), 'pattern.invalid'],
    [
      'a conditional on a missing field',
      text('a', {
        conditional: { show: true, conjunction: 'all', conditions: [{ component: 'ghost', operator: 'isEqual', value: 'x' }] },
      }),
      'conditional.unknownComponent',
    ],
    [
      'a select loading its options from a URL',
      { type: 'select', key: 'a', label: 'A', input: true, dataSrc: 'url', data: { url: 'https://example.org' } },
      'select.dataSrc',
    ],
    ['a radio without options', { type: 'radio', key: 'a', label: 'A', input: true, values: [] }, 'options.invalid'],
    [
      'a radio with duplicated option values',
      {
        type: 'radio',
        key: 'a',
        label: 'A',
        input: true,
        values: [
          { label: 'A', value: 'x' },
          { label: 'B', value: 'x' },
        ],
      },
      'options.invalid',
    ],
  ])('should refuse %s when the schema is saved', (_what, component, rule) => {
    expect(rulesOf(form(component))).toEqual([expect.objectContaining({ rule })]);
  });

  it('should refuse a prefill inside a datagrid when rows cannot be prefilled', () => {
    const schema = form({
      type: 'datagrid',
      key: 'g',
      label: 'G',
      input: true,
      components: [text('a', { properties: { prefill: 'vendor.name' } })],
    });
    expect(rulesOf(schema)).toEqual([{ path: 'components[0].components[0].properties.prefill', rule: 'prefill.invalid' }]);
  });

  it('should explain the problem in English when the locale is en', () => {
    const [issue] = lintSchema(form(text('a', { validate: { custom: 'valid = true' } })), { locale: 'en' });
    expect(issue?.message).toBe(
      'Component "a" contains JavaScript (validate.custom): code is not accepted, use a simple conditional or a named validator.',
    );
  });

  it('should report every problem when a schema has several', () => {
    const schema = form(text('a'), text('a', { customConditional: 'show = 1' }), { type: 'map', key: 'm' });
    expect(
      rulesOf(schema)
        .map((issue) => issue.rule)
        .sort(),
    ).toEqual(['component.duplicateKey', 'component.unknownType', 'javascript']);
  });
});
