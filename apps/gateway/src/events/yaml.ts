// A small YAML 1.2 emitter for plain JSON values (objects, arrays, strings, numbers, booleans, null): enough for
// the generated AsyncAPI document, without a YAML dependency. Strings that could be read as anything else are quoted
// in JSON style, which YAML accepts.
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~|-?\.?inf|\.nan)$/i;

const plainString = (s: string): boolean =>
  s.length > 0 &&
  /^[A-Za-z_/][\w .,/()'«»’:-]*$/u.test(s) &&
  !RESERVED.test(s) &&
  !/[:\s]$/.test(s) &&
  !s.includes(': ') &&
  !s.includes(' #') &&
  !/^\d/.test(s);

const scalar = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return plainString(s) ? s : JSON.stringify(s);
};

const key = (k: string): string => (/^[A-Za-z_$][\w$.-]*$/.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k));

const isEmptyCollection = (v: unknown) =>
  Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0;

function emit(value: unknown, indent: number, out: string[]): void {
  const pad = '  '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !isEmptyCollection(item)) {
        const nested: string[] = [];
        emit(item, indent + 1, nested);
        out.push(`${pad}- ${nested[0].trimStart()}`, ...nested.slice(1));
      } else {
        out.push(`${pad}- ${isEmptyCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
      }
    }
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && !isEmptyCollection(v)) {
      out.push(`${pad}${key(k)}:`);
      emit(v, indent + 1, out);
    } else {
      out.push(`${pad}${key(k)}: ${isEmptyCollection(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`);
    }
  }
}

export function toYaml(value: Record<string, unknown>): string {
  const out: string[] = [];
  emit(value, 0, out);
  return `${out.join('\n')}\n`;
}
