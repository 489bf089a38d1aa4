import { Inject, Injectable } from '@nestjs/common';
import { getDocument, renderPdf, verifyDocument, withdrawDocument, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { DocumentService } from './document.service.js';

@Injectable()
export class DocumentHandlers {
  constructor(@Inject(DocumentService) private readonly documents: DocumentService) {}

  @OnCommand(renderPdf)
  render(request: ParsedRequestOf<typeof renderPdf>, ctx: CommandContext) {
    return this.documents.render(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getDocument)
  get(request: ParsedRequestOf<typeof getDocument>, ctx: CommandContext) {
    return this.documents.get(request, ctx.caller);
  }

  @OnCommand(withdrawDocument)
  withdraw(request: ParsedRequestOf<typeof withdrawDocument>, ctx: CommandContext) {
    return this.documents.withdraw(request.documentId, request.reason, ctx.caller, ctx.correlationId);
  }

  @OnCommand(verifyDocument)
  verify(request: ParsedRequestOf<typeof verifyDocument>) {
    return this.documents.verify(request.reference, request.sha256);
  }
}
