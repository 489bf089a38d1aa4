import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

export const configSchema = baseConfigSchema
  .extend({
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HTTP_HOST: z.string().default('127.0.0.1'),
    WEB_DIR: z.string().default('./apps/web/dist'),
    HTTP_BODY_LIMIT: z.string().default('1mb'),
    // Demo accounts for every role, printed at start: on by default outside production, refused in production.
    SONS_DEMO_ACCOUNTS: z.enum(['on', 'off']).optional(),
  })
  .transform((c) => ({ ...c, SONS_DEMO_ACCOUNTS: c.SONS_DEMO_ACCOUNTS ?? (c.NODE_ENV === 'production' ? 'off' : 'on') }))
  .refine((c) => !(c.NODE_ENV === 'production' && c.SONS_DEMO_ACCOUNTS === 'on'), {
    path: ['SONS_DEMO_ACCOUNTS'],
    message: 'demo accounts must be off in production (NODE_ENV=production)',
  });
export type GatewayConfig = z.infer<typeof configSchema>;
