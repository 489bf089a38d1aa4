import nodemailer, { type Transporter } from 'nodemailer';
import { CONFIG, LOGGER, type Logger } from '@sons/platform';
import type { GatewayConfig } from '../config.js';

export type MailMessage = { to: string; subject: string; text: string; html?: string };

// The identity layer's outgoing mail (reset links, invitations, lockout notices). These carry one-time secrets, so
// they are sent from the gateway directly and never travel on the event bus.
export type Mailer = { send(message: MailMessage): Promise<void> };
export const MAILER = Symbol('MAILER');

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.transport.close();
  }
}

// Demo start without SMTP_URL: the message (link included) goes to the log so the demo stays usable offline.
export class LogMailer implements Mailer {
  constructor(private readonly log: Logger) {}

  async send(message: MailMessage): Promise<void> {
    this.log.warn(
      { to: message.to, subject: message.subject, text: message.text },
      'E-MAIL NOT SENT (SMTP_URL unset) — message written to this log instead',
    );
  }
}

export function createMailer(config: GatewayConfig, log: Logger): Mailer {
  if (config.SMTP_URL) return new SmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  log.warn(
    'SMTP_URL is not set: identity e-mails (password reset, invitations, lockout notices) are written to the log, not sent',
  );
  return new LogMailer(log);
}

export const mailerProvider = {
  provide: MAILER,
  inject: [CONFIG, LOGGER],
  useFactory: (config: GatewayConfig, log: Logger): Mailer => createMailer(config, log),
};
