import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/sql';
import nodemailer, { type Transporter } from 'nodemailer';
import { DomainError, vendorContact } from '@sons/contracts';
import { Bus, CONFIG, ServiceRuntime, SystemClock, type Logger } from '@sons/platform';
import type { NotificationsConfig } from '../config.js';
import { Wakeable } from '../shared/durations.js';
import { EmailMessage } from './email-message.entity.js';
import { EmailTemplates } from './email-templates.js';

type Contact = { name: string; email: string; locale: 'fr' | 'en' };
type Outcome =
  | { kind: 'sent'; messageId: string | null }
  | { kind: 'final'; status: 'not_sent' | 'recipient_unknown' | 'failed'; reason: string }
  | { kind: 'retry'; reason: string; resolveFailure?: boolean };

// Sends queued e-mail notifications over SMTP (nodemailer), one at a time under a lease, with retries.
@Injectable()
export class EmailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wakeable = new Wakeable();
  private loop: Promise<void> | null = null;
  private running = false;
  private transport: Transporter | null = null;
  private readonly log: Logger;
  private readonly orm: MikroORM;

  constructor(
    @Inject(ServiceRuntime) runtime: ServiceRuntime,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(EmailTemplates) private readonly templates: EmailTemplates,
  ) {
    this.log = runtime.log.child({ component: 'email' });
    this.orm = runtime.orm!;
  }

  onApplicationBootstrap(): void {
    if (this.config.SMTP_URL) {
      const timeout = this.config.EMAIL_TIMEOUT_MS;
      this.transport = nodemailer.createTransport(this.config.SMTP_URL, {
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      } as object);
    } else {
      this.log.warn('SMTP_URL is not set: e-mail notifications are recorded as "not sent: no SMTP configured"');
    }
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeable.notify();
    await this.loop;
    this.transport?.close();
  }

  wake(): void {
    this.wakeable.notify();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const claimed = await this.claimNext();
        failures = 0;
        if (claimed) {
          await this.process(claimed.message, claimed.lease);
          continue;
        }
        await this.wakeable.sleep(await this.idleFor());
      } catch (error) {
        failures++;
        this.log.warn({ err: (error as Error).message, failures }, 'e-mail sender error; will retry');
        await this.wakeable.sleep(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
      }
    }
  }

  private async idleFor(): Promise<number> {
    const next = await this.orm.em
      .fork()
      .findOne(EmailMessage, { status: 'pending' }, { orderBy: { nextAttemptAt: 'asc' }, fields: ['nextAttemptAt'] });
    const poll = this.config.EMAIL_POLL_MS;
    if (!next?.nextAttemptAt) return poll;
    return Math.max(10, Math.min(poll, next.nextAttemptAt.getTime() - this.clock.now().getTime()));
  }

  private async claimNext(): Promise<{ message: EmailMessage; lease: string } | null> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const due = await em.find(
      EmailMessage,
      { status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
      { orderBy: { nextAttemptAt: 'asc', createdAt: 'asc' }, limit: 5 },
    );
    for (const message of due) {
      const lease = randomUUID();
      const claimed = await em.nativeUpdate(
        EmailMessage,
        { id: message.id, status: 'pending', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
        { lockedUntil: new Date(now.getTime() + this.config.EMAIL_TIMEOUT_MS * 3 + 30_000), leaseToken: lease },
      );
      if (claimed === 1) return { message, lease };
    }
    return null;
  }

  private async contactOf(vendorId: string): Promise<{ contact: Contact } | { unknown: string } | { retry: string }> {
    try {
      const contact = await this.bus.request(vendorContact, { vendorId }, { timeoutMs: 3000 });
      return { contact };
    } catch (error) {
      if (error instanceof DomainError && error.status === 404)
        return { unknown: `recipient unknown: vendor ${vendorId} not found` };
      const why =
        error instanceof DomainError && error.code === 'SERVICE_UNAVAILABLE'
          ? 'sons.enrolment.vendor.contact unanswered'
          : (error as Error).message;
      return { retry: `recipient unknown: ${why}` };
    }
  }

  private async process(message: EmailMessage, lease: string): Promise<void> {
    const outcome = await this.attempt(message);
    const now = this.clock.now();
    const attempts = message.attempts + 1;
    const schedule = this.config.EMAIL_RETRY_SCHEDULE;
    let update: Partial<EmailMessage>;
    switch (outcome.kind) {
      case 'sent':
        update = { status: 'sent', sentAt: now, smtpMessageId: outcome.messageId, lastError: null, nextAttemptAt: null };
        break;
      case 'final':
        update = { status: outcome.status, lastError: outcome.reason.slice(0, 500), nextAttemptAt: null };
        break;
      case 'retry': {
        const exhausted = outcome.resolveFailure ? attempts >= this.config.EMAIL_RECIPIENT_ATTEMPTS : attempts > schedule.length;
        update = exhausted
          ? {
              status: outcome.resolveFailure ? 'recipient_unknown' : 'failed',
              lastError: outcome.reason.slice(0, 500),
              nextAttemptAt: null,
            }
          : {
              lastError: outcome.reason.slice(0, 500),
              nextAttemptAt: new Date(now.getTime() + schedule[Math.min(attempts - 1, schedule.length - 1)]),
            };
        break;
      }
      default: {
        const never: never = outcome;
        throw new Error(`unexpected outcome ${JSON.stringify(never)}`);
      }
    }
    await this.orm.em.fork().nativeUpdate(
      EmailMessage,
      { id: message.id, leaseToken: lease },
      {
        ...update,
        attempts,
        recipients: message.recipients,
        locale: message.locale,
        subject: message.subject ?? null,
        body: message.body ?? null,
        lockedUntil: null,
        leaseToken: null,
      },
    );
    if (update.status === 'sent')
      this.log.info({ eventType: message.eventType, audience: message.audience, to: message.recipients }, 'e-mail sent');
    else if (update.status)
      this.log.warn(
        { eventType: message.eventType, audience: message.audience, status: update.status, reason: update.lastError },
        'e-mail not sent',
      );
  }

  // Resolves the recipient, renders the template (stored on the row) and sends.
  private async attempt(message: EmailMessage): Promise<Outcome> {
    let vendor: Contact | null = null;
    if (message.vendorId) {
      const found = await this.contactOf(message.vendorId);
      if ('contact' in found) vendor = found.contact;
      else if (message.audience === 'vendor') {
        return 'unknown' in found
          ? { kind: 'final', status: 'recipient_unknown', reason: found.unknown }
          : { kind: 'retry', reason: found.retry, resolveFailure: true };
      }
    } else if (message.audience === 'vendor') {
      return { kind: 'final', status: 'recipient_unknown', reason: 'recipient unknown: the event names no vendor' };
    }
    if (message.audience === 'vendor' && vendor) {
      message.recipients = [vendor.email];
      message.locale = vendor.locale;
    }
    const rendered = this.templates.render(message.eventType, {
      event: { id: message.eventId, type: message.eventType, caseId: message.caseId, time: message.occurredAt.toISOString() },
      data: message.eventData,
      vendor: vendor ? { name: vendor.name, email: vendor.email } : null,
      audience: message.audience,
      locale: message.locale,
      portalUrl: this.config.PUBLIC_BASE_URL,
    });
    message.subject = rendered.subject;
    message.body = rendered.text;
    if (!this.transport) return { kind: 'final', status: 'not_sent', reason: 'not sent: no SMTP configured' };
    try {
      const info = (await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: message.recipients,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: { 'X-SONS-Event-Id': message.eventId, 'X-SONS-Event-Type': message.eventType },
      })) as { messageId?: string };
      return { kind: 'sent', messageId: info.messageId ?? null };
    } catch (error) {
      return { kind: 'retry', reason: `SMTP: ${(error as Error).message}` };
    }
  }
}
