import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CONFIG } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import { auditNote } from '../audit/audit.decorator.js';
import { callerOf } from '../http/caller.js';
import { Access, OPERATORS } from './access.decorator.js';
import { cookieOf } from './access.guard.js';
import { IdentityService, SESSION_COOKIE, toPublicUser, type OpenedSession } from './identity.service.js';
import { OrganisationService } from './organisation.service.js';
import { parseBody } from './parse.js';
import { TotpService } from './totp.service.js';

export { parseBody } from './parse.js';

const email = z.string().trim().email().max(320);
const newPassword = z.string().min(12, 'at least 12 characters').max(200);
const loginSchema = z.object({ email, password: z.string().min(1).max(200) });
const registerSchema = z.object({
  email,
  password: newPassword,
  displayName: z.string().trim().min(1).max(200),
  locale: z.enum(['fr', 'en']).default('fr'),
});
const totpLoginSchema = z.object({
  challenge: z.string().min(20).max(100),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '6 digits'),
});
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '6 digits'),
});
const resetRequestSchema = z.object({ email });
const resetConfirmSchema = z.object({ token: z.string().min(20).max(100), password: newPassword });
const acceptSchema = z.object({
  token: z.string().min(20).max(100),
  password: newPassword,
  displayName: z.string().trim().min(1).max(200),
  locale: z.enum(['fr', 'en']).default('fr'),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(OrganisationService) private readonly organisation: OrganisationService,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private startSession(req: Request, res: Response, opened: OpenedSession) {
    res.cookie(SESSION_COOKIE, opened.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.PUBLIC_BASE_URL.startsWith('https://'),
      path: '/',
      maxAge: 8 * 3600 * 1000,
    });
    auditNote(req, { actor: this.identity.callerOf(opened.user, req.ip) });
    return { user: toPublicUser(opened.user), csrfToken: opened.csrfToken };
  }

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary:
      'Sign in with e-mail and password. Sets the session cookie and returns the CSRF token — or, when the account has a second factor, answers { totpRequired: true, challenge } to complete with POST /api/auth/login/totp',
  })
  async login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseBody(loginSchema, body);
    auditNote(req, { details: { email: input.email.toLowerCase() } });
    const result = await this.identity.login(input.email, input.password, req.ip);
    if (result.kind === 'totp') {
      auditNote(req, { details: { totpRequired: true } });
      return { totpRequired: true, challenge: result.challenge };
    }
    return this.startSession(req, res, result);
  }

  @Post('login/totp')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary: 'Second step of sign-in: the challenge from /api/auth/login and the 6-digit code of the authenticator app',
  })
  async loginTotp(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseBody(totpLoginSchema, body);
    return this.startSession(req, res, await this.totp.completeLogin(input.challenge, input.code, req.ip));
  }

  @Post('register')
  @HttpCode(201)
  @Access('public')
  @ApiOperation({ summary: 'Create a vendor account; the user who enrols becomes the vendor admin' })
  async register(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseBody(registerSchema, body);
    const user = await this.identity.createUser({ ...input, roles: ['vendor_admin'] });
    return this.startSession(req, res, await this.identity.openSession(user.id, req.ip));
  }

  @Post('logout')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ summary: 'End the session' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = cookieOf(req, SESSION_COOKIE);
    if (token) await this.identity.logout(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Access('public')
  @ApiOperation({ summary: 'The signed-in user (null when anonymous) and the CSRF token for unsafe requests' })
  async me(@Req() req: Request & { csrfToken?: string }) {
    const token = cookieOf(req, SESSION_COOKIE);
    const resolved = token ? await this.identity.resolve(token) : null;
    return resolved
      ? { user: toPublicUser(resolved.user), csrfToken: resolved.session.csrfToken }
      : { user: null, csrfToken: null };
  }

  @Post('password-reset/request')
  @HttpCode(202)
  @Access('public')
  @ApiOperation({ summary: 'E-mail a one-time password reset link to the account (same answer whether or not it exists)' })
  async requestReset(@Body() body: unknown, @Req() req: Request) {
    const input = parseBody(resetRequestSchema, body);
    const { userId } = await this.identity.requestPasswordReset(input.email);
    auditNote(req, {
      details: { email: input.email.toLowerCase(), accountFound: userId !== null },
      ...(userId ? { caseId: userId } : {}),
    });
    return { sent: true, expiresInMinutes: this.config.PASSWORD_RESET_TTL_MINUTES };
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Access('public')
  @ApiOperation({
    summary:
      'Set a new password with the e-mailed token (also the first-password link of new operator accounts); ends every session of the account',
  })
  async confirmReset(@Body() body: unknown, @Req() req: Request) {
    const input = parseBody(resetConfirmSchema, body);
    const user = await this.identity.setPasswordWithToken(input.token, input.password);
    auditNote(req, { actor: this.identity.callerOf(user, req.ip), caseId: user.id });
  }

  @Post('invitations/accept')
  @HttpCode(201)
  @Access('public')
  @ApiOperation({ summary: 'Accept a vendor invitation: creates the member account in the inviting vendor and signs it in' })
  async acceptInvitation(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseBody(acceptSchema, body);
    const opened = await this.organisation.accept(input, req.ip);
    auditNote(req, { caseId: opened.user.id });
    return this.startSession(req, res, opened);
  }

  @Post('totp/enrol')
  @HttpCode(200)
  @Access(...OPERATORS)
  @ApiOperation({
    summary: 'Start two-factor set-up: a new secret and its otpauth:// URI (show it as a QR code); confirm with a first code',
  })
  enrolTotp(@Req() req: Request) {
    return this.totp.enrol(callerOf(req)!.userId);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Finish two-factor set-up with a first 6-digit code; from now on sign-in asks for a code' })
  async confirmTotp(@Body() body: unknown, @Req() req: Request) {
    await this.totp.confirm(callerOf(req)!.userId, parseBody(codeSchema, body).code);
    return { totpEnabled: true, audit: { before: { totpEnabled: false }, after: { totpEnabled: true } } };
  }

  @Post('totp/disable')
  @HttpCode(200)
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Turn the second factor off (needs a current code)' })
  async disableTotp(@Body() body: unknown, @Req() req: Request) {
    await this.totp.disable(callerOf(req)!.userId, parseBody(codeSchema, body).code);
    return { totpEnabled: false, audit: { before: { totpEnabled: true }, after: { totpEnabled: false } } };
  }
}
