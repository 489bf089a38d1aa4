import { z } from 'zod';

// CloudEvents 1.0, structured JSON mode. `id` doubles as JetStream's Nats-Msg-Id so the server drops duplicates.
export const EVENT_TYPE_PREFIX = 'lu.esante.sons';

export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().uuid(),
  source: z.string().min(1),
  type: z.string().startsWith(`${EVENT_TYPE_PREFIX}.`),
  subject: z.string().min(1),
  time: z.string().datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().url(),
  // CloudEvents "sequence" extension: per-case ordering for consumers.
  sequence: z.number().int().nonnegative(),
  correlationid: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type CloudEvent<D = Record<string, unknown>> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: D };

// sons.enrolment.application.submitted → lu.esante.sons.enrolment.application.submitted.v1
export const eventTypeOf = (natsSubject: string, version = 1): string =>
  `${EVENT_TYPE_PREFIX}.${natsSubject.replace(/^sons\./, '')}.v${version}`;

export const natsSubjectOf = (eventType: string): string =>
  `sons.${eventType.slice(EVENT_TYPE_PREFIX.length + 1).replace(/\.v\d+$/, '')}`;
