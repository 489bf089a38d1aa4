import { RenderInputError, TemplateDataError, TemplateSourceError } from './render.exception.js';
import type { DocumentTemplate, RenderInput } from './render.types.js';
import { createTemplateEngine } from './template.engine.js';
import { buildVerifyUrl } from './verification.qr.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['vendor', 'amountCents'],
  properties: {
    vendor: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, city: { type: 'string' } },
    },
    amountCents: { type: 'integer' },
    issuedOn: { type: 'string', format: 'date' },
  },
};

const template = (overrides: Partial<DocumentTemplate> = {}): DocumentTemplate => ({
  key: 'unit',
  version: 1,
  locales: {
    fr: '<h1>{{t "title"}}</h1><p class="vendor">{{vendor.name}}</p><p class="amount">{{money amountCents}}</p>',
    en: '<h1>{{t "title"}}</h1><p class="vendor">{{vendor.name}}</p><p class="amount">{{money amountCents}}</p>',
  },
  layout: '<main>{{> content}}</main><footer>{{@reference}} {{@verifyUrl}} <img src="{{@qrDataUri}}"></footer>',
  css: 'body { font-family: "DejaVu Sans"; } p > span { color: red; }',
  schema,
  messages: { fr: { title: 'Titre' }, en: { title: 'Title' } },
  ...overrides,
});

const input = (overrides: Partial<RenderInput> = {}): RenderInput => ({
  template: template(),
  locale: 'fr',
  data: { vendor: { name: 'Médi & Co <S.à r.l.>' }, amountCents: 64000 },
  reference: 'DOC-2025-0001',
  verifyUrl: buildVerifyUrl('https://sons.esante.lu/', 'DOC-2025-0001'),
  metadata: { title: 'Unit <test>', author: 'AeS', subject: 'unit', language: 'fr-LU' },
  ...overrides,
});

const dataErrorOf = (action: () => unknown): TemplateDataError => {
  try {
    action();
  } catch (error) {
    if (error instanceof TemplateDataError) return error;
    throw error;
  }
  throw new Error('expected a TemplateDataError');
};

