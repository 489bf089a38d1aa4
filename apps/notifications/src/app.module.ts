import { Module } from '@nestjs/common';
import { EmailModule } from './email/email.module.js';
import { InboxModule } from './inbox/inbox.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({ imports: [InboxModule, WebhooksModule, EmailModule] })
export class AppModule {}
