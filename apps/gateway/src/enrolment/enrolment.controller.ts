import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { getEnrolment, listEnrolments, submitEnrolment } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, VENDOR } from '../identity/access.decorator.js';
import { IdentityService } from '../identity/identity.service.js';

@ApiTags('enrolment')
@Controller('enrolments')
export class EnrolmentController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(IdentityService) private readonly identity: IdentityService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit Form 1 (enrolment). Send an Idempotency-Key header to make retries safe.' })
  @ApiBody({ schema: z.toJSONSchema(submitEnrolment.request, { io: 'input', unrepresentable: 'any' }) as object })
  @Access(...VENDOR)
  async submit(@Body() body: Record<string, unknown>, @Req() req: Request) {
    const key = req.headers['idempotency-key'];
    const caller = callerOf(req);
    const result = await this.bus.request(
      submitEnrolment,
      { ...body, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) } as z.input<typeof submitEnrolment.request>,
      { caller, correlationId: correlationOf(req) },
    );
    // The user who enrols becomes the vendor's admin.
    if (caller) await this.identity.attachVendor(caller.userId, result.vendorId);
    return result;
  }

  @Get()
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'List enrolment cases, oldest first, with a cursor' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listEnrolments, query as z.input<typeof listEnrolments.request>, { caller: callerOf(req), correlationId: correlationOf(req) });
  }

  @Get(':id')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Read one enrolment case' })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.bus.request(getEnrolment, { enrolmentId: id }, { caller: callerOf(req), correlationId: correlationOf(req) });
  }
}
