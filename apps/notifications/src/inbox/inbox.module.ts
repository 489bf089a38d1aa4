import { Module } from '@nestjs/common';
import { InboxHandlers } from './inbox.handlers.js';
import { InboxService } from './inbox.service.js';

@Module({ providers: [InboxService, InboxHandlers] })
export class InboxModule {}
