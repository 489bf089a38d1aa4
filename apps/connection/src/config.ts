import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

export const configSchema = baseConfigSchema
  .extend({
    // Where CNS transactions are looked up: the local simulator (started inside this app, default outside
    // production) or a remote adapter answering the same NATS subject (production).
    CNS_REGISTRY: z.enum(['simulator', 'remote']).optional(),
    // The CNS certificate (X.509, PEM) or public key that signs transactions. Outside production with the simulator,
    // unset means: the simulator's throwaway certificate under DATA_DIR/cns-simulator/.
    CNS_CERTIFICATE_FILE: z.string().optional(),
    CNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    // Clock difference tolerated between the CNS and the platform for "not after the request".
    CNS_TIMESTAMP_SKEW_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  })
  .transform((c) => ({
    ...c,
    CNS_REGISTRY: c.CNS_REGISTRY ?? (c.NODE_ENV === 'production' ? ('remote' as const) : ('simulator' as const)),
  }))
  .refine((c) => !(c.NODE_ENV === 'production' && c.CNS_REGISTRY === 'simulator'), {
    path: ['CNS_REGISTRY'],
    message: 'the CNS simulator never runs in production: set CNS_REGISTRY=remote',
  })
  .refine((c) => c.CNS_REGISTRY === 'simulator' || !!c.CNS_CERTIFICATE_FILE, {
    path: ['CNS_CERTIFICATE_FILE'],
    message: 'required with CNS_REGISTRY=remote: the PEM certificate (or public key) the CNS signs transactions with',
  });
export type ConnectionConfig = z.infer<typeof configSchema>;
