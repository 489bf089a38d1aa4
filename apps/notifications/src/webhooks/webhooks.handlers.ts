import { Inject, Injectable } from '@nestjs/common';
import {
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  registerWebhook,
  resendWebhookDeliveries,
  verifyWebhook,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { WebhooksService } from './webhooks.service.js';

@Injectable()
export class WebhooksHandlers {
  constructor(@Inject(WebhooksService) private readonly webhooks: WebhooksService) {}

  @OnCommand(registerWebhook)
  register(request: ParsedRequestOf<typeof registerWebhook>, ctx: CommandContext) {
    return this.webhooks.register(request, ctx.caller);
  }

  @OnCommand(verifyWebhook)
  verify(request: ParsedRequestOf<typeof verifyWebhook>, ctx: CommandContext) {
    return this.webhooks.verify(request.subscriptionId, ctx.caller);
  }

  @OnCommand(listWebhooks)
  list(request: ParsedRequestOf<typeof listWebhooks>, ctx: CommandContext) {
    return this.webhooks.list(request, ctx.caller);
  }

  @OnCommand(deleteWebhook)
  delete(request: ParsedRequestOf<typeof deleteWebhook>, ctx: CommandContext) {
    return this.webhooks.delete(request.subscriptionId, ctx.caller);
  }

  @OnCommand(listWebhookDeliveries)
  deliveries(request: ParsedRequestOf<typeof listWebhookDeliveries>, ctx: CommandContext) {
    return this.webhooks.deliveries(request, ctx.caller);
  }

  @OnCommand(resendWebhookDeliveries)
  resend(request: ParsedRequestOf<typeof resendWebhookDeliveries>, ctx: CommandContext) {
    return this.webhooks.resend(request, ctx.caller);
  }
}
