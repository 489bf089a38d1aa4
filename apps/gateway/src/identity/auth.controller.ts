import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { validationError, zodIssuesToFieldErrors } from '@sons/contracts';
import { CONFIG } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import { Access } from './access.decorator.js';
import { cookieOf } from './access.guard.js';
import { IdentityService, SESSION_COOKIE, toPublicUser } from './identity.service.js';

const loginSchema = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(200) });
const registerSchema = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(12, 'at least 12 characters').max(200),
  displayName: z.string().trim().min(1).max(200),
  locale: z.enum(['fr', 'en']).default('fr'),
});

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
  return parsed.data;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private setSession(res: Response, token: string): void {
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.PUBLIC_BASE_URL.startsWith('https://'),
      path: '/',
      maxAge: 8 * 3600 * 1000,
    });
  }

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ summary: 'Sign in with e-mail and password; sets the session cookie and returns the CSRF token' })
  async login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { email, password } = parseBody(loginSchema, body);
    const { token, csrfToken, user } = await this.identity.login(email, password, req.ip);
    this.setSession(res, token);
    return { user: toPublicUser(user), csrfToken };
  }

  @Post('register')
  @HttpCode(201)
  @Access('public')
  @ApiOperation({ summary: 'Create a vendor account; the user who enrols becomes the vendor admin' })
  async register(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseBody(registerSchema, body);
    const user = await this.identity.createUser({ ...input, roles: ['vendor_admin'] });
    const { token, csrfToken } = await this.identity.login(input.email, input.password, req.ip);
    this.setSession(res, token);
    return { user: toPublicUser(user), csrfToken };
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
    return resolved ? { user: toPublicUser(resolved.user), csrfToken: resolved.session.csrfToken } : { user: null, csrfToken: null };
  }
}
