import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

const isKey = (value: string): boolean => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').length === 32;

export const configSchema = baseConfigSchema
  .extend({
    // AES-256-GCM key for secrets at rest (test environment access details): 32 random bytes in base64, e.g.
    // `openssl rand -base64 32`. Required in production; elsewhere a development key is generated (secrets-key.ts).
    SONS_SECRETS_KEY: z
      .string()
      .trim()
      .refine(isKey, 'must be 32 random bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`')
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && !config.SONS_SECRETS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SONS_SECRETS_KEY'],
        message:
          'required in production (test environment access details are encrypted with it): set it to `openssl rand -base64 32`, and keep it — data encrypted with a lost key cannot be read',
      });
    }
  });
export type EnrolmentConfig = z.infer<typeof configSchema>;
