import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  registerWebhook,
  resendWebhookDeliveries,
  verifyWebhook,
} from '@sons/contracts';
import { Bus } from '@sons/platform';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access } from '../identity/access.decorator.js';

// The registration check calls the subscriber twice (each call up to 10 s).
const CHECK_TIMEOUT_MS = 30_000;

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  private opts(req: Request, timeoutMs?: number) {
    return { caller: callerOf(req), correlationId: correlationOf(req), ...(timeoutMs ? { timeoutMs } : {}) };
  }

  @Post()
  @HttpCode(201)
  @Access('admin', 'aes')
  @ApiOperation({ summary: 'Register a subscriber. The answer holds the secret — shown this once.' })
  @ApiBody({ schema: z.toJSONSchema(registerWebhook.request, { io: 'input', unrepresentable: 'any' }) as object })
  register(@Body() body: Record<string, unknown>, @Req() req: Request) {
    return this.bus.request(registerWebhook, body as z.input<typeof registerWebhook.request>, this.opts(req, CHECK_TIMEOUT_MS));
  }

  @Get()
  @Access('admin', 'aes', 'readonly')
  @ApiOperation({ summary: 'List subscribers with their pending / delivered / dead counts' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listWebhooks, query, this.opts(req));
  }

  @Get('deliveries')
  @Access('admin', 'aes', 'readonly')
  @ApiOperation({ summary: 'Deliveries of every subscriber, newest first; ?status=dead lists the dead letters' })
  allDeliveries(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listWebhookDeliveries, query, this.opts(req));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Access('admin', 'aes')
  @ApiOperation({ summary: 'Run the registration check of a subscriber registered without a secret' })
  verify(@Param('id') id: string, @Req() req: Request) {
    return this.bus.request(verifyWebhook, { subscriptionId: id }, this.opts(req, CHECK_TIMEOUT_MS));
  }

  @Delete(':id')
  @Access('admin', 'aes')
  @ApiOperation({ summary: 'Delete a subscriber (its delivery log is kept)' })
  delete(@Param('id') id: string, @Req() req: Request) {
    return this.bus.request(deleteWebhook, { subscriptionId: id }, this.opts(req));
  }

  @Get(':id/deliveries')
  @Access('admin', 'aes', 'readonly')
  @ApiOperation({ summary: "A subscriber's delivery log with every attempt; ?status=dead for its dead letters" })
  deliveries(@Param('id') id: string, @Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listWebhookDeliveries, { ...query, subscriptionId: id }, this.opts(req));
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Access('admin', 'aes')
  @ApiOperation({ summary: 'Resend every dead letter of a subscriber' })
  resendDead(@Param('id') id: string, @Req() req: Request) {
    return this.bus.request(resendWebhookDeliveries, { subscriptionId: id }, this.opts(req));
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(200)
  @Access('admin', 'aes')
  @ApiOperation({ summary: 'Resend one delivery (dead or not)' })
  resendOne(@Param('id') id: string, @Param('deliveryId') deliveryId: string, @Req() req: Request) {
    return this.bus.request(resendWebhookDeliveries, { subscriptionId: id, deliveryId }, this.opts(req));
  }
}
