import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { RenderInputError, TemplateDataError, TemplateSourceError } from './render.exception.js';
import { LOCALES, type DocumentTemplate, type Locale, type RenderInput, type TemplateDataIssue } from './render.types.js';
import {
  HelperTemplateError,
  HelperValueError,
  TEMPLATE_HELPER_NAMES,
  templateHelpers,
  type RenderDataFrame,
} from './template.helpers.js';
import { assertVerifyUrl, verificationQrDataUri } from './verification.qr.js';

// The locale body is passed to the layout as this partial: `{{> content}}`.
export const CONTENT_PARTIAL = 'content';

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  // `lookup` and `log` are Handlebars built-ins; templates come from the database, so only the
  // whitelist (plus if/unless/each/with) is callable.
  knownHelpers: {
    ...Object.fromEntries(TEMPLATE_HELPER_NAMES.map((name) => [name, true])),
    lookup: false,
    log: false,
  },
  noEscape: false,
  preventIndent: true,
};

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
type Delegate = Handlebars.TemplateDelegate;

type NamedSource = { name: string; source: string };

type CompiledTemplate = {
  key: string;
  validate: ValidateFunction;
  layout: Delegate;
  bodies: Record<Locale, Delegate>;
  partials: Record<string, Delegate>;
  sources: NamedSource[];
  css: string;
};

export type PreparedDocument = {
  html: string;
  // Shown in the footer of every page (see pdf.renderer.ts).
  reference: string;
};

export type TemplateEngine = {
  // Compiles and checks a template (sources, helpers, schema); throws TemplateSourceError.
  check(template: DocumentTemplate): void;
  // Throws TemplateDataError listing every schema violation.
  validate(template: DocumentTemplate, data: unknown): void;
  // Validation + Handlebars + HTML document; throws TemplateDataError / TemplateSourceError / RenderInputError.
  renderHtml(input: RenderInput): PreparedDocument;
};

export type TemplateEngineOptions = {
  // Compiled templates kept in memory (keyed by their content hash).
  cacheSize?: number;
};

const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,79}$/;
const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const toIssue = (error: ErrorObject): TemplateDataIssue => {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { path: `${error.instancePath}/${escapePointer(params.missingProperty)}`, rule: 'required', message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return {
      path: `${error.instancePath}/${escapePointer(params.additionalProperty)}`,
      rule: 'additionalProperties',
      message: 'is not an allowed property',
    };
  }
  return { path: error.instancePath, rule: error.keyword, message: error.message ?? 'is invalid' };
};

// Every `{{{x}}}` / `{{& x}}` is an unescaped output; seed and stored templates may not use one.
const findUnescapedOutput = (node: unknown): { line: number; column: number } | undefined => {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findUnescapedOutput(child);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown> & { loc?: { start: { line: number; column: number } } };
  if (record.type === 'MustacheStatement' && record.escaped === false) {
    return record.loc?.start ?? { line: 0, column: 0 };
  }
  for (const [field, value] of Object.entries(record)) {
    if (field !== 'loc' && typeof value === 'object') {
      const found = findUnescapedOutput(value);
      if (found) return found;
    }
  }
  return undefined;
};

// Handlebars strict mode reports `"name" not defined in … - line:col`; find the full expression
// (`vendor.address.city`) at that place in whichever source was running, to give a usable path.
const locateMissingVariable = (
  error: Error & { lineNumber?: number; column?: number },
  sources: NamedSource[],
): TemplateDataIssue | undefined => {
  const match = /^"([^"]+)" not defined in /.exec(error.message);
  if (!match) return undefined;
  const name = match[1];
  const line = error.lineNumber;
  const column = error.column;
  if (line !== undefined && column !== undefined) {
    for (const { name: sourceName, source } of sources) {
      const text = source.split('\n')[line - 1]?.slice(column) ?? '';
      const expression = /^[@\w.\-/]+/.exec(text)?.[0];
      if (expression && (expression === name || expression.endsWith(`.${name}`) || expression.endsWith(`/${name}`))) {
        const segments = expression
          .replace(/^(?:this\.|\.\/)/, '')
          .split(/[./]/)
          .filter(Boolean);
        return {
          path: `/${segments.map(escapePointer).join('/')}`,
          rule: 'template',
          message: `is required by the template (variable "${expression}" in ${sourceName} at line ${line}, column ${column})`,
        };
      }
    }
  }
  return { path: `/${escapePointer(name)}`, rule: 'template', message: `is required by the template (variable "${name}")` };
};

