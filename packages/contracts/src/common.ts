import { z } from 'zod';

export const uuid = z.string().uuid();

// Keyset pagination: never an unbounded query.
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const encodeCursor = (parts: (string | number)[]): string => Buffer.from(JSON.stringify(parts)).toString('base64url');
export const decodeCursor = (cursor: string | undefined): (string | number)[] | null => {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? (parsed as (string | number)[]) : null;
  } catch {
    return null;
  }
};
