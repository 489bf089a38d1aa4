import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DomainError,
  formDefinitionPublished,
  formDefinitionRetired,
  validationError,
  type Caller,
  type FieldError,
  type Localized,
} from '@sons/contracts';
import {
  breakingChanges,
  diffSchemas,
  FORM_KEYS,
  lintSchema,
  SEED_FORMS,
  SERVICE_FIELD_READERS,
  validateSubmission,
  type FormDefinition,
  type Locale,
} from '@sons/forms';
import {
  EventRecorder,
  FormDefinitions,
  LOGGER,
  SystemClock,
  UnitOfWork,
  type EntityManager,
  type FormVersion,
  type Logger,
} from '@sons/platform';
import { assertFormTransition } from './form-definition-status.js';
import { FormDefinitionVersion } from './form-definition-version.entity.js';
import { FormSubmission } from './form-submission.entity.js';

export const EXPORT_FORMAT = 'sons-form-definition/1';

export type DefinitionInput = {
  schema?: Record<string, unknown>;
  i18n?: { en: Record<string, string> } | null;
  title?: { fr: string; en: string } | null;
  changeNote?: string | null;
};

export type ExportDocument = {
  format: typeof EXPORT_FORMAT;
  formKey: string;
  version: number;
  status: string;
  schema: Record<string, unknown>;
  i18n: { en: Record<string, string> } | null;
  title: { fr: string; en: string } | null;
  changeNote: string | null;
  exportedAt: string;
};

const who = (caller: Caller) => caller.email ?? caller.userId;

const toView = (row: FormDefinitionVersion, withSchema = true) => ({
  formKey: row.formKey,
  version: row.version,
  status: row.status,
  basedOn: row.basedOn ?? null,
  author: row.author,
  changeNote: row.changeNote ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
  publishedBy: row.publishedBy ?? null,
  retiredAt: row.retiredAt ? row.retiredAt.toISOString() : null,
  ...(withSchema ? { schema: row.schema, i18n: row.i18n ?? null, title: row.title ?? null } : {}),
});
export type DefinitionView = ReturnType<typeof toView>;

const toFormVersion = (row: FormDefinitionVersion): FormVersion => ({
  formKey: row.formKey,
  version: row.version,
  schema: row.schema,
  ...(row.i18n ? { i18n: row.i18n } : {}),
  ...(row.title ? { title: row.title } : {}),
  publishedAt: (row.publishedAt ?? row.createdAt).toISOString(),
});

const notFound = (formKey: string, version?: number) =>
  new DomainError(
    'NOT_FOUND',
    404,
    version === undefined
      ? { fr: `Le formulaire « ${formKey} » n’existe pas.`, en: `Form "${formKey}" does not exist.` }
      : { fr: `Le formulaire « ${formKey} » n’a pas de version ${version}.`, en: `Form "${formKey}" has no version ${version}.` },
  );

// Lint issues in both languages, one field error per issue (path = the component's path in the schema).
function lintErrors(schema: unknown): FieldError[] {
  const fr = lintSchema(schema, { locale: 'fr' });
  if (fr.length === 0) return [];
  const en = lintSchema(schema, { locale: 'en' });
  return fr.map((issue, i) => ({
    path: issue.path,
    rule: issue.rule,
    message: { fr: issue.message, en: en[i]?.message ?? issue.message },
  }));
}

@Injectable()
export class FormsService implements OnApplicationBootstrap {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(FormDefinitions) private readonly forms: FormDefinitions,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  // First start: each seed form becomes version 1, published (idempotent: the unique (formKey, version) lets one
  // replica win). Then the KV bucket is brought in line with the table (repairs a crash between commit and write).
  async onApplicationBootstrap(): Promise<void> {
    for (const key of FORM_KEYS) {
      const seed = SEED_FORMS[key];
      try {
        await this.uow.run(async (em) => {
          if ((await em.count(FormDefinitionVersion, { formKey: key })) > 0) return;
          const now = this.clock.now();
          em.persist(
            Object.assign(new FormDefinitionVersion(), {
              formKey: key,
              version: 1,
              status: 'published' as const,
              schema: seed.schema,
              i18n: seed.i18n,
              title: seed.title,
              author: 'system',
              changeNote: 'Seed (@sons/forms)',
              createdAt: now,
              updatedAt: now,
              publishedAt: now,
              publishedBy: 'system',
            }),
          );
        });
      } catch (error) {
        if ((error as DomainError).code !== 'DUPLICATE') throw error;
      }
    }
    await this.syncStore();
  }

