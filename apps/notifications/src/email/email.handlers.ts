import { Inject, Injectable } from '@nestjs/common';
import { listEmails, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { EmailService } from './email.service.js';

@Injectable()
export class EmailHandlers {
  constructor(@Inject(EmailService) private readonly emails: EmailService) {}

  @OnCommand(listEmails)
  list(request: ParsedRequestOf<typeof listEmails>, ctx: CommandContext) {
    return this.emails.list(request, ctx.caller);
  }
}
