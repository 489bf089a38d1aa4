import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  approveChangeRequest,
  getVendor,
  listChangeRequests,
  listVendorIdentityHistory,
  refuseChangeRequest,
  submitChangeRequest,
} from '@sons/contracts';
import { Bus } from '@sons/platform';
import { AuditRead } from '../audit/audit.decorator.js';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, VENDOR } from '../identity/access.decorator.js';
import { expectedVersionOf } from './send-file.js';

// The Industriel's identity (valid at a date, with its history) and its change requests (Eligibility 2).
@ApiTags('enrolment')
@Controller('vendors')
export class VendorsController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  @Get(':vendorId')
  @Access(...CASE_READERS)
  @AuditRead('iban')
  @ApiOperation({ summary: 'The vendor and its identity valid at ?at= (ISO date-time; default now)' })
  get(@Param('vendorId') vendorId: string, @Query('at') at: string | undefined, @Req() req: Request) {
    return this.bus.request(
      getVendor,
      { vendorId, ...(at ? { at } : {}) },
      { caller: callerOf(req), correlationId: correlationOf(req) },
    );
  }

  @Get(':vendorId/identity-history')
  @Access(...CASE_READERS)
  @AuditRead('iban')
  @ApiOperation({ summary: 'Every identity version of the vendor with its validity dates' })
  history(@Param('vendorId') vendorId: string, @Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(
      listVendorIdentityHistory,
      { ...query, vendorId },
      {
        caller: callerOf(req),
        correlationId: correlationOf(req),
      },
    );
  }

  @Post(':vendorId/change-requests')
  @HttpCode(201)
  @Access(...VENDOR)
  @ApiOperation({ summary: 'Vendor: ask to change identity data (changes + reason); an operator approves or refuses' })
  @ApiBody({ schema: z.toJSONSchema(submitChangeRequest.request, { io: 'input', unrepresentable: 'any' }) as object })
  requestChange(@Param('vendorId') vendorId: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.bus.request(submitChangeRequest, { ...(body ?? {}), vendorId } as z.input<typeof submitChangeRequest.request>, {
      caller: callerOf(req),
      correlationId: correlationOf(req),
    });
  }
}

@ApiTags('enrolment')
@Controller('change-requests')
export class ChangeRequestsController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  @Get()
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Change requests, oldest first (operators: all, ?vendorId= ?status=; vendors: their own)' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listChangeRequests, query, { caller: callerOf(req), correlationId: correlationOf(req) });
  }

  @Post(':changeRequestId/approve')
  @HttpCode(200)
  @Access('incert', 'aes')
  @ApiOperation({
    summary: 'INCERT or AeS: approve — a new identity version starts now, the previous one is kept with its dates',
  })
  approve(@Param('changeRequestId') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    const expectedVersion = expectedVersionOf(body ?? {}, req.headers['if-match']);
    return this.bus.request(
      approveChangeRequest,
      { ...(body ?? {}), changeRequestId: id, ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
      { caller: callerOf(req), correlationId: correlationOf(req) },
    );
  }

  @Post(':changeRequestId/refuse')
  @HttpCode(200)
  @Access('incert', 'aes')
  @ApiOperation({ summary: 'INCERT or AeS: refuse with a reason the vendor reads' })
  refuse(@Param('changeRequestId') id: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    const expectedVersion = expectedVersionOf(body ?? {}, req.headers['if-match']);
    return this.bus.request(
      refuseChangeRequest,
      { ...(body ?? {}), changeRequestId: id, ...(expectedVersion !== undefined ? { expectedVersion } : {}) } as z.input<
        typeof refuseChangeRequest.request
      >,
      { caller: callerOf(req), correlationId: correlationOf(req) },
    );
  }
}