  async syncStore(): Promise<void> {
    const em = this.uow.fork();
    const rows = await em.find(
      FormDefinitionVersion,
      { status: { $ne: 'draft' } },
      { orderBy: { formKey: 'asc', version: 'asc' }, limit: 2000 },
    );
    for (const row of rows) {
      if (row.status === 'published') await this.forms.writePublished(toFormVersion(row));
      else await this.forms.writeVersion(toFormVersion(row));
    }
    for (const key of new Set(rows.map((r) => r.formKey))) {
      const retired = rows.filter((r) => r.formKey === key && r.status === 'retired').map((r) => r.version);
      if (retired.length || this.forms.retired(key).size) await this.forms.writeRetired(key, retired);
    }
    this.log.info({ versions: rows.length }, 'form definitions in the KV store');
  }

  private async versions(em: EntityManager, formKey: string): Promise<FormDefinitionVersion[]> {
    return em.find(FormDefinitionVersion, { formKey }, { orderBy: { version: 'asc' }, limit: 1000 });
  }

  async list() {
    const em = this.uow.fork();
    const rows = await em.find(FormDefinitionVersion, {}, { orderBy: { formKey: 'asc', version: 'asc' }, limit: 2000 });
    const keys = [...new Set([...FORM_KEYS, ...rows.map((r) => r.formKey)])];
    return {
      items: keys.map((formKey) => {
        const mine = rows.filter((r) => r.formKey === formKey);
        return {
          formKey,
          title: mine.find((r) => r.status === 'published')?.title ?? null,
          publishedVersion: mine.find((r) => r.status === 'published')?.version ?? null,
          draftVersion: mine.find((r) => r.status === 'draft')?.version ?? null,
          versions: mine.map((r) => toView(r, false)),
        };
      }),
    };
  }

  async listVersions(formKey: string) {
    const rows = await this.versions(this.uow.fork(), formKey);
    if (!rows.length) throw notFound(formKey);
    return { formKey, items: rows.map((r) => toView(r, false)) };
  }

  // Drafts are the operators' business; every published (or superseded, or retired) version stays readable.
  async getVersion(formKey: string, version: number, operator: boolean) {
    const row = await this.uow.fork().findOne(FormDefinitionVersion, { formKey, version });
    if (!row || (row.status === 'draft' && !operator)) throw notFound(formKey, version);
    return toView(row);
  }

  // What the renderer needs: the current published schema, its version and the English texts.
  published(formKey: string) {
    const current = this.forms.published(formKey);
    if (!current) throw notFound(formKey);
    return {
      key: formKey,
      formKey,
      version: current.version,
      schema: current.schema,
      i18n: current.i18n ?? null,
      title: current.title ?? null,
      publishedAt: current.publishedAt,
    };
  }

  private async requireDraft(em: EntityManager, formKey: string, version?: number): Promise<FormDefinitionVersion> {
    const row = await em.findOne(
      FormDefinitionVersion,
      version === undefined ? { formKey, status: 'draft' } : { formKey, version },
    );
    if (!row) {
      if (version !== undefined) throw notFound(formKey, version);
      throw new DomainError('NO_DRAFT', 409, {
        fr: `Le formulaire « ${formKey} » n’a pas de brouillon : créez-en un depuis la version publiée.`,
        en: `Form "${formKey}" has no draft: create one from the published version.`,
      });
    }
    if (row.status !== 'draft')
      throw new DomainError(
        'NOT_A_DRAFT',
        409,
        {
          fr: `La version ${row.version} du formulaire « ${formKey} » est « ${row.status} » : seules les versions en brouillon se modifient. Créez un brouillon.`,
          en: `Version ${row.version} of form "${formKey}" is "${row.status}": only drafts can be changed. Create a draft.`,
        },
        { meta: { formKey, version: row.version, status: row.status } },
      );
    return row;
  }

