import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

export const configSchema = baseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  WEB_DIR: z.string().default('./apps/web/dist'),
  HTTP_BODY_LIMIT: z.string().default('1mb'),
});
export type GatewayConfig = z.infer<typeof configSchema>;
