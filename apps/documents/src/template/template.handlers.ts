import { Inject, Injectable } from '@nestjs/common';
import {
  createTemplateDraft,
  getDocumentTemplate,
  listDocumentTemplates,
  previewTemplate,
  publishTemplate,
  retireTemplate,
  updateTemplateDraft,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { TemplateService } from './template.service.js';

@Injectable()
export class TemplateHandlers {
  constructor(@Inject(TemplateService) private readonly templates: TemplateService) {}

  @OnCommand(listDocumentTemplates)
  list(_request: ParsedRequestOf<typeof listDocumentTemplates>, ctx: CommandContext) {
    return this.templates.list(ctx.caller);
  }

  @OnCommand(getDocumentTemplate)
  get(request: ParsedRequestOf<typeof getDocumentTemplate>, ctx: CommandContext) {
    return this.templates.get(request.key, request.version, ctx.caller);
  }

  @OnCommand(createTemplateDraft)
  createDraft(request: ParsedRequestOf<typeof createTemplateDraft>, ctx: CommandContext) {
    return this.templates.createDraft(request.key, request.changeNote, ctx.caller);
  }

  @OnCommand(updateTemplateDraft)
  updateDraft(request: ParsedRequestOf<typeof updateTemplateDraft>, ctx: CommandContext) {
    return this.templates.updateDraft(request, ctx.caller);
  }

  @OnCommand(previewTemplate)
  preview(request: ParsedRequestOf<typeof previewTemplate>, ctx: CommandContext) {
    return this.templates.preview(request.key, request.version, request.locale, request.data, ctx.caller);
  }

  @OnCommand(publishTemplate)
  publish(request: ParsedRequestOf<typeof publishTemplate>, ctx: CommandContext) {
    return this.templates.publish(request.key, request.version, ctx.caller, ctx.correlationId);
  }

  @OnCommand(retireTemplate)
  retire(request: ParsedRequestOf<typeof retireTemplate>, ctx: CommandContext) {
    return this.templates.retire(request.key, request.version, ctx.caller, ctx.correlationId);
  }
}
