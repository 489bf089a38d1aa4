import type { Request } from 'express';
import type { Caller } from '@sons/contracts';

// Set by the identity layer; null for anonymous callers.
export const callerOf = (request: Request): Caller | null => (request as Request & { caller?: Caller }).caller ?? null;

export const correlationOf = (request: Request): string | undefined => {
  const value = request.headers['x-correlation-id'];
  return typeof value === 'string' && value.length <= 100 ? value : undefined;
};
