import { Inject, Injectable } from '@nestjs/common';
import {
  downloadDocumentation,
  listDocumentation,
  listDocumentationDownloads,
  publishDocumentation,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { DocumentationService } from './documentation.service.js';

@Injectable()
export class DocumentationHandlers {
  constructor(@Inject(DocumentationService) private readonly documentation: DocumentationService) {}

  @OnCommand(publishDocumentation)
  publish(request: ParsedRequestOf<typeof publishDocumentation>, ctx: CommandContext) {
    return this.documentation.publish(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(listDocumentation)
  list(request: ParsedRequestOf<typeof listDocumentation>, ctx: CommandContext) {
    return this.documentation.list(request, ctx.caller);
  }

  @OnCommand(downloadDocumentation)
  download(request: ParsedRequestOf<typeof downloadDocumentation>, ctx: CommandContext) {
    return this.documentation.download(request, ctx.caller);
  }

  @OnCommand(listDocumentationDownloads)
  downloads(request: ParsedRequestOf<typeof listDocumentationDownloads>, ctx: CommandContext) {
    return this.documentation.downloads(request, ctx.caller);
  }
}
