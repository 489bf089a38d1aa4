import {
  isDataKind,
  isPlainObject,
  kindOf,
  optionsOf,
  SUPPORTED_COMPONENT_TYPES,
  walkComponents,
  type ComponentVisit,
} from '../component-tree.js';
import type { FormioComponent, Locale } from '../form-schema.types.js';
import { validatorByName } from '../validators/validator-registry.js';

// Draft-save check of an operator-edited schema. Operator-written JavaScript (custom validation,
// custom conditionals, calculated/custom default values, logic with JavaScript triggers or
// actions, custom select data, `{{ }}` templates that Form.io evaluates as code, `on*` HTML
// attributes) is refused outright rather than sandboxed: a sandbox on the server is an attack
// surface we would have to maintain, and every rule we need is expressible as JSON (simple
// conditionals, validate.*, named validators in `properties.validator`).
export type LintRule =
  | 'schema.notObject'
  | 'schema.components'
  | 'schema.display'
  | 'component.invalid'
  | 'component.unknownType'
  | 'component.missingKey'
  | 'component.invalidKey'
  | 'component.duplicateKey'
  | 'component.serverOverride'
  | 'component.logic'
  | 'javascript'
  | 'validator.unknown'
  | 'validator.kind'
  | 'validator.param'
  | 'validator.paramFrom'
  | 'prefill.invalid'
  | 'pattern.invalid'
  | 'conditional.unknownComponent'
  | 'select.dataSrc'
  | 'options.invalid';

export type LintIssue = { path: string; rule: LintRule; message: string };
export type LintOptions = { locale?: Locale };

const MESSAGES: Readonly<Record<Locale, Readonly<Record<LintRule, string>>>> = {
  fr: {
    'schema.notObject': "Le schéma doit être un objet JSON Form.io : importez un formulaire exporté depuis l'éditeur.",
    'schema.components': 'Le schéma doit avoir une liste « components » : ajoutez au moins un champ.',
    'schema.display': "Seul l'affichage « form » est pris en charge : réglez « display » sur « form ».",
    'component.invalid': "Cet élément n'est pas un composant Form.io (objet avec un « type ») : supprimez-le.",
    'component.unknownType': "Le type de composant « {detail} » n'est pas pris en charge : utilisez l'un des types {supported}.",
    'component.missingKey': "Le composant de type « {detail} » n'a pas de clé : donnez-lui une clé unique.",
    'component.invalidKey': 'La clé « {key} » est invalide : lettres, chiffres, « _ » ou « - », en commençant par une lettre.',
    'component.duplicateKey':
      'La clé « {key} » est déjà utilisée ailleurs dans le formulaire ({detail}) : choisissez une clé unique.',
    'component.logic':
      'Le composant « {key} » utilise « logic », qui modifie le composant pendant la validation : remplacez-le par une condition simple (afficher quand…).',
    'component.serverOverride':
      "Le composant « {key} » utilise « serverOverride », qui réécrit le champ côté serveur : retirez-le et décrivez le champ tel qu'il doit être validé.",
    javascript:
      "Le composant « {key} » contient du code JavaScript ({detail}) : le code n'est pas accepté, utilisez une condition simple ou un validateur nommé.",
    'validator.unknown': 'Le validateur « {detail} » du composant « {key} » n’existe pas : utilisez l’un de {validators}.',
    'validator.kind': 'Le composant « {key} » ne saisit pas de texte : un validateur nommé ne s’applique qu’aux champs texte.',
    'validator.param': 'Le paramètre du validateur du composant « {key} » est invalide ({detail}) : corrigez « validatorParam ».',
    'validator.paramFrom':
      "« validatorParamFrom » du composant « {key} » désigne « {detail} », qui n'existe pas : indiquez la clé d'un champ du formulaire.",
    'prefill.invalid':
      'Le pré-remplissage du composant « {key} » est invalide ({detail}) : utilisez « vendor.<champ> » hors tableau, et readOnly « true » ou « false ».',
    'pattern.invalid': "L'expression régulière du composant « {key} » est invalide : corrigez « validate.pattern ».",
    'conditional.unknownComponent':
      "La condition du composant « {key} » porte sur « {detail} », qui n'existe pas : choisissez un champ du formulaire.",
    'select.dataSrc':
      'La liste « {key} » doit avoir ses options saisies dans le schéma (dataSrc « values ») : saisissez les options.',
    'options.invalid':
      'Les options du composant « {key} » sont invalides ({detail}) : donnez au moins une option, chacune avec une valeur texte unique.',
  },
  en: {
    'schema.notObject': 'The schema must be a Form.io JSON object: import a form exported from the builder.',
    'schema.components': 'The schema must have a "components" list: add at least one field.',
    'schema.display': 'Only the "form" display is supported: set "display" to "form".',
    'component.invalid': 'This entry is not a Form.io component (an object with a "type"): remove it.',
    'component.unknownType': 'Component type "{detail}" is not supported: use one of {supported}.',
    'component.missingKey': 'The "{detail}" component has no key: give it a unique key.',
    'component.invalidKey': 'Key "{key}" is invalid: use letters, digits, "_" or "-", starting with a letter.',
    'component.duplicateKey': 'Key "{key}" is already used elsewhere in the form ({detail}): choose a unique key.',
    'component.logic':
      'Component "{key}" uses "logic", which rewrites the component during validation: use a simple conditional (show when…) instead.',
    'component.serverOverride':
      'Component "{key}" uses "serverOverride", which rewrites the field on the server: remove it and describe the field as it must be validated.',
    javascript:
      'Component "{key}" contains JavaScript ({detail}): code is not accepted, use a simple conditional or a named validator.',
    'validator.unknown': 'Validator "{detail}" of component "{key}" does not exist: use one of {validators}.',
    'validator.kind': 'Component "{key}" does not hold text: named validators only apply to text fields.',
    'validator.param': 'The validator parameter of component "{key}" is invalid ({detail}): correct "validatorParam".',
    'validator.paramFrom':
      '"validatorParamFrom" of component "{key}" names "{detail}", which does not exist: give the key of a form field.',
    'prefill.invalid':
      'The prefill of component "{key}" is invalid ({detail}): use "vendor.<field>" outside tables, and readOnly "true" or "false".',
    'pattern.invalid': 'The regular expression of component "{key}" is invalid: correct "validate.pattern".',
    'conditional.unknownComponent':
      'The conditional of component "{key}" refers to "{detail}", which does not exist: choose a field of the form.',
    'select.dataSrc': 'Select "{key}" must list its options in the schema (dataSrc "values"): enter the options.',
    'options.invalid':
      'The options of component "{key}" are invalid ({detail}): give at least one option, each with a unique text value.',
  },
};