describe('createTemplateEngine', () => {
  const engine = createTemplateEngine();

  it('should escape markup in data, title and language when rendering the HTML document', () => {
    const { html } = engine.renderHtml(input());

    expect(html).toContain('<p class="vendor">Médi &amp; Co &lt;S.à r.l.&gt;</p>');
    expect(html).toContain('<title>Unit &#60;test&#62;</title>');
    expect(html).toContain('<html lang="fr-LU">');
    expect(html).toContain('<p class="amount">640,00\u00a0€</p>');
    // The stylesheet is inserted verbatim (CSS is template data, not user data).
    expect(html).toContain('p > span { color: red; }');
  });

  it('should pass reference, verification URL and an inline QR code to the layout when rendering', () => {
    const { html, reference } = engine.renderHtml(input({ locale: 'en' }));

    expect(reference).toBe('DOC-2025-0001');
    expect(html).toContain('DOC-2025-0001 https://sons.esante.lu/verify/DOC-2025-0001');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*">/);
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('€640.00');
  });

  it('should list every schema violation with its JSON pointer when the data is invalid', () => {
    const error = dataErrorOf(() =>
      engine.renderHtml(input({ data: { vendor: { city: 3, extra: true }, amountCents: 'x', issuedOn: '31/12/2025' } })),
    );

    expect(error.retryable).toBe(false);
    expect(error.errors).toEqual(
      expect.arrayContaining([
        { path: '/vendor/name', rule: 'required', message: 'is required' },
        { path: '/vendor/extra', rule: 'additionalProperties', message: 'is not an allowed property' },
        expect.objectContaining({ path: '/vendor/city', rule: 'type' }),
        expect.objectContaining({ path: '/amountCents', rule: 'type' }),
        expect.objectContaining({ path: '/issuedOn', rule: 'format' }),
      ]),
    );
    expect(error.errors).toHaveLength(5);
  });

  it('should name the missing variable when the template needs a field the schema leaves optional', () => {
    const withCity = template({
      locales: { fr: '<p>{{vendor.name}}</p>\n<p>{{vendor.city}}</p>', en: '<p>{{vendor.city}}</p>' },
    });

    const error = dataErrorOf(() =>
      engine.renderHtml(input({ template: withCity, data: { vendor: { name: 'A' }, amountCents: 1 } })),
    );

    expect(error.errors).toEqual([
      expect.objectContaining({ path: '/vendor/city', rule: 'template', message: expect.stringContaining('fr.hbs at line 2') }),
    ]);
  });

  it('should report a data error when a helper receives a value it cannot show', () => {
    const loose = template({ schema: { type: 'object' } });

    const error = dataErrorOf(() =>
      engine.renderHtml(input({ template: loose, data: { vendor: { name: 'A' }, amountCents: 1.5 } })),
    );

    expect(error.errors[0]?.message).toMatch(/integer amount in cents/);
  });

  it.each([
    ['triple-stash', '<p>{{{vendor.name}}}</p>', /unescaped output/],
    ['ampersand', '<p>{{& vendor.name}}</p>', /unescaped output/],
    ['an unknown helper', '<p>{{shout vendor.name}}</p>', /unknown helper shout/],
    ['the lookup built-in', '<p>{{lookup vendor "name"}}</p>', /unknown helper lookup/],
    ['the log built-in', '{{log vendor}}', /unknown helper log/],
    ['a syntax error', '<p>{{#if vendor}}</p>', /Parse error|doesn't match/],
  ])('should reject the template when a locale source uses %s', (_case, source, message) => {
    const bad = template({ key: `bad-${source}`, locales: { fr: source, en: '<p>ok</p>' } });

    expect(() => engine.check(bad)).toThrow(TemplateSourceError);
    expect(() => engine.check(bad)).toThrow(message);
  });

  it('should reject the template when its stylesheet could close the style element', () => {
    expect(() => engine.check(template({ css: 'p{}</style><script>x()</script>' }))).toThrow(TemplateSourceError);
  });

  it('should reject the template when it asks for a translation the catalogue lacks', () => {
    const untranslated = template({ messages: { fr: {}, en: { title: 'Title' } } });

    expect(() => engine.renderHtml(input({ template: untranslated }))).toThrow(/no "fr" translation for "title"/);
  });

  it('should not reach prototype properties when a template asks for them', () => {
    const probing = template({
      schema: { type: 'object' },
      locales: { fr: '<p>[{{vendor.constructor}}][{{vendor.__proto__}}]</p>', en: '<p></p>' },
    });

    const { html } = engine.renderHtml(input({ template: probing }));

    expect(html).toContain('<p>[][]</p>');
  });

  it.each([
    ['an unrelated document', { verifyUrl: 'https://sons.esante.lu/verify/DOC-OTHER' }, 'verifyUrl'],
    ['a javascript: URL', { verifyUrl: 'javascript:alert(1)//verify/DOC-2025-0001' }, 'verifyUrl'],
    ['a reference with markup', { reference: '<b>x</b>' }, 'reference'],
    ['an unsupported locale', { locale: 'de' as never }, 'locale'],
    ['an invalid language tag', { metadata: { title: 't', author: 'a', subject: 's', language: 'fr LU"' } }, 'metadata.language'],
    ['no author', { metadata: { title: 't', author: ' ', subject: 's', language: 'fr-LU' } }, 'metadata.author'],
    ['no template', { template: undefined as never }, 'template'],
  ])('should refuse the input when it carries %s', (_case, overrides, field) => {
    expect(() => engine.renderHtml(input(overrides))).toThrow(RenderInputError);
    expect(() => engine.renderHtml(input(overrides))).toThrow(`"${field}"`);
  });
});
