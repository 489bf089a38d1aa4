import { Inject, Injectable } from '@nestjs/common';
import {
  approveChangeRequest,
  listChangeRequests,
  refuseChangeRequest,
  submitChangeRequest,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { ChangeRequestService } from './change-request.service.js';

@Injectable()
export class ChangeRequestHandlers {
  constructor(@Inject(ChangeRequestService) private readonly changeRequests: ChangeRequestService) {}

  @OnCommand(submitChangeRequest)
  submit(request: ParsedRequestOf<typeof submitChangeRequest>, ctx: CommandContext) {
    return this.changeRequests.submit(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(approveChangeRequest)
  approve(request: ParsedRequestOf<typeof approveChangeRequest>, ctx: CommandContext) {
    return this.changeRequests.approve(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(refuseChangeRequest)
  refuse(request: ParsedRequestOf<typeof refuseChangeRequest>, ctx: CommandContext) {
    return this.changeRequests.refuse(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(listChangeRequests)
  list(request: ParsedRequestOf<typeof listChangeRequests>, ctx: CommandContext) {
    return this.changeRequests.list(request, ctx.caller);
  }
}
