import { Module } from '@nestjs/common';
import { CONFIG } from '@sons/platform';
import type { NotificationsConfig } from '../config.js';
import { EmailHandlers } from './email.handlers.js';
import { EmailSender } from './email-sender.js';
import { EmailService } from './email.service.js';
import { DEFAULT_TEMPLATES_DIR, EmailTemplates } from './email-templates.js';

const templatesProvider = {
  provide: EmailTemplates,
  inject: [CONFIG],
  useFactory: (config: NotificationsConfig) => EmailTemplates.load(config.EMAIL_TEMPLATES_DIR ?? DEFAULT_TEMPLATES_DIR),
};

@Module({ providers: [templatesProvider, EmailSender, EmailService, EmailHandlers], exports: [EmailTemplates] })
export class EmailModule {}