export const createTemplateEngine = (options: TemplateEngineOptions = {}): TemplateEngine => {
  const cacheSize = options.cacheSize ?? 64;
  // A private instance: helpers registered here never leak to other Handlebars users in the process.
  const handlebars = Handlebars.create();
  handlebars.unregisterHelper('lookup');
  handlebars.unregisterHelper('log');
  for (const name of TEMPLATE_HELPER_NAMES) handlebars.registerHelper(name, templateHelpers[name]);

  const ajv = new Ajv2020({ allErrors: true, strict: true, addUsedSchema: false });
  addFormatsModule.default(ajv);

  const cache = new Map<string, CompiledTemplate>();

  const compileSource = (template: DocumentTemplate, { name, source }: NamedSource): Delegate => {
    if (typeof source !== 'string') throw new TemplateSourceError(template.key, `${name} is missing`);
    let ast: ReturnType<typeof handlebars.parse>;
    try {
      ast = handlebars.parse(source);
      // precompile runs the whole compiler now (compile() is lazy), so unknown helpers fail here.
      handlebars.precompile(ast, COMPILE_OPTIONS);
    } catch (error) {
      throw new TemplateSourceError(template.key, `${name}: ${(error as Error).message}`, { cause: error });
    }
    const unescaped = findUnescapedOutput(ast);
    if (unescaped) {
      throw new TemplateSourceError(
        template.key,
        `${name} line ${unescaped.line}: unescaped output ({{{ }}} or {{& }}) is not allowed`,
      );
    }
    return handlebars.compile(ast, COMPILE_OPTIONS);
  };

  const compile = (template: DocumentTemplate): CompiledTemplate => {
    const hash = createHash('sha256')
      .update(
        JSON.stringify([
          template.key,
          template.version,
          template.locales,
          template.layout,
          template.css,
          template.schema,
          template.partials ?? {},
          template.messages ?? {},
        ]),
      )
      .digest('base64url');
    const cached = cache.get(hash);
    if (cached) {
      cache.delete(hash);
      cache.set(hash, cached);
      return cached;
    }

    if (typeof template.css !== 'string' || /<\/style/i.test(template.css)) {
      throw new TemplateSourceError(template.key, 'css must be a string without "</style"');
    }
    const partialSources = Object.entries(template.partials ?? {});
    if (partialSources.some(([name]) => name === CONTENT_PARTIAL)) {
      throw new TemplateSourceError(template.key, `partial name "${CONTENT_PARTIAL}" is reserved`);
    }
    const partials: Record<string, Delegate> = {};
    const sources: NamedSource[] = [];
    const bodies = {} as Record<Locale, Delegate>;
    for (const locale of LOCALES) {
      const named = { name: `${locale}.hbs`, source: template.locales?.[locale] };
      bodies[locale] = compileSource(template, named);
      sources.push(named);
    }
    for (const [name, source] of partialSources) {
      const named = { name: `partial ${name}`, source };
      partials[name] = compileSource(template, named);
      sources.push(named);
    }
    const layoutSource = { name: 'layout', source: template.layout };
    const layout = compileSource(template, layoutSource);
    sources.push(layoutSource);

    let validate: ValidateFunction;
    try {
      validate = ajv.compile(template.schema);
    } catch (error) {
      throw new TemplateSourceError(template.key, `schema: ${(error as Error).message}`, { cause: error });
    }

    const compiled: CompiledTemplate = { key: template.key, validate, layout, bodies, partials, sources, css: template.css };
    cache.set(hash, compiled);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return compiled;
  };

  const validateWith = (compiled: CompiledTemplate, data: unknown): void => {
    if (!compiled.validate(data)) {
      throw new TemplateDataError(compiled.key, (compiled.validate.errors ?? []).map(toIssue));
    }
  };

  const execute = (compiled: CompiledTemplate, locale: Locale, data: unknown, frame: RenderDataFrame): string => {
    try {
      return compiled.layout(data, {
        data: frame,
        partials: { ...compiled.partials, [CONTENT_PARTIAL]: compiled.bodies[locale] },
      });
    } catch (error) {
      const failure = error as Error & { lineNumber?: number; column?: number };
      if (failure instanceof HelperTemplateError || /partial .* could not be found/.test(failure.message)) {
        throw new TemplateSourceError(compiled.key, failure.message, { cause: error });
      }
      const missing = locateMissingVariable(failure, [
        { name: `${locale}.hbs`, source: compiled.sources.find((s) => s.name === `${locale}.hbs`)?.source ?? '' },
        ...compiled.sources.filter((s) => !s.name.endsWith('.hbs')),
      ]);
      if (missing) throw new TemplateDataError(compiled.key, [missing]);
      if (failure instanceof HelperValueError || failure instanceof TypeError) {
        throw new TemplateDataError(compiled.key, [{ path: '', rule: 'template', message: failure.message }]);
      }
      throw new TemplateSourceError(compiled.key, failure.message, { cause: error });
    }
  };

  return {
    check(template) {
      compile(template);
    },

    validate(template, data) {
      validateWith(compile(template), data);
    },

    renderHtml(input) {
      const { template, locale, reference, verifyUrl, metadata } = input;
      if (typeof template !== 'object' || template === null) throw new RenderInputError('template', 'is required');
      if (!LOCALES.includes(locale)) throw new RenderInputError('locale', `expected one of ${LOCALES.join(', ')}`);
      if (typeof reference !== 'string' || !REFERENCE_PATTERN.test(reference)) {
        throw new RenderInputError('reference', 'expected 1–80 letters, digits, ".", "_", "-" or "/"');
      }
      const url = assertVerifyUrl(verifyUrl);
      if (!url.pathname.endsWith(`/verify/${encodeURIComponent(reference)}`)) {
        throw new RenderInputError('verifyUrl', 'must be <baseUrl>/verify/<reference> for this document');
      }
      if (!LANGUAGE_PATTERN.test(metadata?.language ?? '')) {
        throw new RenderInputError('metadata.language', 'expected a BCP 47 tag such as fr-LU');
      }
      for (const field of ['title', 'author', 'subject'] as const) {
        if (typeof metadata[field] !== 'string' || metadata[field].trim() === '') {
          throw new RenderInputError(`metadata.${field}`, 'is required');
        }
      }
      if (
        metadata.keywords !== undefined &&
        !(Array.isArray(metadata.keywords) && metadata.keywords.every((k) => typeof k === 'string'))
      ) {
        throw new RenderInputError('metadata.keywords', 'expected a list of strings');
      }
      if (
        metadata.creationDate !== undefined &&
        !(metadata.creationDate instanceof Date && !Number.isNaN(metadata.creationDate.getTime()))
      ) {
        throw new RenderInputError('metadata.creationDate', 'expected a valid Date');
      }

      const compiled = compile(template);
      validateWith(compiled, input.data);

      const frame: RenderDataFrame = {
        locale,
        messages: template.messages?.[locale] ?? {},
        reference,
        verifyUrl,
        qrDataUri: verificationQrDataUri(verifyUrl),
        title: metadata.title,
        templateKey: template.key,
      };
      const body = execute(compiled, locale, input.data, frame);
      // The CSP is a second wall behind the renderer's request interception: nothing but inline
      // styles and data: images may load.
      const html =
        `<!DOCTYPE html><html lang="${escapeHtml(metadata.language)}"><head><meta charset="utf-8">` +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">` +
        `<title>${escapeHtml(metadata.title)}</title><style>${compiled.css}</style></head>` +
        `<body>${body}</body></html>`;
      return { html, reference };
    },
  };
};
