import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  DomainError,
  getConnection,
  listConnections,
  listLabels,
  recheckConnection,
  refuseConnection,
  requestConnectionPayment,
  seedCnsTransactions,
  startConnectionVerification,
  submitConnection,
  verifyConnection,
} from '@sons/contracts';
import { Bus, CONFIG, type BaseConfig } from '@sons/platform';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, VENDOR } from '../identity/access.decorator.js';

const versionOnly = z.object({ expectedVersion: z.number().int().positive().optional() }).passthrough();
const body = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

// Phase 3 connection requests (PROCESS.md Phase 3; contact point: connection and payment request → INCERT).
@ApiTags('connection')
@Controller('connections')
export class ConnectionController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {}

  private ctx(req: Request) {
    return { caller: callerOf(req), correlationId: correlationOf(req) };
  }

  @Post()
  @HttpCode(201)
  @Access(...VENDOR)
  @ApiOperation({
    summary:
      'Submit Form 4 with the signed delivery note (uploaded first: POST /api/attachments). Send an Idempotency-Key header to make retries safe.',
  })
  @ApiBody({ schema: z.toJSONSchema(submitConnection.request, { io: 'input', unrepresentable: 'any' }) as object })
  submit(@Body() raw: unknown, @Req() req: Request) {
    const key = req.headers['idempotency-key'];
    const data = body(raw).data ?? raw;
    return this.bus.request(
      submitConnection,
      { data: body(data), ...(typeof key === 'string' ? { idempotencyKey: key } : {}) },
      this.ctx(req),
    );
  }

  @Get()
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'List connection requests, oldest first, with a cursor (vendors: their own)' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listConnections, query, this.ctx(req));
  }

  @Get('labels')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Labelled software versions Form 4 may name (vendors: their own)' })
  labels(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listLabels, query, this.ctx(req));
  }

  // Development and demo data only: registers signed transactions in the local CNS registry simulator.
  @Post('cns-simulator/transactions')
  @HttpCode(201)
  @Access('incert', 'admin')
  @ApiOperation({ summary: 'CNS registry simulator (not in production): register signed test transactions' })
  seed(@Body() raw: unknown, @Req() req: Request) {
    if (this.config.NODE_ENV === 'production') {
      throw new DomainError('NOT_FOUND', 404, { fr: 'Cette route n’existe pas.', en: 'This route does not exist.' });
    }
    return this.bus.request(seedCnsTransactions, body(raw) as z.input<typeof seedCnsTransactions.request>, this.ctx(req));
  }

  @Get(':id')
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'Read one connection request with the circuit check of each provider' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    return this.bus.request(getConnection, { connectionId: id }, this.ctx(req));
  }

  @Post(':id/start-verification')
  @HttpCode(200)
  @Access('incert', 'admin')
  @ApiOperation({ summary: 'INCERT starts the verification: the circuit check runs for every provider' })
  start(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(startConnectionVerification, { ...versionOnly.parse(body(raw)), connectionId: id }, this.ctx(req));
  }

  @Post(':id/recheck')
  @HttpCode(200)
  @Access('incert', 'admin')
  @ApiOperation({ summary: 'INCERT runs the circuit check again for the providers that did not pass' })
  recheck(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(recheckConnection, { ...versionOnly.parse(body(raw)), connectionId: id }, this.ctx(req));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Access('incert', 'admin')
  @ApiOperation({ summary: 'INCERT confirms the connection (the providers that passed the circuit check)' })
  verify(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(
      verifyConnection,
      { ...(body(raw) as z.input<typeof verifyConnection.request>), connectionId: id },
      this.ctx(req),
    );
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Access('incert', 'admin')
  @ApiOperation({ summary: 'INCERT refuses the connection request with a reason' })
  refuse(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(
      refuseConnection,
      { ...(body(raw) as z.input<typeof refuseConnection.request>), connectionId: id },
      this.ctx(req),
    );
  }

  @Post(':id/payment-request')
  @HttpCode(200)
  @Access(...VENDOR, 'incert', 'admin')
  @ApiOperation({
    summary: 'Request payment for a verified connection (before the end of payment requests): billing issues the invoice',
  })
  requestPayment(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(requestConnectionPayment, { ...versionOnly.parse(body(raw)), connectionId: id }, this.ctx(req));
  }
}
