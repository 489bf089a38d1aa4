import { z } from 'zod';

// Every app parses its environment once, at start, with one zod schema; nothing else reads process.env.
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset for the embedded SQLite database')
    .optional(),
  DATA_DIR: z.string().default('./var'),
  SONS_SUBJECT_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\.)?$/i, 'must be empty or a single token followed by a dot, e.g. "t1."')
    .default(''),
  SONS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('SONS_EVENTS'),
  SONS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  SONS_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  SONS_NOW: z.string().datetime({ offset: true }).optional(),
  // A replica may leave publishing to others (e.g. dedicated relay replicas); rows wait in the outbox meanwhile.
  SONS_OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  // Embedded SQLite migrates at start; with PostgreSQL migrations are an explicit step (`npm run migrate`).
  SONS_MIGRATE_ON_START: z.enum(['auto', 'on', 'off']).default('auto'),
  // Set by supervisors (`npm start`, the test harness) that keep a pipe on stdin: the service stops when it closes.
  SONS_EXIT_WITH_PARENT: z.enum(['on', 'off']).default('off'),
  SONS_UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {}

export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  // An empty variable means "not set", so `DATABASE_URL= npm start` picks the embedded default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  const lines = result.success
    ? productionProblems(result.data as Partial<BaseConfig>)
    : result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
  if (!lines.length) return result.data as z.output<S>;
  throw new ConfigError(`Invalid configuration, fix these environment variables:\n${lines.join('\n')}`);
}

// Settings for demos and tests that must never reach a production deployment.
function productionProblems(config: Partial<BaseConfig>): string[] {
  if (config.NODE_ENV !== 'production') return [];
  return config.SONS_NOW
    ? ['  - SONS_NOW: moves the programme clock (demos and tests only); unset it when NODE_ENV=production']
    : [];
}

// For main.ts: print every bad variable and exit, never start half-configured.
export function loadConfigOrExit<S extends z.ZodType>(schema: S): z.output<S> {
  try {
    return parseConfig(schema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
