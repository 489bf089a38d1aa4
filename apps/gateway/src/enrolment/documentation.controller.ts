import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { downloadDocumentation, listDocumentation, listDocumentationDownloads, publishDocumentation } from '@sons/contracts';
import { ATTACHMENTS, Bus, type AttachmentStore } from '@sons/platform';
import { AuditRead } from '../audit/audit.decorator.js';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, OPERATORS } from '../identity/access.decorator.js';
import { sendAttachment } from './send-file.js';

// Technical documentation, confidential under the NDA: the enrolment service decides who may download and logs every
// download; the gateway then streams the file (documentation files belong to no vendor, so the generic attachment
// route never serves them to a vendor).
@ApiTags('enrolment')
@Controller('documentation')
export class DocumentationController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ATTACHMENTS) private readonly files: AttachmentStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('incert', 'aes')
  @ApiOperation({
    summary:
      'INCERT or AeS: publish a documentation version (versionLabel, title, attachmentIds uploaded with purpose "documentation")',
  })
  @ApiBody({ schema: z.toJSONSchema(publishDocumentation.request, { io: 'input', unrepresentable: 'any' }) as object })
  publish(@Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.bus.request(publishDocumentation, (body ?? {}) as z.input<typeof publishDocumentation.request>, {
      caller: callerOf(req),
      correlationId: correlationOf(req),
    });
  }

  @Get()
  @Access(...CASE_READERS)
  @ApiOperation({
    summary: 'Documentation versions, newest first (vendors: once their NDA is countersigned and the documentation shared)',
  })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listDocumentation, query, { caller: callerOf(req), correlationId: correlationOf(req) });
  }

  @Get('downloads')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Operators: the download log (who, which file, when), newest first; ?vendorId= ?documentationSetId=' })
  downloads(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listDocumentationDownloads, query, {
      caller: callerOf(req),
      correlationId: correlationOf(req),
    });
  }

  @Get(':documentationSetId/files/:attachmentId')
  @Access(...CASE_READERS)
  @AuditRead('technical-documentation')
  @ApiOperation({ summary: 'Download one documentation file (checked and logged by the enrolment service)' })
  async download(
    @Param('documentationSetId', new ParseUUIDPipe()) documentationSetId: string,
    @Param('attachmentId') attachmentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const allowed = await this.bus.request(
      downloadDocumentation,
      { documentationSetId, attachmentId },
      { caller: callerOf(req), correlationId: correlationOf(req) },
    );
    await sendAttachment(this.files, res, allowed.attachmentId);
  }
}
