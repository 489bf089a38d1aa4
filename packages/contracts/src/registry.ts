import type { z } from 'zod';
import { eventTypeOf } from './cloudevent.js';

// WARNING: subjects and event types are a public contract once shipped; never rename one, add a new version instead.
export type CommandDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> = {
  subject: string;
  description: string;
  request: Req;
  response: Res;
};

export type EventDefinition<D extends z.ZodType = z.ZodType> = {
  subject: string;
  type: string;
  description: string;
  data: D;
};

export const defineCommand = <Req extends z.ZodType, Res extends z.ZodType>(
  subject: string,
  description: string,
  request: Req,
  response: Res,
): CommandDefinition<Req, Res> => ({ subject, description, request, response });

export const defineEvent = <D extends z.ZodType>(subject: string, description: string, data: D): EventDefinition<D> => ({
  subject,
  type: eventTypeOf(subject),
  description,
  data,
});

export type RequestOf<C> = C extends CommandDefinition<infer Req, z.ZodType> ? z.input<Req> : never;
export type ParsedRequestOf<C> = C extends CommandDefinition<infer Req, z.ZodType> ? z.output<Req> : never;
export type ResponseOf<C> = C extends CommandDefinition<z.ZodType, infer Res> ? z.output<Res> : never;
export type EventDataOf<E> = E extends EventDefinition<infer D> ? z.output<D> : never;
