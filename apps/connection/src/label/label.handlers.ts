import { Inject, Injectable } from '@nestjs/common';
import { listLabels, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { LabelService } from './label.service.js';

@Injectable()
export class LabelHandlers {
  constructor(@Inject(LabelService) private readonly labels: LabelService) {}

  @OnCommand(listLabels)
  list(request: ParsedRequestOf<typeof listLabels>, ctx: CommandContext) {
    return this.labels.list(request, ctx.caller);
  }
}
