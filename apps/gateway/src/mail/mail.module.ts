import { Global, Module } from '@nestjs/common';
import { MAILER, mailerProvider } from './mailer.js';

@Global()
@Module({ providers: [mailerProvider], exports: [MAILER] })
export class MailModule {}
