import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { listEmails, listInbox } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, OPERATORS } from '../identity/access.decorator.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({
    summary: 'In-app notifications: vendors see their own vendor’s, operators all (filter by caseId, vendorId, eventType)',
  })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listInbox, query, { caller: callerOf(req), correlationId: correlationOf(req) });
  }

  @Get('emails')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'E-mail notifications and their status (sent, failed, not sent, recipient unknown)' })
  emails(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listEmails, query, { caller: callerOf(req), correlationId: correlationOf(req) });
  }
}
