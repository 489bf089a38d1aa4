import { isPlainObject } from '../component-tree.js';

// A file component's value is an array of FileValueItem, written by our upload endpoint.
// Checked strictly: Form.io only checks that it is an array, and a forged item (inline data:
// URL, foreign storage, missing digest) must never reach a case.
const ALLOWED_PROPERTIES: ReadonlySet<string> = new Set([
  'name',
  'size',
  'type',
  'storage',
  'url',
  'attachmentId',
  'sha256',
  'originalName',
]);
const ATTACHMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

// Returns the first problem with one item, or undefined when it is well formed.
export function fileItemProblem(item: unknown): string | undefined {
  if (!isPlainObject(item)) return 'object';
  for (const property of Object.keys(item)) if (!ALLOWED_PROPERTIES.has(property)) return 'unknownProperty';
  if (!isShortString(item.name, 255) || item.name.trim() === '') return 'name';
  if (typeof item.size !== 'number' || !Number.isSafeInteger(item.size) || item.size < 0) return 'size';
  if (!isShortString(item.type, 255)) return 'type';
  if (item.storage !== 'sons') return 'storage';
  // Only our own routes or HTTPS links: no inline `data:` content, no `javascript:` URLs.
  if (
    item.url !== undefined &&
    (!isShortString(item.url, 2048) || !(item.url.startsWith('/') || item.url.startsWith('https://')))
  )
    return 'url';
  if (typeof item.attachmentId !== 'string' || !ATTACHMENT_ID.test(item.attachmentId)) return 'attachmentId';
  if (typeof item.sha256 !== 'string' || !SHA256.test(item.sha256)) return 'sha256';
  if (item.originalName !== undefined && !isShortString(item.originalName, 255)) return 'originalName';
  return undefined;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

// Form.io writes sizes as "20MB", "500KB", "1GB".
export function parseFileSize(size: unknown): number | undefined {
  if (typeof size !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)\s*$/i.exec(size);
  if (!match) return undefined;
  return Math.floor(Number(match[1]) * (SIZE_UNITS[(match[2] ?? 'B').toUpperCase()] ?? 1));
}

// Form.io's filePattern: comma-separated extensions (".pdf") or MIME types ("image/*"); "*" = any.
export function parseFilePattern(pattern: unknown): readonly string[] | undefined {
  if (typeof pattern !== 'string') return undefined;
  const parts = pattern
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  return parts.length === 0 || parts.includes('*') ? undefined : parts;
}

export function matchesFilePattern(name: string, type: string, patterns: readonly string[]): boolean {
  const lowerName = name.toLowerCase();
  const lowerType = type.toLowerCase();
  return patterns.some((pattern) => {
    if (pattern.startsWith('.')) return lowerName.endsWith(pattern);
    if (pattern.endsWith('/*')) return lowerType.startsWith(pattern.slice(0, -1));
    return lowerType === pattern;
  });
}
