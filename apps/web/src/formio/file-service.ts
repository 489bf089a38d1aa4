import { uploadFile } from '../app/api.js';

// Form.io's `fileService` option: file components upload raw bytes to our attachment store (POST /api/attachments,
// with progress) instead of Form.io's multipart "url" provider, and keep the value shape @sons/forms checks:
// { name, size, type, storage: 'sons', url, attachmentId, sha256, originalName }.
export type FileValueItem = {
  name: string;
  originalName?: string;
  size: number;
  type: string;
  storage: 'sons';
  url: string;
  attachmentId: string;
  sha256: string;
};

// The attachment purpose the services expect for a file field (AttachmentRefs checks it: the NDA must be 'nda').
// A schema can also say it with `properties.purpose`.
const PURPOSE_BY_KEY: Record<string, string> = {
  ndaFile: 'nda',
  ndaAttachment: 'nda',
};
export const purposeOf = (component: { key?: string; properties?: Record<string, string> }): string =>
  component.properties?.purpose ?? PURPOSE_BY_KEY[component.key ?? ''] ?? component.key ?? 'other';

export const contentUrl = (attachmentId: string): string => `/api/attachments/${encodeURIComponent(attachmentId)}/content`;

export const sonsFileService = {
  async uploadFile(
    _storage: string,
    file: File,
    fileName: string,
    dir: string,
    progressCallback?: (event: { loaded: number; total: number; lengthComputable: boolean }) => void,
    _url?: string,
    _options?: unknown,
    _fileKey?: string,
    _groupPermissions?: unknown,
    _groupId?: unknown,
    uploadStartCallback?: () => void,
    abortCallback?: (abort: () => void) => void,
  ): Promise<FileValueItem> {
    // Form.io's callback reads the promise this call returns: it must run after this function has returned.
    await Promise.resolve();
    uploadStartCallback?.();
    const stored = await uploadFile(
      file,
      dir || 'other',
      (loaded, total) => progressCallback?.({ loaded, total, lengthComputable: true }),
      abortCallback,
    );
    return {
      name: fileName || stored.fileName,
      size: stored.size,
      type: stored.contentType,
      storage: 'sons',
      url: contentUrl(stored.id),
      attachmentId: stored.id,
      sha256: stored.sha256,
    };
  },
  async downloadFile(file: Partial<FileValueItem>): Promise<{ url: string; storage: string; name?: string }> {
    return {
      url: file.attachmentId ? contentUrl(file.attachmentId) : (file.url ?? ''),
      storage: 'url',
      name: file.originalName ?? file.name,
    };
  },
  // Stored attachments are write-once: removing a file from the form only drops the reference.
  async deleteFile(): Promise<void> {},
};

// A file value as @sons/forms accepts it: only the allowed properties (Form.io adds `hash` and others).
const ALLOWED = ['name', 'size', 'type', 'storage', 'url', 'attachmentId', 'sha256', 'originalName'] as const;
export function cleanFileValue(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    if (!item || typeof item !== 'object') return item;
    const out: Record<string, unknown> = {};
    for (const key of ALLOWED)
      if ((item as Record<string, unknown>)[key] !== undefined) out[key] = (item as Record<string, unknown>)[key];
    return out;
  });
}
