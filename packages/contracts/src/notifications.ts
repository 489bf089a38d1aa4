import { z } from 'zod';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand } from './registry.js';

const localizedText = z.object({ fr: z.string(), en: z.string() });

// In-app notifications: every case event the notifications service recorded. Vendors see their own vendor's
// entries only, operators see all (the service filters by the caller, never by a parameter a vendor controls).
export const inboxEntrySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  caseId: z.string(),
  vendorId: z.string().nullable(),
  sequence: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  // The same words as the e-mail subject for this step (vendor's wording for vendors), when a template exists.
  title: localizedText.nullable().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type InboxEntry = z.infer<typeof inboxEntrySchema>;

export const listInbox = defineCommand(
  'sons.notifications.inbox.list',
  'Case events recorded by the notifications service (in-app notifications); vendors see their own, operators all',
  pageQuerySchema.extend({
    caseId: z.string().max(100).optional(),
    vendorId: uuid.optional(),
    eventType: z.string().max(200).optional(),
    // oldest first (default, for consumers that page through everything) or newest first (a "latest" list).
    order: z.enum(['oldest', 'newest']).optional(),
  }),
  pageOf(inboxEntrySchema),
);

// Who reads an e-mail: the vendor's contact, or an operator group (PROCESS.md, Actors and roles).
export const EMAIL_AUDIENCES = ['vendor', 'incert', 'aes'] as const;
export type EmailAudience = (typeof EMAIL_AUDIENCES)[number];

// WARNING: persisted status strings; never rename one.
export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'not_sent', 'recipient_unknown'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const emailMessageSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  caseId: z.string(),
  vendorId: z.string().nullable(),
  audience: z.enum(EMAIL_AUDIENCES),
  to: z.array(z.string()),
  locale: z.enum(['fr', 'en']),
  subject: z.string().nullable(),
  status: z.enum(EMAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type EmailMessageDto = z.infer<typeof emailMessageSchema>;

export const listEmails = defineCommand(
  'sons.notifications.email.list',
  'E-mail notifications and their delivery status (operators)',
  pageQuerySchema.extend({
    caseId: z.string().max(100).optional(),
    eventType: z.string().max(200).optional(),
    status: z.enum(EMAIL_STATUSES).optional(),
  }),
  pageOf(emailMessageSchema),
);

// Answered by the enrolment service: where a vendor's e-mails go. The notifications service asks it for each
// vendor e-mail and records "recipient unknown" when nobody answers.
export const vendorContact = defineCommand(
  'sons.enrolment.vendor.contact',
  "A vendor's contact for notifications: its enrolled name, contact e-mail and preferred language",
  z.object({ vendorId: uuid }),
  z.object({ vendorId: uuid, name: z.string(), email: z.string().email(), locale: z.enum(['fr', 'en']) }),
);
