import { randomUUID } from 'node:crypto';
import {
  connect,
  headers as natsHeaders,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import {
  DomainError,
  callerSchema,
  errorBodySchema,
  zodIssuesToFieldErrors,
  validationError,
  type Caller,
  type CommandDefinition,
  type ErrorBody,
} from '@sons/contracts';
import type { z } from 'zod';
import type { Logger } from './logger.js';
import { retryStartupStep } from './startup.js';

export const HEADER_CALLER = 'Sons-Caller';
export const HEADER_CORRELATION = 'Sons-Correlation-Id';

export type CommandContext = { caller: Caller | null; correlationId: string; log: Logger };
export type CommandHandler<C extends CommandDefinition> = (
  request: z.output<C['request']>,
  context: CommandContext,
) => Promise<z.input<C['response']>>;

type Reply = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// NATS down at start: retry with backoff and say, once per attempt, what we are waiting for.
export async function connectNats(
  url: string,
  name: string,
  log: Logger,
  maxWaitMs = Number.POSITIVE_INFINITY,
): Promise<NatsConnection> {
  // Until NATS answers (with backoff, a warning per attempt naming what it waits for): the same loop as every other
  // start-up step.
  const nc = await retryStartupStep(
    log,
    `NATS at ${url}`,
    () => connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 2000 }),
    maxWaitMs,
  );
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') log.warn({ status: status.type }, `NATS ${status.type}`);
    }
  })();
  return nc;
}

export class Bus {
  private readonly subscriptions: Subscription[] = [];
  private inFlight = 0;

  constructor(
    readonly nc: NatsConnection,
    readonly subjectPrefix: string,
    private readonly log: Logger,
    private readonly defaultTimeoutMs = 10_000,
  ) {}

  subject(name: string): string {
    return `${this.subjectPrefix}${name}`;
  }

  // Commands are request/reply. The request is parsed before it leaves and again by the handler.
  async request<C extends CommandDefinition>(
    command: C,
    request: z.input<C['request']>,
    options: { caller?: Caller | null; correlationId?: string; timeoutMs?: number } = {},
  ): Promise<z.output<C['response']>> {
    const parsed = command.request.safeParse(request);
    if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
    const h = natsHeaders();
    h.set(HEADER_CORRELATION, options.correlationId ?? randomUUID());
    if (options.caller) h.set(HEADER_CALLER, JSON.stringify(options.caller));
    let msg: Msg;
    try {
      msg = await this.nc.request(this.subject(command.subject), encoder.encode(JSON.stringify(parsed.data)), {
        timeout: options.timeoutMs ?? this.defaultTimeoutMs,
        headers: h,
      });
    } catch (error) {
      throw unavailable(command.subject, error as Error);
    }
    const reply = JSON.parse(decoder.decode(msg.data)) as Reply;
    if (!reply.ok) throw DomainError.fromBody(errorBodySchema.parse(reply.error));
    return command.response.parse(reply.data) as z.output<C['response']>;
  }

  // Handlers share work through a queue group, so replicas of a service split the load.
  handle<C extends CommandDefinition>(command: C, handler: CommandHandler<C>, queue: string): void {
    const sub = this.nc.subscribe(this.subject(command.subject), {
      queue,
      callback: (err, msg) => {
        if (err) {
          this.log.error({ err, subject: command.subject }, 'subscription error');
          return;
        }
        void this.dispatch(command, handler, msg);
      },
    });
    this.subscriptions.push(sub);
  }

  private async dispatch<C extends CommandDefinition>(command: C, handler: CommandHandler<C>, msg: Msg): Promise<void> {
    this.inFlight++;
    const correlationId = msg.headers?.get(HEADER_CORRELATION) || randomUUID();
    const log = this.log.child({ correlationId, subject: command.subject });
    let reply: Reply;
    try {
      const caller = readCaller(msg.headers);
      const body: unknown = msg.data.length ? JSON.parse(decoder.decode(msg.data)) : {};
      const parsed = command.request.safeParse(body);
      if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
      const result = await handler(parsed.data as z.output<C['request']>, { caller, correlationId, log });
      reply = { ok: true, data: command.response.parse(result) };
    } catch (error) {
      reply = { ok: false, error: toErrorBody(error, log) };
    } finally {
      this.inFlight--;
    }
    try {
      msg.respond(encoder.encode(JSON.stringify(reply)));
    } catch (error) {
      log.error({ err: error }, 'could not reply');
    }
  }

  // Graceful shutdown: stop taking new commands, let in-flight ones answer.
  async drain(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    for (let i = 0; i < 200 && this.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function readCaller(h: MsgHdrs | undefined): Caller | null {
  const raw = h?.get(HEADER_CALLER);
  if (!raw) return null;
  const parsed = callerSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new DomainError('INVALID_CALLER', 401, { fr: 'Identité de l’appelant invalide.', en: 'Invalid caller identity.' });
  return parsed.data;
}

export function toErrorBody(error: unknown, log: Logger): ErrorBody {
  if (error instanceof DomainError) return error.body;
  const reference = randomUUID();
  log.error({ err: error, reference }, 'unexpected error');
  return new DomainError('INTERNAL', 500, {
    fr: `Une erreur interne est survenue (référence ${reference}). Réessayez ; si elle persiste, contactez le support avec cette référence.`,
    en: `An internal error occurred (reference ${reference}). Retry; if it persists, contact support with this reference.`,
  }).body;
}

function unavailable(subject: string, error: Error): DomainError {
  const noResponders = /no responders|503/i.test(error.message) || (error as { code?: string }).code === '503';
  return new DomainError(
    'SERVICE_UNAVAILABLE',
    503,
    noResponders
      ? {
          fr: `Le service qui traite « ${subject} » est indisponible. Réessayez dans quelques instants.`,
          en: `The service handling "${subject}" is unavailable. Retry in a moment.`,
        }
      : {
          fr: `Le service n’a pas répondu à temps pour « ${subject} ». Réessayez avec la même clé d’idempotence : la demande ne sera pas traitée deux fois.`,
          en: `The service did not answer in time for "${subject}". Retry with the same idempotency key: the request will not be processed twice.`,
        },
    { retryable: true },
  );
}
