import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module.js';
import { InboxHandlers } from './inbox.handlers.js';
import { InboxService } from './inbox.service.js';

@Module({ imports: [EmailModule], providers: [InboxService, InboxHandlers] })
export class InboxModule {}
