import { baseConfigSchema } from '@sons/platform';

export const configSchema = baseConfigSchema;
