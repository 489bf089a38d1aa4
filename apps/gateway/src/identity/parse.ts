import type { z } from 'zod';
import { validationError, zodIssuesToFieldErrors } from '@sons/contracts';

// Bodies and query strings are parsed with zod at the edge; failures become a 400 listing every field.
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
  return parsed.data;
}