  private assertLint(schema: unknown): void {
    const errors = lintErrors(schema);
    if (errors.length)
      throw validationError(errors, {
        fr: `Le schéma a ${errors.length} problème(s) à corriger avant de pouvoir l’enregistrer.`,
        en: `The schema has ${errors.length} problem(s) to fix before it can be saved.`,
      });
  }

  // Exactly one draft per form key, begun from the published version (or from the schema given).
  async createDraft(formKey: string, input: DefinitionInput, caller: Caller) {
    if (input.schema !== undefined) this.assertLint(input.schema);
    return this.uow.run(async (em) => {
      const rows = await this.versions(em, formKey);
      const draft = rows.find((r) => r.status === 'draft');
      if (draft)
        throw new DomainError(
          'DRAFT_EXISTS',
          409,
          {
            fr: `Le formulaire « ${formKey} » a déjà un brouillon (version ${draft.version}) : modifiez-le ou publiez-le.`,
            en: `Form "${formKey}" already has a draft (version ${draft.version}): edit it or publish it.`,
          },
          { meta: { formKey, version: draft.version } },
        );
      const base = rows.find((r) => r.status === 'published');
      if (!base && input.schema === undefined) throw notFound(formKey);
      const now = this.clock.now();
      const row = Object.assign(new FormDefinitionVersion(), {
        formKey,
        version: (rows.at(-1)?.version ?? 0) + 1,
        status: 'draft' as const,
        schema: input.schema ?? base!.schema,
        i18n: input.i18n !== undefined ? input.i18n : (base?.i18n ?? null),
        title: input.title !== undefined ? input.title : (base?.title ?? null),
        basedOn: base?.version ?? null,
        author: who(caller),
        changeNote: input.changeNote ?? null,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(row);
      return toView(row);
    });
  }

  async updateDraft(formKey: string, version: number | undefined, input: DefinitionInput, caller: Caller) {
    if (input.schema !== undefined) this.assertLint(input.schema);
    return this.uow.run(async (em) => {
      const row = await this.requireDraft(em, formKey, version);
      if (input.schema !== undefined) row.schema = input.schema;
      if (input.i18n !== undefined) row.i18n = input.i18n;
      if (input.title !== undefined) row.title = input.title;
      if (input.changeNote !== undefined) row.changeNote = input.changeNote;
      row.author = who(caller);
      row.updatedAt = this.clock.now();
      return toView(row);
    });
  }

  private changesOf(formKey: string, before: FormDefinitionVersion | null, after: FormDefinitionVersion) {
    const diff = diffSchemas(before?.schema ?? { display: 'form', components: [] }, after.schema);
    const fr = breakingChanges(diff, SERVICE_FIELD_READERS, formKey, { locale: 'fr' });
    const en = breakingChanges(diff, SERVICE_FIELD_READERS, formKey, { locale: 'en' });
    const breaking = fr.map((b, i) => ({
      service: b.service,
      key: b.key,
      change: b.change,
      message: { fr: b.message, en: en[i]?.message ?? b.message },
    }));
    return { diff, breaking };
  }

  // A version (the draft by default) against the current published version.
  async diff(formKey: string, version?: number) {
    const em = this.uow.fork();
    const rows = await this.versions(em, formKey);
    if (!rows.length) throw notFound(formKey);
    const target = version === undefined ? rows.find((r) => r.status === 'draft') : rows.find((r) => r.version === version);
    if (!target)
      throw version === undefined
        ? await this.requireDraft(em, formKey).then(() => notFound(formKey))
        : notFound(formKey, version);
    const published = rows.find((r) => r.status === 'published') ?? null;
    return { formKey, from: published?.version ?? null, to: target.version, ...this.changesOf(formKey, published, target) };
  }

  // Draft → published (issue 3, items 2, 5, 6): lint again, refuse a breaking change for a service that reads the
  // key, supersede the previous version, record the event, then write the KV bucket every process watches.
  async publish(formKey: string, version: number | undefined, caller: Caller, correlationId?: string) {
    const published = await this.uow.run(async (em) => {
      const row = await this.requireDraft(em, formKey, version);
      this.assertLint(row.schema);
      const current = await em.findOne(FormDefinitionVersion, { formKey, status: 'published' });
      const { breaking } = this.changesOf(formKey, current, row);
      if (breaking.length)
        throw new DomainError(
          'BREAKING_CHANGE',
          409,
          {
            fr: `Publication refusée : ${breaking.map((b) => b.message.fr).join(' ')}`,
            en: `Publishing refused: ${breaking.map((b) => b.message.en).join(' ')}`,
          },
          {
            errors: breaking.map((b) => ({ path: b.key, rule: `breaking.${b.change}`, message: b.message })),
            meta: {
              formKey,
              version: row.version,
              breaking: breaking.map(({ service, key, change }) => ({ service, key, change })),
            },
          },
        );
      const now = this.clock.now();
      if (current) {
        assertFormTransition(formKey, current.version, current.status, 'superseded');
        current.status = 'superseded';
        current.updatedAt = now;
      }
      assertFormTransition(formKey, row.version, row.status, 'published');
      row.status = 'published';
      row.publishedAt = now;
      row.publishedBy = who(caller);
      row.updatedAt = now;
      // Superseding must be flushed before the new row becomes 'published' in the same flush order.
      await em.flush();
      this.events.record(
        em,
        formDefinitionPublished,
        { formKey, version: row.version, previousVersion: current?.version ?? null, publishedBy: caller.userId },
        { caseId: formKey, sequence: await this.eventSequence(em, formKey), correlationId },
      );
      return row;
    });
    await this.forms.writePublished(toFormVersion(published));
    return toView(published);
  }

  // The form key's event sequence: one step per publication and per retirement (counted after the change is flushed).
  private async eventSequence(em: EntityManager, formKey: string): Promise<number> {
    const published = await em.count(FormDefinitionVersion, { formKey, publishedAt: { $ne: null } });
    const retired = await em.count(FormDefinitionVersion, { formKey, status: 'retired' });
    return published + retired;
  }

  async retire(formKey: string, version: number, caller: Caller, correlationId?: string) {
    const row = await this.uow.run(async (em) => {
      const found = await em.findOne(FormDefinitionVersion, { formKey, version });
      if (!found) throw notFound(formKey, version);
      assertFormTransition(formKey, version, found.status, 'retired');
      found.status = 'retired';
      found.retiredAt = this.clock.now();
      found.updatedAt = found.retiredAt;
      const current = await em.findOne(FormDefinitionVersion, { formKey, status: 'published' });
      await em.flush();
      this.events.record(
        em,
        formDefinitionRetired,
        { formKey, version, useVersion: current?.version ?? null, retiredBy: caller.userId },
        { caseId: formKey, sequence: await this.eventSequence(em, formKey), correlationId },
      );
      return found;
    });
    const retired = (await this.versions(this.uow.fork(), formKey)).filter((r) => r.status === 'retired').map((r) => r.version);
    await this.forms.writeRetired(formKey, retired);
    return toView(row);
  }

  async export(formKey: string, version?: number): Promise<ExportDocument> {
    const em = this.uow.fork();
    const row = await em.findOne(
      FormDefinitionVersion,
      version === undefined ? { formKey, status: 'published' } : { formKey, version },
    );
    if (!row) throw notFound(formKey, version);
    return {
      format: EXPORT_FORMAT,
      formKey: row.formKey,
      version: row.version,
      status: row.status,
      schema: row.schema,
      i18n: row.i18n ?? null,
      title: row.title ?? null,
      changeNote: row.changeNote ?? null,
      exportedAt: this.clock.now().toISOString(),
    };
  }

  // An exported definition becomes the form key's draft (a new one, or the existing draft's content).
  async import(
    formKey: string,
    doc: {
      schema: Record<string, unknown>;
      i18n?: { en: Record<string, string> } | null;
      title?: { fr: string; en: string } | null;
      changeNote?: string | null;
    },
    caller: Caller,
  ) {
    this.assertLint(doc.schema);
    const input: DefinitionInput = {
      schema: doc.schema,
      i18n: doc.i18n ?? null,
      title: doc.title ?? null,
      changeNote: doc.changeNote ?? 'Import',
    };
    const existing = await this.uow.fork().findOne(FormDefinitionVersion, { formKey, status: 'draft' });
    return existing ? this.updateDraft(formKey, existing.version, input, caller) : this.createDraft(formKey, input, caller);
  }

  // ---- Submissions pinned to a version -------------------------------------------------------------------

  private ownerOf(caller: Caller): string {
    return caller.vendorId ?? `user:${caller.userId}`;
  }

  private submissionView(row: FormSubmission) {
    const current = this.forms.published(row.formKey);
    return {
      id: row.id,
      formKey: row.formKey,
      version: row.formVersion,
      status: row.status,
      data: row.data,
      vendorId: row.vendorId ?? null,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      publishedVersion: current?.version ?? null,
      versionRetired: this.forms.retired(row.formKey).has(row.formVersion),
    };
  }

  async currentDraft(formKey: string, caller: Caller) {
    const row = await this.uow.fork().findOne(FormSubmission, { formKey, owner: this.ownerOf(caller), slot: 'current' });
    if (!row)
      throw new DomainError('NOT_FOUND', 404, {
        fr: `Aucun brouillon du formulaire « ${formKey} » n’est enregistré pour vous.`,
        en: `No draft of form "${formKey}" is saved for you.`,
      });
    return this.submissionView(row);
  }

  // Saves the draft; it stays pinned to the version it was begun on unless the caller names another version.
  async saveDraft(formKey: string, input: { version?: number; data: Record<string, unknown> }, caller: Caller) {
    const owner = this.ownerOf(caller);
    const existing = await this.uow.fork().findOne(FormSubmission, { formKey, owner, slot: 'current' });
    const pinned = await this.forms.pinned(formKey, input.version ?? existing?.formVersion);
    return this.uow.run(async (em) => {
      const now = this.clock.now();
      let row = await em.findOne(FormSubmission, { formKey, owner, slot: 'current' });
      if (!row) {
        row = Object.assign(new FormSubmission(), { formKey, owner, vendorId: caller.vendorId ?? null, createdAt: now });
        em.persist(row);
      }
      Object.assign(row, { formVersion: pinned.version, data: input.data, updatedBy: who(caller), updatedAt: now });
      await em.flush();
      return this.submissionView(row);
    });
  }

  // Idempotent: a draft already gone (submitted from another tab, discarded) is not an error; an unknown form is.
  async discardDraft(formKey: string, caller: Caller): Promise<void> {
    const owner = this.ownerOf(caller);
    const removed = await this.uow.run(async (em) => {
      const row = await em.findOne(FormSubmission, { formKey, owner, slot: 'current' });
      if (row) await em.remove(row).flush();
      return row !== null;
    });
    if (!removed && !this.forms.published(formKey))
      throw new DomainError('NOT_FOUND', 404, {
        fr: `Le formulaire « ${formKey} » n’existe pas.`,
        en: `Form "${formKey}" does not exist.`,
      });
  }

  // Server-side validation against the version the submission is pinned to (issue 3, item 3).
  async validate(formKey: string, input: { version?: number; data: Record<string, unknown> }, locale: Locale) {
    const pinned = await this.forms.pinned(formKey, input.version);
    const definition = pinned as unknown as FormDefinition;
    const result = validateSubmission(definition, input.data, { locale });
    if (result.ok) return { ok: true as const, formKey, version: pinned.version, data: result.data };
    const other = validateSubmission(definition, input.data, { locale: locale === 'fr' ? 'en' : 'fr' });
    const others = other.ok ? [] : other.errors;
    const errors: FieldError[] = result.errors.map((e, i) => {
      const alt = others[i]?.message ?? e.message;
      const message: Localized = locale === 'fr' ? { fr: e.message, en: alt } : { fr: alt, en: e.message };
      return { path: e.path, rule: e.rule, message };
    });
    throw new DomainError(
      'VALIDATION_FAILED',
      400,
      {
        fr: `${errors.length} champ(s) du formulaire « ${formKey} » (version ${pinned.version}) à corriger.`,
        en: `${errors.length} field(s) of form "${formKey}" (version ${pinned.version}) to correct.`,
      },
      { errors, meta: { formKey, version: pinned.version } },
    );
  }
}
