import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

// Used only outside production, so a demo start needs no secret; production must set its own (refined below).
const DEV_SECRET_KEY = 'sons-development-only-secret-key-change-me';

export const configSchema = baseConfigSchema
  .extend({
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HTTP_HOST: z.string().default('127.0.0.1'),
    WEB_DIR: z.string().default('./apps/web/dist'),
    HTTP_BODY_LIMIT: z.string().default('1mb'),
    // Demo accounts for every role, printed at start: on by default outside production, refused in production.
    SONS_DEMO_ACCOUNTS: z.enum(['on', 'off']).optional(),
    // Outgoing mail for identity messages (password reset, invitations, lockout notices). Unset: the demo start writes
    // each message to the log instead of sending it (refused in production).
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().default('SONS Vague 2 <no-reply@sons.esante.lu>'),
    // Encrypts TOTP secrets at rest (AES-256-GCM, key derived with SHA-256). Required in production.
    SONS_SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
    PASSWORD_RESET_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(30),
    INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    // First start: when no active admin exists, this operator admin is created and a one-time setup link is printed.
    SONS_BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
    // Rate limits per client IP over a sliding window: sign-in style routes and every other command (non-GET).
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(100),
    RATE_LIMIT_COMMANDS: z.coerce.number().int().min(1).default(300),
  })
  .transform((c) => ({
    ...c,
    SONS_DEMO_ACCOUNTS: c.SONS_DEMO_ACCOUNTS ?? (c.NODE_ENV === 'production' ? 'off' : 'on'),
    SONS_SECRET_KEY: c.SONS_SECRET_KEY ?? (c.NODE_ENV === 'production' ? '' : DEV_SECRET_KEY),
  }))
  .refine((c) => !(c.NODE_ENV === 'production' && c.SONS_DEMO_ACCOUNTS === 'on'), {
    path: ['SONS_DEMO_ACCOUNTS'],
    message: 'demo accounts must be off in production (NODE_ENV=production)',
  })
  .refine((c) => c.SONS_SECRET_KEY !== '', {
    path: ['SONS_SECRET_KEY'],
    message: 'required in production (at least 32 random characters)',
  })
  .refine((c) => !(c.NODE_ENV === 'production' && !c.SMTP_URL), {
    path: ['SMTP_URL'],
    message: 'required in production: password reset and invitations are sent by e-mail',
  });
export type GatewayConfig = z.infer<typeof configSchema>;
