import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudEvent, HTTP } from 'cloudevents';

// A real webhook subscriber over HTTP for the tests (gateway and web): it checks each call's signature the way
// docs/events.md tells subscribers to, answers the registration check correctly, and records what it received.
export const PING = 'lu.esante.sons.notifications.webhook.pinged.v1';
// Verification exactly as docs/events.md tells a subscriber to do it (independent of the platform's code).
export function verifySignature(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest();
  return signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export type Received = {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
  validSignature: boolean;
  event: CloudEvent<Record<string, unknown>>;
};

// A real HTTP subscriber. `behaviour` decides the answer to each case event; pings get the right answers unless
// `acceptUnsigned` (a careless subscriber).
export class Subscriber {
  // Its own secret (registered with it), or the one the platform generated and showed once.
  secret = `whsec_${randomBytes(32).toString('base64')}`;
  readonly received: Received[] = [];
  readonly requests: { at: number; type: string; validSignature: boolean }[] = [];
  behaviour: (n: number) => number | 'hang' = () => 200;
  acceptUnsigned = false;
  private server!: Server;
  private caseEvents = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const validSignature = verifySignature(this.secret, req.headers, body);
        const event = HTTP.toEvent({ headers: req.headers, body }) as CloudEvent<Record<string, unknown>>;
        this.requests.push({ at: Date.now(), type: event.type, validSignature });
        if (!validSignature && !this.acceptUnsigned) return res.writeHead(401).end();
        if (event.type === PING) return res.writeHead(204).end();
        const answer = this.behaviour(++this.caseEvents);
        if (answer === 'hang') return; // never answers: the platform's timeout must cut it
        if (answer >= 200 && answer < 300)
          this.received.push({ at: Date.now(), headers: req.headers, body, validSignature, event });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sons-events`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
