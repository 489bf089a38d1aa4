import { Inject, Injectable } from '@nestjs/common';
import { listInbox, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { InboxService } from './inbox.service.js';

@Injectable()
export class InboxHandlers {
  constructor(@Inject(InboxService) private readonly inbox: InboxService) {}

  @OnCommand(listInbox)
  list(request: ParsedRequestOf<typeof listInbox>, ctx: CommandContext) {
    return this.inbox.list(request, ctx.caller);
  }
}
