import { Inject, Injectable } from '@nestjs/common';
import { listInbox, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand } from '@sons/platform';
import { InboxService } from './inbox.service.js';

@Injectable()
export class InboxHandlers {
  constructor(@Inject(InboxService) private readonly inbox: InboxService) {}

  @OnCommand(listInbox)
  list(request: ParsedRequestOf<typeof listInbox>) {
    return this.inbox.list(request);
  }
}
