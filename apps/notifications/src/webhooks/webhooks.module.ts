import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhooksHandlers } from './webhooks.handlers.js';
import { WebhooksService } from './webhooks.service.js';

@Module({ providers: [WebhookDispatcher, WebhooksService, WebhooksHandlers] })
export class WebhooksModule {}
