import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { callerOf } from '../http/caller.js';
import { Access } from './access.decorator.js';
import { OrganisationService } from './organisation.service.js';
import { parseBody } from './parse.js';

const inviteSchema = z.object({ email: z.string().trim().email().max(320), locale: z.enum(['fr', 'en']).default('fr') });
const pageSchema = z.object({
  cursor: z.string().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// The vendor's own people: only its admin manages them; every query is scoped to the caller's vendorId.
@ApiTags('vendor organisation')
@Controller('vendor')
export class OrganisationController {
  constructor(@Inject(OrganisationService) private readonly organisation: OrganisationService) {}

  @Post('invitations')
  @HttpCode(201)
  @Access('vendor_admin')
  @ApiOperation({ summary: 'Invite a colleague by e-mail as a member of your organisation (link valid 7 days, once)' })
  invite(@Body() body: unknown, @Req() req: Request) {
    return this.organisation.invite(callerOf(req)!, parseBody(inviteSchema, body));
  }

  @Get('invitations')
  @Access('vendor_admin')
  @ApiOperation({ summary: 'Pending invitations of your organisation' })
  invitations(@Req() req: Request) {
    return this.organisation.listInvitations(callerOf(req)!);
  }

  @Post('invitations/:invitationId/revoke')
  @HttpCode(200)
  @Access('vendor_admin')
  @ApiOperation({ summary: 'Withdraw a pending invitation (its link stops working)' })
  revoke(@Param('invitationId', new ParseUUIDPipe()) invitationId: string, @Req() req: Request) {
    return this.organisation.revokeInvitation(callerOf(req)!, invitationId);
  }

  @Get('members')
  @Access('vendor_admin')
  @ApiOperation({ summary: 'The users of your organisation (admin and members), by e-mail, with a cursor' })
  members(@Query() query: unknown, @Req() req: Request) {
    return this.organisation.listMembers(callerOf(req)!, parseBody(pageSchema, query));
  }

  @Post('members/:userId/deactivate')
  @HttpCode(200)
  @Access('vendor_admin')
  @ApiOperation({ summary: 'Deactivate a member of your organisation: its sessions end and it can no longer sign in' })
  deactivate(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() req: Request) {
    return this.organisation.deactivateMember(callerOf(req)!, userId);
  }
}