// Form.io's builder puts this template on every select; it only prints the option label.
const DEFAULT_SELECT_TEMPLATE = '<span>{{ item.label }}</span>';
// Text properties Form.io interpolates (`{{ }}` / `{% %}` run as JavaScript in the renderer).
const INTERPOLATED_PROPERTIES = [
  'label',
  'title',
  'description',
  'tooltip',
  'placeholder',
  'html',
  'content',
  'prefix',
  'suffix',
  'errorLabel',
  'addAnother',
] as const;
const TEMPLATE_TOKEN = /\{\{|\{%/;
const KEY_FORMAT = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PREFILL_FORMAT = /^vendor\.[A-Za-z][A-Za-z0-9_]*$/;

const isCode = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const hasTemplate = (value: unknown): boolean => typeof value === 'string' && TEMPLATE_TOKEN.test(value);

function javascriptFindings(component: FormioComponent): string[] {
  const found: string[] = [];
  const validate = isPlainObject(component.validate) ? component.validate : {};
  if (isCode(validate.custom) || (validate.custom !== undefined && typeof validate.custom !== 'string'))
    found.push('validate.custom');
  if (hasTemplate(validate.customMessage)) found.push('validate.customMessage');
  if (isCode(component.customConditional)) found.push('customConditional');
  if (isCode(component.calculateValue)) found.push('calculateValue');
  if (isCode(component.customDefaultValue)) found.push('customDefaultValue');
  if (isCode(component.conditionalAddButton)) found.push('conditionalAddButton');
  if (component.dataSrc === 'custom' || isCode(component.data?.custom)) found.push('data.custom');
  if (component.type === 'button' && (component.action === 'custom' || isCode(component.custom)))
    found.push('button custom action');
  if (component.template !== undefined && component.template !== DEFAULT_SELECT_TEMPLATE && hasTemplate(component.template))
    found.push('template');
  for (const property of INTERPOLATED_PROPERTIES) if (hasTemplate(component[property])) found.push(`${property} {{ }}`);
  if (isPlainObject(component.errors)) {
    for (const [rule, text] of Object.entries(component.errors)) if (hasTemplate(text)) found.push(`errors.${rule}`);
  }
  if (isPlainObject(component.attributes)) {
    for (const name of Object.keys(component.attributes))
      if (name.toLowerCase().startsWith('on')) found.push(`attributes.${name}`);
  }
  if (Array.isArray(component.logic)) {
    component.logic.forEach((logic: unknown, index) => {
      if (!isPlainObject(logic)) return;
      const trigger = isPlainObject(logic.trigger) ? logic.trigger : {};
      if (trigger.type === 'javascript' || isCode(trigger.javascript)) found.push(`logic[${index}].trigger`);
      const actions = Array.isArray(logic.actions) ? logic.actions : [];
      actions.forEach((action: unknown, actionIndex) => {
        if (!isPlainObject(action)) return;
        if (
          action.type === 'value' ||
          action.type === 'customAction' ||
          action.type === 'mergeComponentSchema' ||
          isCode(action.customAction)
        ) {
          found.push(`logic[${index}].actions[${actionIndex}]`);
        } else if (hasTemplate(action.text)) found.push(`logic[${index}].actions[${actionIndex}].text`);
      });
    });
  }
  return found;
}

function conditionTargets(component: FormioComponent): string[] {
  const conditional = component.conditional;
  if (!isPlainObject(conditional)) return [];
  const targets: string[] = [];
  if (typeof conditional.when === 'string' && conditional.when !== '') targets.push(conditional.when);
  if (Array.isArray(conditional.conditions)) {
    for (const condition of conditional.conditions) {
      if (isPlainObject(condition) && typeof condition.component === 'string') targets.push(condition.component);
    }
  }
  return targets;
}

export function lintSchema(schema: unknown, options: LintOptions = {}): LintIssue[] {
  const locale = options.locale ?? 'fr';
  const issues: LintIssue[] = [];
  const report = (path: string, rule: LintRule, vars: { key?: string; detail?: string } = {}): void => {
    const message = MESSAGES[locale][rule]
      .replace('{key}', vars.key ?? '')
      .replace('{detail}', vars.detail ?? '')
      .replace('{supported}', SUPPORTED_COMPONENT_TYPES.join(', '))
      .replace('{validators}', 'iban, euVat, luMatricule, rcs, providerCode');
    issues.push({ path, rule, message });
  };

  if (!isPlainObject(schema)) {
    report('', 'schema.notObject');
    return issues;
  }
  if (!Array.isArray(schema.components)) {
    report('components', 'schema.components');
    return issues;
  }
  if (schema.display !== undefined && schema.display !== 'form') report('display', 'schema.display');

  const visits: ComponentVisit[] = [];
  walkComponents(
    schema.components,
    (visit) => visits.push(visit),
    ({ schemaPath }) => report(schemaPath, 'component.invalid'),
  );

  const firstPathOfKey = new Map<string, string>();
  const dataKeys = new Set<string>();
  for (const { component, dataPath } of visits) {
    if (typeof component.key === 'string') dataKeys.add(component.key);
    if (dataPath !== undefined) dataKeys.add(dataPath);
  }

  for (const { component, kind, schemaPath, grid } of visits) {
    const key = typeof component.key === 'string' ? component.key : '';
    if (kind === undefined) report(`${schemaPath}.type`, 'component.unknownType', { key, detail: component.type });

    if (component.key === undefined || component.key === '') {
      report(`${schemaPath}.key`, 'component.missingKey', { detail: component.type });
    } else if (typeof component.key !== 'string' || !KEY_FORMAT.test(component.key)) {
      report(`${schemaPath}.key`, 'component.invalidKey', { key: String(component.key) });
    } else {
      const first = firstPathOfKey.get(component.key);
      if (first === undefined) firstPathOfKey.set(component.key, schemaPath);
      else report(`${schemaPath}.key`, 'component.duplicateKey', { key, detail: first });
    }

    const findings = javascriptFindings(component);
    for (const finding of findings) report(schemaPath, 'javascript', { key, detail: finding });
    // Form.io applies logic actions by rewriting the component object itself, which is shared
    // by every submission validated against the schema: one submission's state would leak into
    // the next. Conditionals cover what the forms need (logic with JavaScript is reported above).
    const jsInLogic = findings.some((finding) => finding.startsWith('logic['));
    if (Array.isArray(component.logic) && component.logic.length > 0 && !jsInLogic) {
      report(`${schemaPath}.logic`, 'component.logic', { key });
    }
    // The server would validate a different field from the one the schema shows and we compile.
    if (isPlainObject(component.serverOverride) && Object.keys(component.serverOverride).length > 0) {
      report(`${schemaPath}.serverOverride`, 'component.serverOverride', { key });
    }

    const properties = isPlainObject(component.properties) ? component.properties : {};
    if (properties.validator !== undefined) {
      const validator = typeof properties.validator === 'string' ? validatorByName(properties.validator) : undefined;
      if (validator === undefined) {
        report(`${schemaPath}.properties.validator`, 'validator.unknown', { key, detail: String(properties.validator) });
      } else {
        if (kind !== 'text') report(`${schemaPath}.properties.validator`, 'validator.kind', { key });
        if (properties.validatorParam !== undefined) {
          const problem =
            typeof properties.validatorParam !== 'string' ? 'not a string' : validator.checkParam?.(properties.validatorParam);
          if (problem !== undefined)
            report(`${schemaPath}.properties.validatorParam`, 'validator.param', { key, detail: problem });
        }
      }
    }
    if (properties.validatorParamFrom !== undefined && !dataKeys.has(String(properties.validatorParamFrom))) {
      report(`${schemaPath}.properties.validatorParamFrom`, 'validator.paramFrom', {
        key,
        detail: String(properties.validatorParamFrom),
      });
    }
    if (properties.prefill !== undefined) {
      if (typeof properties.prefill !== 'string' || !PREFILL_FORMAT.test(properties.prefill)) {
        report(`${schemaPath}.properties.prefill`, 'prefill.invalid', { key, detail: String(properties.prefill) });
      } else if (grid !== undefined || !isDataKind(kindOf(component.type))) {
        report(`${schemaPath}.properties.prefill`, 'prefill.invalid', { key, detail: 'not a top-level field' });
      }
    }
    if (properties.readOnly !== undefined && properties.readOnly !== 'true' && properties.readOnly !== 'false') {
      report(`${schemaPath}.properties.readOnly`, 'prefill.invalid', { key, detail: `readOnly ${String(properties.readOnly)}` });
    }

    const pattern = isPlainObject(component.validate) ? component.validate.pattern : undefined;
    if (pattern !== undefined && pattern !== '') {
      try {
        if (typeof pattern !== 'string') throw new TypeError('not a string');
        new RegExp(`^${pattern}$`);
      } catch {
        report(`${schemaPath}.validate.pattern`, 'pattern.invalid', { key });
      }
    }

    for (const target of conditionTargets(component)) {
      if (!dataKeys.has(target)) report(`${schemaPath}.conditional`, 'conditional.unknownComponent', { key, detail: target });
    }

    if (component.dataSrc === 'custom') {
      // Already refused as JavaScript above.
    } else if (component.type === 'select' && component.dataSrc !== undefined && component.dataSrc !== 'values') {
      report(`${schemaPath}.dataSrc`, 'select.dataSrc', { key });
    } else if (kind === 'choice') {
      const options: readonly unknown[] = optionsOf(component);
      const values = options.map((option) => (isPlainObject(option) ? option.value : undefined));
      if (values.length === 0) report(schemaPath, 'options.invalid', { key, detail: 'no option' });
      else if (values.some((value) => typeof value !== 'string' || value === ''))
        report(schemaPath, 'options.invalid', { key, detail: 'non-text value' });
      else if (new Set(values).size !== values.length) report(schemaPath, 'options.invalid', { key, detail: 'duplicated value' });
    }
  }
  return issues;
}
