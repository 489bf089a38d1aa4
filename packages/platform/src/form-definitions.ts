import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { DomainError } from '@sons/contracts';
import type { Logger } from './logger.js';

// A published form definition as every process sees it. The schema is a Form.io JSON schema (@sons/forms types it);
// this package does not depend on @sons/forms, so it stays `Record<string, unknown>` here.
export type FormVersion = {
  formKey: string;
  version: number;
  schema: Record<string, unknown>;
  i18n?: { en: Record<string, string> };
  title?: { fr: string; en: string };
  publishedAt: string;
};

const encoder = new TextEncoder();
const PUBLISHED = 'published';
const RETIRED = 'retired';

const isFormVersion = (value: unknown): value is FormVersion => {
  const v = value as Partial<FormVersion> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.formKey === 'string' &&
    typeof v.version === 'number' &&
    typeof v.schema === 'object' &&
    v.schema !== null
  );
};

// Published form definitions live in a NATS KV bucket that every process watches (like Programme):
//   `<formKey>.published` → the current version ({ version, schema, … }),
//   `<formKey>.v<N>`      → version N, written once when it is published and never changed,
//   `<formKey>.retired`   → { versions: [N, …] } the versions submissions may no longer be pinned to.
// The gateway (which owns the editable definitions) writes; every service reads. A new version reaches every
// process within moments, without a restart. Version objects are cached and never replaced, so a schema compiled
// once per object (@sons/forms caches by object identity) stays compiled.
export class FormDefinitions {
  private kv: KV | null = null;
  private readonly current = new Map<string, FormVersion>();
  private readonly versions = new Map<string, FormVersion>();
  private readonly retiredVersions = new Map<string, ReadonlySet<number>>();

  constructor(private readonly log?: Logger) {}

  static bucketName(subjectPrefix: string): string {
    return `sons_forms${subjectPrefix ? `_${subjectPrefix.replace(/[^A-Za-z0-9]/g, '')}` : ''}`;
  }

  // replicas: as the event stream's (SONS_STREAM_REPLICAS), so a NATS cluster keeps this data as safely as the events.
  async connect(nc: NatsConnection, bucket: string, replicas = 1): Promise<void> {
    this.kv = await new Kvm(nc).create(bucket, { history: 5, replicas, storage: StorageType.File });
    for await (const key of await this.kv.keys()) {
      const entry = await this.kv.get(key);
      if (entry && entry.operation === 'PUT') this.apply(key, entry.json());
    }
    const watcher = await this.kv.watch({ key: '>' });
    void (async () => {
      for await (const e of watcher) if (e.operation === 'PUT') this.apply(e.key, e.json());
    })();
  }

  private cacheKey = (formKey: string, version: number) => `${formKey}.v${version}`;

  // Keeps one object per version: a redelivered or re-read version returns the object already cached.
  private cached(value: FormVersion): FormVersion {
    const key = this.cacheKey(value.formKey, value.version);
    const known = this.versions.get(key);
    if (known) return known;
    const frozen = Object.freeze({ ...value });
    this.versions.set(key, frozen);
    return frozen;
  }

  private apply(key: string, raw: unknown): void {
    const dot = key.lastIndexOf('.');
    if (dot <= 0) return;
    const formKey = key.slice(0, dot);
    const kind = key.slice(dot + 1);
    if (kind === RETIRED) {
      const versions = (raw as { versions?: unknown } | null)?.versions;
      if (Array.isArray(versions))
        this.retiredVersions.set(formKey, new Set(versions.filter((v): v is number => typeof v === 'number')));
      return;
    }
    if (!isFormVersion(raw) || raw.formKey !== formKey) {
      this.log?.error({ key }, 'ignoring invalid form definition entry');
      return;
    }
    const version = this.cached(raw);
    if (kind === PUBLISHED) {
      const before = this.current.get(formKey);
      if (!before || before.version <= version.version) this.current.set(formKey, version);
    }
  }

