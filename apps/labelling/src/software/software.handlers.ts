import { Inject, Injectable } from '@nestjs/common';
import { declareVersion, listSoftware, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { SoftwareService } from './software.service.js';

@Injectable()
export class SoftwareHandlers {
  constructor(@Inject(SoftwareService) private readonly software: SoftwareService) {}

  @OnCommand(listSoftware)
  list(request: ParsedRequestOf<typeof listSoftware>, ctx: CommandContext) {
    return this.software.list(request, ctx.caller);
  }

  @OnCommand(declareVersion)
  declare(request: ParsedRequestOf<typeof declareVersion>, ctx: CommandContext) {
    return this.software.declare(request, ctx.caller, ctx.correlationId);
  }
}
