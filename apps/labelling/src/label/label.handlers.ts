import { Inject, Injectable } from '@nestjs/common';
import { getCurrentRecl, listRegistry, publishRecl, withdrawLabel, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { LabelService, toReclDto } from './label.service.js';

@Injectable()
export class LabelHandlers {
  constructor(@Inject(LabelService) private readonly labels: LabelService) {}

  @OnCommand(listRegistry)
  registry(request: ParsedRequestOf<typeof listRegistry>) {
    return this.labels.registry(request);
  }

  @OnCommand(publishRecl)
  publishRecl(request: ParsedRequestOf<typeof publishRecl>, ctx: CommandContext) {
    return this.labels.publishRecl(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getCurrentRecl)
  async currentRecl() {
    const recl = await this.labels.currentRecl();
    return { current: recl ? toReclDto(recl) : null };
  }

  @OnCommand(withdrawLabel)
  withdraw(request: ParsedRequestOf<typeof withdrawLabel>, ctx: CommandContext) {
    return this.labels.withdraw(request, ctx.caller, ctx.correlationId);
  }
}
