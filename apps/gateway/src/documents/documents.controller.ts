import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  DomainError,
  TEMPLATE_KEYS,
  createTemplateDraft,
  getDocument,
  getDocumentTemplate,
  listDocumentTemplates,
  previewTemplate,
  publishTemplate,
  retireTemplate,
  updateTemplateDraft,
  verifyDocument,
  withdrawDocument,
} from '@sons/contracts';
import { ATTACHMENTS, Bus, type AttachmentStore } from '@sons/platform';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, OPERATORS } from '../identity/access.decorator.js';
import { parseBody } from '../identity/parse.js';

const keyParam = z.enum(TEMPLATE_KEYS);
const versionParam = z.coerce.number().int().positive();
const objectBody = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

// Document templates (versioned data): operators read; only an administrator edits, previews, publishes, retires.
// Registered before DocumentsController so /documents/templates is never taken for a document id.
@ApiTags('documents')
@Controller('documents/templates')
export class DocumentTemplatesController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  private ctx(req: Request) {
    return { caller: callerOf(req), correlationId: correlationOf(req) };
  }

  @Get()
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Every document template with its versions (published, draft, retired)' })
  list(@Req() req: Request) {
    return this.bus.request(listDocumentTemplates, {}, this.ctx(req));
  }

  @Get(':key')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'The published version of a template with its sources, schema and sample data' })
  published(@Param('key') key: string, @Req() req: Request) {
    return this.bus.request(getDocumentTemplate, { key: parseBody(keyParam, key) }, this.ctx(req));
  }

  @Get(':key/versions/:version')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'One version of a template' })
  version(@Param('key') key: string, @Param('version') version: string, @Req() req: Request) {
    return this.bus.request(
      getDocumentTemplate,
      { key: parseBody(keyParam, key), version: parseBody(versionParam, version) },
      this.ctx(req),
    );
  }

  @Post(':key/drafts')
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({ summary: 'Start a draft from the published version (one draft per template)' })
  createDraft(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.bus.request(createTemplateDraft, { ...objectBody(body), key: parseBody(keyParam, key) }, this.ctx(req));
  }

  @Put(':key/versions/:version')
  @Access('admin')
  @ApiOperation({
    summary: 'Change a draft (sources, CSS, schema, sample, messages); refused with the error when a source breaks the rules',
  })
  updateDraft(@Param('key') key: string, @Param('version') version: string, @Body() body: unknown, @Req() req: Request) {
    return this.bus.request(
      updateTemplateDraft,
      { ...objectBody(body), key: parseBody(keyParam, key), version: parseBody(versionParam, version) },
      this.ctx(req),
    );
  }

  @Post(':key/versions/:version/preview')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({
    summary:
      'Render a version on its sample data (or the given data); the PDF is an operators-only attachment (GET /api/attachments/:id/content)',
  })
  preview(@Param('key') key: string, @Param('version') version: string, @Body() body: unknown, @Req() req: Request) {
    return this.bus.request(
      previewTemplate,
      { ...objectBody(body), key: parseBody(keyParam, key), version: parseBody(versionParam, version) },
      { ...this.ctx(req), timeoutMs: 60_000 },
    );
  }

  @Post(':key/versions/:version/publish')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Publish a draft: new renders use it; the previously published version is retired' })
  publish(@Param('key') key: string, @Param('version') version: string, @Req() req: Request) {
    return this.bus.request(
      publishTemplate,
      { key: parseBody(keyParam, key), version: parseBody(versionParam, version) },
      this.ctx(req),
    );
  }

  @Post(':key/versions/:version/retire')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Retire a version (abandon a draft, or stop using a published version)' })
  retire(@Param('key') key: string, @Param('version') version: string, @Req() req: Request) {
    return this.bus.request(
      retireTemplate,
      { key: parseBody(keyParam, key), version: parseBody(versionParam, version) },
      this.ctx(req),
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOrReference = (value: string) => (UUID.test(value) ? { documentId: value } : { reference: value.slice(0, 100) });

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ATTACHMENTS) private readonly store: AttachmentStore,
  ) {}

  private ctx(req: Request) {
    return { caller: callerOf(req), correlationId: correlationOf(req) };
  }

  // Kept for the web's verification page; same answer as GET /api/verify/:reference.
  @Get('verify/:reference')
  @Access('public')
  @ApiOperation({ summary: 'Public verification of a document by reference (status, title, issue date, SHA-256)' })
  verify(@Param('reference') reference: string, @Req() req: Request) {
    return this.bus.request(verifyDocument, { reference }, { correlationId: correlationOf(req) });
  }

  @Get(':id')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'A rendered document by id or reference (vendors: their own only)' })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.bus.request(getDocument, idOrReference(id), this.ctx(req));
  }

  @Get(':id/content')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Download a rendered document’s PDF (vendors: their own only)' })
  async content(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const document = await this.bus.request(getDocument, idOrReference(id), this.ctx(req));
    const file = await this.store.get(document.attachmentId);
    if (!file) throw new DomainError('FILE_NOT_FOUND', 404, { fr: 'Fichier introuvable.', en: 'File not found.' });
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${document.reference}.pdf`)}`)
      .setHeader('X-Content-SHA256', file.meta.sha256)
      .send(Buffer.from(file.data));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access('aes', 'admin')
  @ApiOperation({ summary: 'Withdraw a document (its verification page then says withdrawn)' })
  withdraw(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    return this.bus.request(
      withdrawDocument,
      { ...objectBody(body), documentId: id } as z.input<typeof withdrawDocument.request>,
      this.ctx(req),
    );
  }
}
