import { EmailMessage } from './email/email-message.entity.js';
import { InboxEntry } from './inbox/inbox-entry.entity.js';
import { WebhookAttempt } from './webhooks/webhook-attempt.entity.js';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity.js';
import { WebhookSubscription } from './webhooks/webhook-subscription.entity.js';

export const ENTITIES = [InboxEntry, WebhookSubscription, WebhookDelivery, WebhookAttempt, EmailMessage];
