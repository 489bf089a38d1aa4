import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CloudEvent } from '@sons/contracts';

// Reads every event currently in the stream (an ephemeral ordered consumer), for assertions.
export async function readStream(
  nc: NatsConnection,
  stream: string,
): Promise<(CloudEvent & { natsSubject: string; natsMsgId: string | undefined })[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream);
  const total = info.state.messages;
  if (total === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.All });
  const out: (CloudEvent & { natsSubject: string; natsMsgId: string | undefined })[] = [];
  const messages = await consumer.fetch({ max_messages: total, expires: 5000 });
  for await (const m of messages) {
    out.push({ ...m.json<CloudEvent>(), natsSubject: m.subject, natsMsgId: m.headers?.get('Nats-Msg-Id') });
    if (out.length >= total) break;
  }
  return out;
}
