import { Inject, Injectable } from '@nestjs/common';
import { exportTransfers, getTransferBatch, listTransferBatches, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { TransferService } from './transfer.service.js';

@Injectable()
export class TransferHandlers {
  constructor(@Inject(TransferService) private readonly transfers: TransferService) {}

  @OnCommand(exportTransfers)
  export(request: ParsedRequestOf<typeof exportTransfers>, ctx: CommandContext) {
    return this.transfers.export(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(listTransferBatches)
  list(request: ParsedRequestOf<typeof listTransferBatches>, ctx: CommandContext) {
    return this.transfers.list(request, ctx.caller);
  }

  @OnCommand(getTransferBatch)
  get(request: ParsedRequestOf<typeof getTransferBatch>, ctx: CommandContext) {
    return this.transfers.get(request.batchId, ctx.caller);
  }
}
