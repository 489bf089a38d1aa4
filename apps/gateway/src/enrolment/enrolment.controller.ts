import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  answerEnrolmentInformation,
  assignEnrolment,
  countersignNda,
  getEnrolment,
  getNdaFile,
  getTestAccess,
  grantTestAccess,
  listEnrolments,
  pickLocale,
  rejectEnrolment,
  requestEnrolmentInformation,
  shareDocumentation,
  submitEnrolment,
  submitForm2,
  validateEnrolment,
  type CommandDefinition,
} from '@sons/contracts';
import { ATTACHMENTS, Bus, type AttachmentStore } from '@sons/platform';
import { AuditRead } from '../audit/audit.decorator.js';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, VENDOR } from '../identity/access.decorator.js';
import { IdentityService } from '../identity/identity.service.js';
import { expectedVersionOf, sendAttachment } from './send-file.js';

const bodySchema = (command: CommandDefinition) =>
  z.toJSONSchema(command.request, { io: 'input', unrepresentable: 'any' }) as object;

// Phase 1 (PROCESS.md). Roles per the contact-point table: INCERT takes the case, asks for information, validates,
// grants test access; AeS countersigns the NDA; INCERT or AeS reject at a review step and share the documentation;
// read-only users read everything and change nothing. The enrolment service re-checks roles and ownership.
@ApiTags('enrolment')
@Controller('enrolments')
export class EnrolmentController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(ATTACHMENTS) private readonly files: AttachmentStore,
  ) {}

  private send<C extends CommandDefinition>(command: C, request: z.input<C['request']>, req: Request) {
    return this.bus.request(command, request, { caller: callerOf(req), correlationId: correlationOf(req) });
  }

  // A case action: the path's id, the body, and the version the caller saw (body expectedVersion or If-Match).
  private act<C extends CommandDefinition>(command: C, id: string, body: Record<string, unknown> | undefined, req: Request) {
    const input = { ...(body ?? {}), enrolmentId: id };
    const expectedVersion = expectedVersionOf(input, req.headers['if-match']);
    return this.send(
      command,
      { ...input, ...(expectedVersion !== undefined ? { expectedVersion } : {}) } as z.input<C['request']>,
      req,
    );
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Submit Form 1 (enrolment) with the signed NDA (ndaAttachmentId, uploaded with purpose "nda"). Send an Idempotency-Key header to make retries safe.',
  })
  @ApiBody({ schema: bodySchema(submitEnrolment) })
  @Access(...VENDOR)
  async submit(@Body() body: Record<string, unknown>, @Req() req: Request) {
    const key = req.headers['idempotency-key'];
    const caller = callerOf(req);
    const result = await this.bus.request(
      submitEnrolment,
      {
        locale: pickLocale(req.headers['accept-language']),
        ...body,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      } as z.input<typeof submitEnrolment.request>,
      { caller, correlationId: correlationOf(req) },
    );
    // The user who enrols becomes the vendor's admin.
    if (caller) await this.identity.attachVendor(caller.userId, result.vendorId);
    return result;
  }

  @Get()
  @Access(...CASE_READERS)
  @ApiOperation({
    summary:
      'List enrolment cases, oldest first, with a cursor; filter by status, olderThanDays, submittedFrom/To, assignee=me|none',
  })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.send(listEnrolments, query, req);
  }

  @Get(':id')
  @Access(...CASE_READERS)
  @ApiOperation({
    summary: 'Read one enrolment case: data, vendor, eligibility checklist, NDA, messages, contact point, allowed actions',
  })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.send(getEnrolment, { enrolmentId: id }, req);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT: assign the case to me (a submitted case moves to under review)' })
  assign(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(assignEnrolment, id, body, req);
  }

  @Post(':id/request-information')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT: ask the vendor for more information (message); the case waits for the answer' })
  @ApiBody({ schema: bodySchema(requestEnrolmentInformation) })
  requestInformation(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(requestEnrolmentInformation, id, body, req);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Access(...VENDOR)
  @ApiOperation({
    summary: 'Vendor: answer the information request (message, attachmentIds, a new ndaAttachmentId); back to review',
  })
  @ApiBody({ schema: bodySchema(answerEnrolmentInformation) })
  answer(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(answerEnrolmentInformation, id, body, req);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({ summary: 'INCERT: validate the enrolment (refused with the failing checks while an eligibility check fails)' })
  validate(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(validateEnrolment, id, body, req);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Access('incert', 'aes')
  @ApiOperation({ summary: 'INCERT or AeS: reject at a review step with a reason the vendor reads' })
  @ApiBody({ schema: bodySchema(rejectEnrolment) })
  reject(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(rejectEnrolment, id, body, req);
  }

  @Post(':id/nda/countersign')
  @HttpCode(200)
  @Access('aes')
  @ApiOperation({
    summary:
      'AeS: countersign the NDA — countersignedAttachmentId (uploaded with purpose "nda") or nothing to mark it countersigned',
  })
  countersign(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(countersignNda, id, body, req);
  }

  @Get(':id/nda/:which')
  @Access(...CASE_READERS)
  @AuditRead('nda')
  @ApiOperation({ summary: 'Download the NDA signed by the vendor (which=signed) or countersigned by AeS (which=countersigned)' })
  async nda(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('which') which: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const found = await this.send(getNdaFile, { enrolmentId: id, which: which as 'signed' | 'countersigned' }, req);
    await sendAttachment(this.files, res, found.attachmentId);
  }

  @Post(':id/share-documentation')
  @HttpCode(200)
  @Access('incert', 'aes')
  @ApiOperation({ summary: 'INCERT or AeS: share the countersigned NDA, Form 2 and the technical documentation with the vendor' })
  share(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(shareDocumentation, id, body, req);
  }

  @Post(':id/form2')
  @HttpCode(200)
  @Access(...VENDOR)
  @ApiOperation({
    summary:
      'Vendor: submit Form 2 (test environment access) — after the documentation was shared, never before the calendar date',
  })
  @ApiBody({ schema: bodySchema(submitForm2) })
  form2(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    // formVersion: the Form 2 definition version the vendor filled (the enrolment service validates against it).
    const formVersion = typeof body?.formVersion === 'number' ? { formVersion: body.formVersion } : {};
    return this.send(
      submitForm2,
      { enrolmentId: id, ...formVersion, data: (body?.data ?? body) as Record<string, unknown> },
      req,
    );
  }

  @Post(':id/test-access')
  @HttpCode(200)
  @Access('incert')
  @ApiOperation({
    summary: 'INCERT: record the test environment configuration and access details (encrypted at rest); Form 3 becomes available',
  })
  @ApiBody({ schema: bodySchema(grantTestAccess) })
  grant(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.act(grantTestAccess, id, body, req);
  }

  @Get(':id/test-access')
  @Access(...CASE_READERS)
  @AuditRead('test-access')
  @ApiOperation({ summary: 'The test environment access details recorded by INCERT (its vendor and operators)' })
  testAccess(@Param('id') id: string, @Req() req: Request) {
    return this.send(getTestAccess, { enrolmentId: id }, req);
  }
}
