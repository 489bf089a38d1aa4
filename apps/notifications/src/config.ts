import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';
import { parseSchedule } from './shared/durations.js';

// Used only outside production, so a demo start needs no secret; production must set its own.
const DEV_SECRET_KEY = 'sons-development-only-secret-key-change-me';

const schedule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      try {
        return parseSchedule(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

const emailList = z
  .string()
  .default('')
  .transform((value) => value.split(/[,;\s]+/).filter(Boolean))
  .pipe(z.array(z.string().email('every address must be a valid e-mail address')));

export const configSchema = baseConfigSchema
  .extend({
    // Webhooks (docs/events.md). Loopback callbacks are for local tests and demos; never in production by default.
    WEBHOOK_ALLOW_LOOPBACK: z.enum(['on', 'off']).optional(),
    // Delays between attempts: after the last one the delivery is a dead letter. Default ≈ 23.6 h in 9 retries.
    WEBHOOK_RETRY_SCHEDULE: schedule('5s,1m,5m,30m,1h,2h,4h,8h,8h'),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
    // E-mail notifications: unset SMTP_URL records each message as "not sent: no SMTP configured".
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().default('SONS Vague 2 <no-reply@sons.esante.lu>'),
    EMAIL_RETRY_SCHEDULE: schedule('30s,2m,10m,30m,1h,2h,4h'),
    EMAIL_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
    EMAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
    // How many times the vendor's address is asked for before the message is recorded as "recipient unknown".
    EMAIL_RECIPIENT_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    EMAIL_TEMPLATES_DIR: z.string().optional(),
    OPERATOR_EMAILS_INCERT: emailList,
    OPERATOR_EMAILS_AES: emailList,
    OPERATOR_EMAIL_LOCALE: z.enum(['fr', 'en']).default('fr'),
    // Encrypts webhook secrets at rest (AES-256-GCM). Required in production.
    SONS_SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
  })
  .transform((c) => ({
    ...c,
    WEBHOOK_ALLOW_LOOPBACK: c.WEBHOOK_ALLOW_LOOPBACK ?? (c.NODE_ENV === 'production' ? 'off' : 'on'),
    SONS_SECRET_KEY: c.SONS_SECRET_KEY ?? (c.NODE_ENV === 'production' ? '' : DEV_SECRET_KEY),
  }))
  .refine((c) => c.SONS_SECRET_KEY !== '', {
    path: ['SONS_SECRET_KEY'],
    message: 'required in production (at least 32 random characters)',
  });
export type NotificationsConfig = z.infer<typeof configSchema>;
