import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { listRegistry } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { correlationOf } from '../http/caller.js';
import { Access } from '../identity/access.decorator.js';

// The public registry of labelled software versions (PROCESS.md Phase 2.6): no login; public data only.
@ApiTags('registry')
@Controller('registry')
export class RegistryController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  @Get()
  @Access('public')
  @ApiOperation({
    summary:
      'Labelled software versions (vendor, software, version, label date, attestation reference, status), newest first, with a cursor',
  })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listRegistry, query, { correlationId: correlationOf(req) });
  }
}
