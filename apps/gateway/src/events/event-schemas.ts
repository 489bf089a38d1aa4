import { z } from 'zod';
import { cloudEventSchema, type EventDefinition } from '@sons/contracts';

type JsonSchema = Record<string, unknown>;

// The whole structured CloudEvent (envelope + this event's data), as published on JetStream and posted to webhooks.
export const envelopeOf = (definition: EventDefinition) =>
  cloudEventSchema.extend({
    type: z.literal(definition.type),
    data: definition.data,
  });

export const dataschemaUrl = (baseUrl: string, definition: EventDefinition): string =>
  `${baseUrl.replace(/\/$/, '')}/api/events/schemas/${definition.type}.json`;

// Served at the event's `dataschema` URL (JSON Schema 2020-12).
export function eventJsonSchema(definition: EventDefinition, baseUrl: string): JsonSchema {
  const schema = z.toJSONSchema(envelopeOf(definition), {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  return {
    $schema: schema.$schema,
    $id: dataschemaUrl(baseUrl, definition),
    title: definition.type,
    description: `${definition.description}. NATS subject: ${definition.subject} (prefixed in test deployments).`,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

// AsyncAPI 3 payloads use the AsyncAPI Schema format, a superset of JSON Schema draft-07.
export function eventPayloadSchema(definition: EventDefinition): JsonSchema {
  const schema = z.toJSONSchema(envelopeOf(definition), {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  delete schema.$schema;
  return schema;
}
