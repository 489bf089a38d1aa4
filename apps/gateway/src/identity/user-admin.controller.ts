import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { OPERATOR_ROLES, ROLES } from '@sons/contracts';
import { auditNote } from '../audit/audit.decorator.js';
import { callerOf } from '../http/caller.js';
import { Access } from './access.decorator.js';
import { parseBody } from './parse.js';
import { UserAdminService } from './user-admin.service.js';

const operatorRoles = z.array(z.enum(OPERATOR_ROLES)).min(1).max(OPERATOR_ROLES.length);
const createSchema = z.object({
  email: z.string().trim().email().max(320),
  displayName: z.string().trim().min(1).max(200),
  roles: operatorRoles,
  locale: z.enum(['fr', 'en']).default('fr'),
});
const listSchema = z.object({
  role: z.enum(ROLES).optional(),
  vendorId: z.string().uuid().optional(),
  cursor: z.string().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// Platform admin (PROCESS.md, Actors: "users, roles"): operator accounts for INCERT, AeS, CNS/CISS and admins.
@ApiTags('admin: users')
@Controller('admin/users')
export class UserAdminController {
  constructor(@Inject(UserAdminService) private readonly users: UserAdminService) {}

  @Post()
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({
    summary: 'Create an operator account (incert, aes, readonly, admin); its owner receives a one-time link to choose a password',
  })
  async create(@Body() body: unknown, @Req() req: Request) {
    const created = await this.users.createOperator(callerOf(req), parseBody(createSchema, body));
    auditNote(req, {
      caseId: created.user.id,
      changes: { before: null, after: { email: created.user.email, roles: created.user.roles, active: true } },
    });
    return created;
  }

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Every account (operators and vendor users), by e-mail, with a cursor; filter by role or vendorId' })
  list(@Query() query: unknown) {
    return this.users.list(parseBody(listSchema, query));
  }

  @Get(':userId')
  @Access('admin')
  @ApiOperation({ summary: 'One account' })
  get(@Param('userId', new ParseUUIDPipe()) userId: string) {
    return this.users.get(userId);
  }

  @Put(':userId/roles')
  @Access('admin')
  @ApiOperation({ summary: 'Replace an operator’s roles (its other sessions end); the last active admin keeps the admin role' })
  setRoles(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: unknown, @Req() req: Request) {
    return this.users.setRoles(callerOf(req)!, userId, parseBody(z.object({ roles: operatorRoles }), body).roles);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Deactivate an account (operator or vendor user): its sessions end and it can no longer sign in' })
  deactivate(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() req: Request) {
    return this.users.setActive(callerOf(req)!, userId, false);
  }

  @Post(':userId/activate')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Reactivate an account (also lifts a sign-in lockout)' })
  activate(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() req: Request) {
    return this.users.setActive(callerOf(req)!, userId, true);
  }

  @Post(':userId/totp/reset')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Turn off an account’s second factor (lost device); the user enrols again' })
  resetTotp(@Param('userId', new ParseUUIDPipe()) userId: string) {
    return this.users.resetTotp(userId);
  }
}
