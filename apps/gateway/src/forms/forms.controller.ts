import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainError, pickLocale, type Caller } from '@sons/contracts';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, OPERATORS, VENDOR } from '../identity/access.decorator.js';
import { parseBody } from '../identity/parse.js';
import { FormsService } from './forms.service.js';

const formKey = z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/, 'a form key such as form1');
const version = z.coerce.number().int().positive().max(1_000_000);
const jsonObject = z.record(z.string(), z.unknown());
const i18n = z.object({ en: z.record(z.string(), z.string()) }).nullable();
const title = z.object({ fr: z.string().max(300), en: z.string().max(300) }).nullable();
const changeNote = z.string().trim().max(2000).nullable();
const definitionBody = z.object({
  schema: jsonObject.optional(),
  i18n: i18n.optional(),
  title: title.optional(),
  changeNote: changeNote.optional(),
});
const publishBody = z.object({ version: version.optional() });
const importBody = z.object({
  format: z.literal('sons-form-definition/1').optional(),
  formKey: formKey.optional(),
  schema: jsonObject,
  i18n: i18n.optional(),
  title: title.optional(),
  changeNote: changeNote.optional(),
});
const submissionBody = z.object({ version: version.optional(), data: jsonObject });
const validateBody = z.object({ version, data: jsonObject });

const keyOf = (value: string) => parseBody(z.object({ key: formKey }), { key: value }).key;
const versionOf = (value: string) => parseBody(z.object({ version }), { version: value }).version;
const mustCaller = (req: Request): Caller => {
  const caller = callerOf(req);
  if (!caller) throw new DomainError('UNAUTHENTICATED', 401, { fr: 'Connectez-vous.', en: 'Sign in.' });
  return caller;
};
const isOperatorCaller = (caller: Caller) => caller.roles.some((r) => (OPERATORS as string[]).includes(r));

// Form definitions as versioned data (issue 3): admins edit and publish, operators read, every signed-in user gets
// the published schema for the renderer; vendors save drafts pinned to a version and validate them on the server.
@ApiTags('forms')
@Controller('forms')
export class FormsController {
  constructor(@Inject(FormsService) private readonly forms: FormsService) {}

  @Get()
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Every form key with its published and draft versions' })
  list() {
    return this.forms.list();
  }

  @Get(':key')
  @Access('authenticated')
  @ApiOperation({ summary: 'The published schema of a form key for the renderer (schema, version, i18n, title)' })
  getPublished(@Param('key') key: string) {
    return this.forms.published(keyOf(key));
  }

  @Get(':key/published')
  @Access('authenticated')
  @ApiOperation({ summary: 'The published schema of a form key for the renderer (same answer as GET /api/forms/{key})' })
  published(@Param('key') key: string) {
    return this.forms.published(keyOf(key));
  }

  @Get(':key/versions')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Every version of a form key (draft, published, superseded, retired), without schemas' })
  versions(@Param('key') key: string) {
    return this.forms.listVersions(keyOf(key));
  }

  @Get(':key/versions/:version')
  @Access('authenticated')
  @ApiOperation({
    summary: 'One version with its schema (drafts: operators only); a draft pinned to an old version renders with it',
  })
  version(@Param('key') key: string, @Param('version') v: string, @Req() req: Request) {
    return this.forms.getVersion(keyOf(key), versionOf(v), isOperatorCaller(mustCaller(req)));
  }

  @Post(':key/drafts')
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({
    summary: 'Create the draft of a form key from its published version (or from the schema given); the schema is linted',
  })
  createDraft(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.forms.createDraft(keyOf(key), parseBody(definitionBody, body), mustCaller(req));
  }

  @Put(':key/draft')
  @Access('admin')
  @ApiOperation({
    summary:
      'Update the draft (schema, i18n, title, change note): JavaScript, unknown component types, duplicated keys → 400 with paths',
  })
  updateDraft(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.forms.updateDraft(keyOf(key), undefined, parseBody(definitionBody, body), mustCaller(req));
  }

  @Get(':key/diff')
  @Access(...OPERATORS)
  @ApiOperation({
    summary:
      'Diff of the draft (or ?version=N) against the published version: added, removed, renamed keys, changed validation, breaking changes per service',
  })
  diff(@Param('key') key: string, @Query('version') v?: string) {
    return this.forms.diff(keyOf(key), v === undefined ? undefined : versionOf(v));
  }

  @Post(':key/publish')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({
    summary:
      'Publish the draft (admin): refused with 409 when it removes, renames or retypes a key a service reads; reaches every process within seconds',
  })
  publish(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.forms.publish(keyOf(key), parseBody(publishBody, body).version, mustCaller(req), correlationOf(req));
  }

  @Post(':key/versions/:version/retire')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Retire a superseded version: submissions pinned to it answer 409 with the version to use' })
  retire(@Param('key') key: string, @Param('version') v: string, @Req() req: Request) {
    return this.forms.retire(keyOf(key), versionOf(v), mustCaller(req), correlationOf(req));
  }

  @Get(':key/export')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Export the published version (or ?version=N) as a JSON document to import elsewhere' })
  export(@Param('key') key: string, @Query('version') v?: string) {
    return this.forms.export(keyOf(key), v === undefined ? undefined : versionOf(v));
  }

  @Post(':key/import')
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({ summary: 'Import an exported definition as the draft of this form key (linted like a draft save)' })
  import(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    const k = keyOf(key);
    const doc = parseBody(importBody, body);
    if (doc.formKey && doc.formKey !== k)
      throw new DomainError('FORM_KEY_MISMATCH', 400, {
        fr: `Ce fichier définit le formulaire « ${doc.formKey} », pas « ${k} » : importez-le sous « ${doc.formKey} ».`,
        en: `This file defines form "${doc.formKey}", not "${k}": import it under "${doc.formKey}".`,
      });
    return this.forms.import(k, doc, mustCaller(req));
  }

  @Get(':key/drafts/current')
  @Access(...VENDOR)
  @ApiOperation({ summary: 'The vendor’s saved draft of this form, with the version it is pinned to' })
  currentDraft(@Param('key') key: string, @Req() req: Request) {
    return this.forms.currentDraft(keyOf(key), mustCaller(req));
  }

  @Put(':key/drafts/current')
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Save the vendor’s draft ({ version?, data }); it stays pinned to the version it was begun on' })
  saveDraft(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.forms.saveDraft(keyOf(key), parseBody(submissionBody, body), mustCaller(req));
  }

  @Delete(':key/drafts/current')
  @HttpCode(204)
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Discard the vendor’s draft (after submitting the form, or to start again); no draft → 204 as well' })
  async discardDraft(@Param('key') key: string, @Req() req: Request): Promise<void> {
    await this.forms.discardDraft(keyOf(key), mustCaller(req));
  }

  @Post(':key/validate')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({
    summary:
      'Validate { version, data } against that version: 400 with per-field errors (FR/EN); a retired or unknown version → 409 with the version to use',
  })
  validate(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.forms.validate(keyOf(key), parseBody(validateBody, body), pickLocale(req.headers['accept-language']));
  }
}
