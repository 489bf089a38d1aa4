import { Module } from '@nestjs/common';
import { InboxModule } from './inbox/inbox.module.js';

@Module({ imports: [InboxModule] })
export class AppModule {}
