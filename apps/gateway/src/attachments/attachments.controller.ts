import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, isOperator } from '@sons/contracts';
import { ATTACHMENTS, type AttachmentStore } from '@sons/platform';
import { callerOf } from '../http/caller.js';
import { Access, CASE_READERS } from '../identity/access.decorator.js';

const notFound = () => new DomainError('ATTACHMENT_NOT_FOUND', 404, { fr: 'Fichier introuvable.', en: 'File not found.' });

@ApiTags('attachments')
@Controller('attachments')
export class AttachmentsController {
  constructor(@Inject(ATTACHMENTS) private readonly store: AttachmentStore) {}

  @Post()
  @HttpCode(201)
  @Access(...CASE_READERS)
  @ApiConsumes('application/octet-stream')
  @ApiOperation({
    summary:
      'Upload a file (raw body; X-File-Name and X-Purpose headers). Type sniffed from content; write-once; returns id and SHA-256.',
  })
  async upload(@Req() req: Request) {
    const caller = callerOf(req);
    if (!caller) throw notFound();
    if (caller.roles.includes('readonly') && caller.roles.length === 1) {
      throw new DomainError('FORBIDDEN', 403, {
        fr: 'Le rôle lecture seule ne peut pas déposer de fichier.',
        en: 'The read-only role cannot upload files.',
      });
    }
    const body = req.body as unknown;
    const data = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
    const rawName = req.headers['x-file-name'];
    const fileName = typeof rawName === 'string' ? decodeURIComponent(rawName) : 'file';
    const purpose = typeof req.headers['x-purpose'] === 'string' ? req.headers['x-purpose'].slice(0, 50) : 'other';
    return this.store.put({
      data,
      fileName,
      vendorId: isOperator(caller) ? null : (caller.vendorId ?? null),
      uploadedBy: caller.userId,
      purpose,
    });
  }

  @Get(':id')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Metadata of a file (its vendor and operators only)' })
  async info(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    const meta = await this.store.info(id);
    const caller = callerOf(req);
    if (!meta || !caller || (!isOperator(caller) && meta.vendorId !== caller.vendorId)) throw notFound();
    return meta;
  }

  @Get(':id/content')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Download a file (its vendor and operators only)' })
  async content(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res() res: Response) {
    const caller = callerOf(req);
    const meta = await this.store.info(id);
    if (!meta || !caller || (!isOperator(caller) && meta.vendorId !== caller.vendorId)) throw notFound();
    const file = await this.store.get(id);
    if (!file) throw notFound();
    res
      .status(200)
      .type(file.meta.contentType)
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.fileName)}`)
      .setHeader('X-Content-SHA256', file.meta.sha256)
      .send(Buffer.from(file.data));
  }
}
