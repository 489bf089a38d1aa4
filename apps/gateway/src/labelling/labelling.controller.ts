import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  DomainError,
  addLabellingEvidence,
  answerComplement,
  confirmAgreement,
  createLabellingRequest,
  declareVersion,
  failLabellingTests,
  flagEvidenceIncomplete,
  getCurrentRecl,
  getLabellingAccess,
  getLabellingFile,
  getLabellingRequest,
  listLabellingQueue,
  listLabellingRequests,
  listQueueDecisions,
  listSoftware,
  passLabellingTests,
  publishRecl,
  requestComplement,
  resumeLabellingReview,
  sendAgreement,
  signAgreement,
  submitLabellingRequest,
  takeLabellingRequest,
  takeNextLabellingRequest,
  updateLabellingDraft,
  withdrawLabel,
  type CommandDefinition,
} from '@sons/contracts';
import { ATTACHMENTS, Bus, type AttachmentStore } from '@sons/platform';
import { AuditRead } from '../audit/audit.decorator.js';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, OPERATORS, VENDOR } from '../identity/access.decorator.js';

const schemaOf = (command: CommandDefinition) =>
  z.toJSONSchema(command.request, { io: 'input', unrepresentable: 'any' }) as object;
const bodyOf = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

// Phase 2 — labelling (PROCESS.md). Contact points: the vendor fills Form 3, adds evidence, answers complements and
// returns the signed agreement; INCERT reviews the tests (queue, complements, verdict); AeS sends the agreement and
// issues the label; read-only operators read. Ownership is checked by the labelling service.
@ApiTags('labelling')
@Controller('labelling')
export class LabellingController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ATTACHMENTS) private readonly store: AttachmentStore,
  ) {}

  private send<C extends CommandDefinition>(command: C, body: z.input<C['request']>, req: Request) {
    return this.bus.request(command, body, { caller: callerOf(req), correlationId: correlationOf(req), timeoutMs: 90_000 });
  }

  @Get('access')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Whether Form 3 is available to my vendor (test access granted) and until when' })
  access(@Req() req: Request) {
    return this.send(getLabellingAccess, {}, req);
  }

  // --- requests ------------------------------------------------------------------------------------------------
  @Post('requests')
  @HttpCode(201)
  @Access(...VENDOR)
  @ApiOperation({
    summary:
      'Form 3: a labelling request for one software version (draft, or submit: true). Idempotency-Key header makes retries safe.',
  })
  @ApiBody({ schema: schemaOf(createLabellingRequest) })
  create(@Body() body: unknown, @Req() req: Request) {
    const key = req.headers['idempotency-key'];
    return this.send(
      createLabellingRequest,
      { ...bodyOf(body), ...(typeof key === 'string' ? { idempotencyKey: key } : {}) } as z.input<
        typeof createLabellingRequest.request
      >,
      req,
    );
  }

  @Get('requests')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Labelling requests, oldest first, with a cursor (vendors: their own)' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.send(listLabellingRequests, query, req);
  }

  @Get('requests/:id')
  @Access(...CASE_READERS)
  @AuditRead('evidence')
  @ApiOperation({ summary: 'One labelling request: evidence of every iteration, messages, documents, queue position' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    return this.send(getLabellingRequest, { labelRequestId: id }, req);
  }

  @Get('requests/:id/files/:attachmentId')
  @Access(...CASE_READERS)
  @AuditRead('evidence')
  @ApiOperation({ summary: 'Download a file of the request (evidence, complement file, agreement, attestation)' })
  async file(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const allowed = await this.send(getLabellingFile, { labelRequestId: id, attachmentId }, req);
    const file = await this.store.get(allowed.attachmentId);
    if (!file) throw new DomainError('ATTACHMENT_NOT_FOUND', 404, { fr: 'Fichier introuvable.', en: 'File not found.' });
    res
      .status(200)
      .type(file.meta.contentType)
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.fileName)}`)
      .setHeader('X-Content-SHA256', file.meta.sha256)
      .send(Buffer.from(file.data));
  }

  @Put('requests/:id')
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Change a Form 3 draft' })
  @ApiBody({ schema: schemaOf(updateLabellingDraft) })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(
      updateLabellingDraft,
      { ...bodyOf(body), labelRequestId: id } as z.input<typeof updateLabellingDraft.request>,
      req,
    );
  }

  @Post('requests/:id/submit')
  @HttpCode(200)
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Submit Form 3 (a draft, or new evidence after failed tests: a new iteration)' })
  submit(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(submitLabellingRequest, { ...bodyOf(body), labelRequestId: id }, req);
  }

  @Post('requests/:id/evidence')
  @HttpCode(200)
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Add evidence to an incomplete request; once complete it enters the queue' })
  addEvidence(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(
      addLabellingEvidence,
      { ...bodyOf(body), labelRequestId: id } as z.input<typeof addLabellingEvidence.request>,
      req,
    );
  }

  @Post('requests/:id/complement-answer')
  @HttpCode(200)
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Answer INCERT’s complement request (text and files), before the complement deadline' })
  answer(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(answerComplement, { ...bodyOf(body), labelRequestId: id } as z.input<typeof answerComplement.request>, req);
  }

  @Post('requests/:id/agreement/sign')
  @HttpCode(200)
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Return the signed service agreement (attachment id)' })
  sign(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(signAgreement, { ...bodyOf(body), labelRequestId: id } as z.input<typeof signAgreement.request>, req);
  }

  // --- INCERT: queue and review --------------------------------------------------------------------------------
  @Get('queue')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'The FIFO review queue (vendors: their own requests with their positions)' })
  queue(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.send(listLabellingQueue, query, req);
  }

  @Post('queue/next')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT takes the head of the queue (two operators at once get two different requests)' })
  next(@Req() req: Request) {
    return this.send(takeNextLabellingRequest, {}, req);
  }

  @Get('queue/decisions')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Recorded out-of-order picks with their reasons' })
  decisions(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.send(listQueueDecisions, query, req);
  }

  @Post('requests/:id/take')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT takes a given queued request (not the head: a reason is required and recorded)' })
  take(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(takeLabellingRequest, { ...bodyOf(body), labelRequestId: id }, req);
  }

  @Post('requests/:id/flag-incomplete')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT finds the evidence incomplete: the request leaves the queue until completed' })
  flagIncomplete(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(
      flagEvidenceIncomplete,
      { ...bodyOf(body), labelRequestId: id } as z.input<typeof flagEvidenceIncomplete.request>,
      req,
    );
  }

  @Post('requests/:id/complement-request')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT asks for complements (message, optional RECL checklist), before the complement deadline' })
  complement(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(
      requestComplement,
      { ...bodyOf(body), labelRequestId: id } as z.input<typeof requestComplement.request>,
      req,
    );
  }

  @Post('requests/:id/resume')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT resumes the review after a complement answer' })
  resume(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(resumeLabellingReview, { ...bodyOf(body), labelRequestId: id }, req);
  }

  @Post('requests/:id/fail')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT sends the results: tests failed (the vendor may submit a new iteration)' })
  fail(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(
      failLabellingTests,
      { ...bodyOf(body), labelRequestId: id } as z.input<typeof failLabellingTests.request>,
      req,
    );
  }

  @Post('requests/:id/pass')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT records that the tests passed: attestation de réussite des tests issued, Form 4 available' })
  pass(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(passLabellingTests, { ...bodyOf(body), labelRequestId: id }, req);
  }

  // --- AeS: agreement and label ---------------------------------------------------------------------------------
  @Post('requests/:id/agreement/send')
  @HttpCode(200)
  @Access('aes')
  @ApiOperation({ summary: 'AeS sends the service agreement (generated, or attachmentId of an uploaded file)' })
  sendAgreement(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(sendAgreement, { ...bodyOf(body), labelRequestId: id }, req);
  }

  @Post('requests/:id/agreement/confirm')
  @HttpCode(200)
  @Access('aes')
  @ApiOperation({ summary: 'AeS confirms the signed agreement: attestation de labélisation issued, label published' })
  confirm(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(confirmAgreement, { ...bodyOf(body), labelRequestId: id }, req);
  }

  @Post('labels/:labelId/withdraw')
  @HttpCode(200)
  @Access('aes')
  @ApiOperation({ summary: 'AeS withdraws a label with a reason (the registry shows it as withdrawn)' })
  withdraw(@Param('labelId', new ParseUUIDPipe()) labelId: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(withdrawLabel, { ...bodyOf(body), labelId } as z.input<typeof withdrawLabel.request>, req);
  }

  // --- software, versions, RECL ---------------------------------------------------------------------------------
  @Get('software')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Software and versions with their label status (vendors: their own)' })
  software(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.send(listSoftware, query, req);
  }

  @Post('software/:softwareId/versions')
  @HttpCode(201)
  @Access(...VENDOR)
  @ApiOperation({
    summary: 'Declare a new version: minor (label extended, no new incentive) or major (new labelling request required)',
  })
  declare(@Param('softwareId', new ParseUUIDPipe()) softwareId: string, @Body() body: unknown, @Req() req: Request) {
    return this.send(declareVersion, { ...bodyOf(body), softwareId } as z.input<typeof declareVersion.request>, req);
  }

  @Get('recl')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'The current RECL and its requirements (the checklist of Form 3 evidence)' })
  recl(@Req() req: Request) {
    return this.send(getCurrentRecl, {}, req);
  }

  @Post('recl')
  @HttpCode(201)
  @Access('incert', 'aes')
  @ApiOperation({ summary: 'Publish a new RECL / technical documentation version: every label is flagged « retest required »' })
  publishRecl(@Body() body: unknown, @Req() req: Request) {
    return this.send(publishRecl, bodyOf(body) as z.input<typeof publishRecl.request>, req);
  }
}
