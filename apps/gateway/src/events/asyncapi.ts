import { EVENT_CATALOGUE, type EventDefinition } from '@sons/contracts';
import { eventPayloadSchema } from './event-schemas.js';
import { toYaml } from './yaml.js';

// docs/asyncapi.yaml is this function's output (`npm run asyncapi`); the gateway serves the same text at
// GET /api/events/asyncapi.yaml, and a test fails when the committed file differs.
const camel = (subject: string): string =>
  subject
    .replace(/^sons\./, '')
    .split(/[.-]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');

const messageOf = (definition: EventDefinition) => ({
  name: definition.type,
  title: definition.type,
  summary: definition.description,
  contentType: 'application/cloudevents+json',
  headers: {
    type: 'object',
    properties: {
      'Nats-Msg-Id': {
        type: 'string',
        format: 'uuid',
        description: 'Equals the CloudEvent id: JetStream drops a duplicate published within its window.',
      },
    },
    required: ['Nats-Msg-Id'],
  },
  payload: eventPayloadSchema(definition),
  correlationId: { description: 'The command that caused this event', location: '$message.payload#/correlationid' },
});

export function buildAsyncApiDocument(events: readonly EventDefinition[] = EVENT_CATALOGUE): Record<string, unknown> {
  const sorted = [...events].sort((a, b) => a.subject.localeCompare(b.subject));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const definition of sorted) {
    const id = camel(definition.subject);
    messages[id] = messageOf(definition);
    channels[id] = {
      address: definition.subject,
      title: definition.subject,
      description: definition.description,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`publish${id.charAt(0).toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      title: `Publish ${definition.type}`,
      summary: definition.description,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'SONS « Vague 2 » case events',
      version: '1.0.0',
      description: [
        'Every state change of every case of the SONS « Vague 2 » labelling platform, as a CloudEvents 1.0 structured JSON event.',
        'Published on the NATS JetStream stream SONS_EVENTS (file storage, retention SONS_EVENT_RETENTION_DAYS, default 365 days);',
        'the JetStream Nats-Msg-Id header equals the event id. The CloudEvents "sequence" extension orders the events of one case (its subject).',
        'The same events are posted to signed webhooks (Standard Webhooks headers). Each event also has a JSON Schema at its dataschema URL.',
        'See docs/events.md.',
      ].join(' '),
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description: 'The local NATS server started by npm start (JetStream enabled). Test runs prefix every subject.',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

export const buildAsyncApiYaml = (events: readonly EventDefinition[] = EVENT_CATALOGUE): string =>
  `# Generated from the event catalogue by \`npm run asyncapi\` — do not edit by hand.\n${toYaml(buildAsyncApiDocument(events))}`;
