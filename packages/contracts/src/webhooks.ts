import { z } from 'zod';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand } from './registry.js';

// Signed webhooks for downstream systems that do not speak NATS (issue 8). Signatures follow the Standard Webhooks
// scheme: HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, base64, header `v1,<signature>`.
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
// The registration check (not a case event, never on the stream): sent signed, then unsigned.
export const WEBHOOK_PING_TYPE = 'lu.esante.sons.notifications.webhook.pinged.v1';

// WARNING: persisted status strings; never rename one.
export const WEBHOOK_SUBSCRIPTION_STATUSES = ['pending_verification', 'active'] as const;
export type WebhookSubscriptionStatus = (typeof WEBHOOK_SUBSCRIPTION_STATUSES)[number];
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

// An event-type filter: an exact CloudEvents type, a prefix ending in ".*" (e.g. "lu.esante.sons.enrolment.*"),
// or "*" for every event.
export const eventTypeFilter = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^(\*|lu\.esante\.sons\.[a-z0-9.-]+?(\.\*)?)$/,
    'an event type such as lu.esante.sons.enrolment.application.submitted.v1, a prefix ending in .*, or *',
  );

export const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'whsec_ followed by at least 24 random bytes in base64 (Standard Webhooks format)');

export const webhookSubscriptionSchema = z.object({
  id: uuid,
  callbackUrl: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  vendorId: uuid.nullable(),
  status: z.enum(WEBHOOK_SUBSCRIPTION_STATUSES),
  // Only the last characters: the secret itself is shown once, in the registration answer.
  secretHint: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  verifiedAt: z.string().nullable(),
  counts: z.object({ pending: z.number().int(), delivered: z.number().int(), dead: z.number().int() }).optional(),
});
export type WebhookSubscriptionDto = z.infer<typeof webhookSubscriptionSchema>;

export const registerWebhook = defineCommand(
  'sons.notifications.webhook.register',
  'Register a webhook subscriber. With a secret: the callback is checked at once (signed call must get 2xx, unsigned call 401/403). Without: a secret is generated, shown once, and the subscriber is checked by the verify command',
  z.object({
    callbackUrl: z.string().trim().min(1).max(2000),
    eventTypes: z.array(eventTypeFilter).min(1).max(100),
    vendorId: uuid.optional(),
    description: z.string().trim().max(500).optional(),
    secret: webhookSecret.optional(),
  }),
  z.object({ subscription: webhookSubscriptionSchema, secret: z.string() }),
);

export const verifyWebhook = defineCommand(
  'sons.notifications.webhook.verify',
  'Run the registration check of a subscriber waiting for verification; it becomes active when it passes',
  z.object({ subscriptionId: uuid }),
  webhookSubscriptionSchema,
);

export const listWebhooks = defineCommand(
  'sons.notifications.webhook.list',
  'List webhook subscribers with their delivery counts (secrets are never shown again)',
  pageQuerySchema,
  pageOf(webhookSubscriptionSchema),
);

export const deleteWebhook = defineCommand(
  'sons.notifications.webhook.delete',
  'Delete a webhook subscriber; its pending deliveries are dropped, its delivery log is kept',
  z.object({ subscriptionId: uuid }),
  z.object({ subscriptionId: uuid, deleted: z.literal(true) }),
);

export const webhookAttemptSchema = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliverySchema = z.object({
  id: uuid,
  subscriptionId: uuid,
  eventId: z.string(),
  eventType: z.string(),
  caseId: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  log: z.array(webhookAttemptSchema).optional(),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

export const listWebhookDeliveries = defineCommand(
  'sons.notifications.delivery.list',
  "A subscriber's delivery log, newest first; status=dead lists the dead letters",
  pageQuerySchema.extend({ subscriptionId: uuid.optional(), status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional() }),
  pageOf(webhookDeliverySchema),
);

export const resendWebhookDeliveries = defineCommand(
  'sons.notifications.delivery.resend',
  'Deliver again: one delivery, or every dead letter of a subscriber; each gets a fresh retry schedule',
  z.object({ subscriptionId: uuid, deliveryId: uuid.optional() }),
  z.object({ resent: z.number().int() }),
);