  // The current published version of a form key, or undefined before one is published.
  published(formKey: string): FormVersion | undefined {
    return this.current.get(formKey);
  }

  retired(formKey: string): ReadonlySet<number> {
    return this.retiredVersions.get(formKey) ?? new Set();
  }

  // One published (possibly superseded or retired) version; immutable, cached after the first read.
  async version(formKey: string, version: number): Promise<FormVersion | undefined> {
    const key = this.cacheKey(formKey, version);
    const known = this.versions.get(key);
    if (known) return known;
    if (!this.kv) throw new Error('form definitions not connected');
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return undefined;
    const raw: unknown = entry.json();
    return isFormVersion(raw) ? this.cached(raw) : undefined;
  }

  // The version a submission is pinned to (the current one when none is given). A retired or unknown version
  // answers 409 naming the version to use instead (issue 3, "Bad input").
  async pinned(formKey: string, version?: number | null): Promise<FormVersion> {
    const current = this.published(formKey);
    if (version === undefined || version === null) {
      if (current) return current;
      throw new DomainError('FORM_NOT_PUBLISHED', 409, {
        fr: `Le formulaire « ${formKey} » n’a pas encore de version publiée.`,
        en: `Form "${formKey}" has no published version yet.`,
      });
    }
    const use = current?.version ?? null;
    if (this.retired(formKey).has(version)) {
      throw new DomainError(
        'FORM_VERSION_RETIRED',
        409,
        {
          fr: `La version ${version} du formulaire « ${formKey} » est retirée : rechargez le formulaire et envoyez-le avec la version ${use ?? '(aucune)'}.`,
          en: `Version ${version} of form "${formKey}" is retired: reload the form and send it with version ${use ?? '(none)'}.`,
        },
        { meta: { formKey, version, useVersion: use } },
      );
    }
    const found = await this.version(formKey, version);
    if (found) return found;
    throw new DomainError(
      'FORM_VERSION_UNKNOWN',
      409,
      {
        fr: `Le formulaire « ${formKey} » n’a pas de version publiée ${version} : rechargez le formulaire et envoyez-le avec la version ${use ?? '(aucune)'}.`,
        en: `Form "${formKey}" has no published version ${version}: reload the form and send it with version ${use ?? '(none)'}.`,
      },
      { meta: { formKey, version, useVersion: use } },
    );
  }

  // Writer side (the gateway's forms module). `<formKey>.v<N>` is created once; an existing entry is left as is.
  async writeVersion(value: FormVersion): Promise<void> {
    const kv = this.requireKv();
    const key = this.cacheKey(value.formKey, value.version);
    try {
      await kv.create(key, encoder.encode(JSON.stringify(value)));
    } catch {
      // already written: versions are immutable
    }
  }

  async writePublished(value: FormVersion): Promise<void> {
    await this.writeVersion(value);
    const kv = this.requireKv();
    const key = `${value.formKey}.${PUBLISHED}`;
    const entry = await kv.get(key);
    const existing: unknown = entry?.operation === 'PUT' ? entry.json() : null;
    if (isFormVersion(existing) && existing.version === value.version) return;
    await kv.put(key, encoder.encode(JSON.stringify(value)));
    this.apply(key, value);
  }

  async writeRetired(formKey: string, versions: number[]): Promise<void> {
    const kv = this.requireKv();
    const key = `${formKey}.${RETIRED}`;
    const sorted = [...new Set(versions)].sort((a, b) => a - b);
    const entry = await kv.get(key);
    const existing = entry?.operation === 'PUT' ? entry.json<{ versions?: number[] }>().versions : undefined;
    if (existing && JSON.stringify(existing) === JSON.stringify(sorted)) return;
    await kv.put(key, encoder.encode(JSON.stringify({ versions: sorted })));
    this.apply(key, { versions: sorted });
  }

  private requireKv(): KV {
    if (!this.kv) throw new Error('form definitions not connected');
    return this.kv;
  }
}
