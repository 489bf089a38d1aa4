import type { FormioComponent } from './form-schema.types.js';

// The component types we support, and how their value is shaped. Anything else is refused at
// draft save (lintSchema): every type we accept must have a strict type check below.
export const COMPONENT_KINDS = {
  textfield: 'text',
  textarea: 'text',
  phoneNumber: 'text',
  email: 'text',
  number: 'number',
  checkbox: 'boolean',
  radio: 'choice',
  select: 'choice',
  file: 'file',
  datagrid: 'grid',
  panel: 'layout',
  fieldset: 'layout',
  columns: 'layout',
  content: 'static',
  htmlelement: 'static',
  button: 'static',
} as const;

export type SupportedComponentType = keyof typeof COMPONENT_KINDS;
export type ComponentKind = (typeof COMPONENT_KINDS)[SupportedComponentType];
export type DataKind = Exclude<ComponentKind, 'layout' | 'static'>;

export const SUPPORTED_COMPONENT_TYPES = Object.keys(COMPONENT_KINDS) as readonly SupportedComponentType[];

export function kindOf(type: unknown): ComponentKind | undefined {
  return typeof type === 'string' && Object.hasOwn(COMPONENT_KINDS, type)
    ? COMPONENT_KINDS[type as SupportedComponentType]
    : undefined;
}

export function isDataKind(kind: ComponentKind | undefined): kind is DataKind {
  return kind !== undefined && kind !== 'layout' && kind !== 'static';
}

// A JSON-like object: its prototype is null or *an* Object.prototype (any realm: data may come
// from a worker, a vm context or structuredClone), never a class instance, array or Date.
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export type ComponentVisit = {
  component: FormioComponent;
  kind: ComponentKind | undefined;
  // Where the component sits in the schema JSON, e.g. `components[2].columns[0].components[1]`.
  schemaPath: string;
  // Key path of its value in submission data, grid rows elided: `providers.providerCode`.
  // Undefined for layout and static components (they hold no data).
  dataPath: string | undefined;
  // The datagrid the component repeats in, if any.
  grid: FormioComponent | undefined;
  // Index of the component in depth-first schema order.
  order: number;
};

export type InvalidNode = { schemaPath: string; value: unknown };

type WalkState = { order: number };

// Depth-first walk over a (possibly malformed) component tree. Layout components do not nest
// data in Form.io, so their children share the parent's data prefix; datagrids do.
export function walkComponents(
  components: unknown,
  visit: (entry: ComponentVisit) => void,
  onInvalid?: (node: InvalidNode) => void,
  schemaPrefix = 'components',
): void {
  walk(components, schemaPrefix, '', undefined, visit, onInvalid, { order: 0 });
}

function walk(
  components: unknown,
  schemaPrefix: string,
  dataPrefix: string,
  grid: FormioComponent | undefined,
  visit: (entry: ComponentVisit) => void,
  onInvalid: ((node: InvalidNode) => void) | undefined,
  state: WalkState,
): void {
  if (!Array.isArray(components)) {
    onInvalid?.({ schemaPath: schemaPrefix, value: components });
    return;
  }
  components.forEach((node: unknown, index) => {
    const schemaPath = `${schemaPrefix}[${index}]`;
    if (!isPlainObject(node) || typeof node.type !== 'string') {
      onInvalid?.({ schemaPath, value: node });
      return;
    }
    const component = node as FormioComponent;
    const kind = kindOf(component.type);
    const key = typeof component.key === 'string' ? component.key : undefined;
    const holdsData = isDataKind(kind);
    const dataPath = holdsData && key !== undefined ? `${dataPrefix}${key}` : undefined;
    visit({ component, kind, schemaPath, dataPath, grid, order: state.order++ });

    const childDataPrefix = kind === 'grid' && dataPath !== undefined ? `${dataPath}.` : dataPrefix;
    const childGrid = kind === 'grid' ? component : grid;
    if (component.components !== undefined) {
      walk(component.components, `${schemaPath}.components`, childDataPrefix, childGrid, visit, onInvalid, state);
    }
    if (component.columns !== undefined) {
      if (!Array.isArray(component.columns)) {
        onInvalid?.({ schemaPath: `${schemaPath}.columns`, value: component.columns });
        return;
      }
      component.columns.forEach((column: unknown, columnIndex) => {
        const columnPath = `${schemaPath}.columns[${columnIndex}]`;
        if (!isPlainObject(column)) {
          onInvalid?.({ schemaPath: columnPath, value: column });
          return;
        }
        walk(column.components, `${columnPath}.components`, childDataPrefix, childGrid, visit, onInvalid, state);
      });
    }
  });
}

// Options of a radio (`values`) or a select with `dataSrc: 'values'` (`data.values`).
export function optionsOf(component: FormioComponent): readonly { label: string; value: string }[] {
  if (component.type === 'radio') return Array.isArray(component.values) ? component.values : [];
  if (component.type === 'select') return Array.isArray(component.data?.values) ? component.data.values : [];
  return [];
}
