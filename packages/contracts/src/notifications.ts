import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.js';
import { defineCommand } from './registry.js';

export const inboxEntrySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  caseId: z.string(),
  vendorId: z.string().nullable(),
  sequence: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
});
export type InboxEntry = z.infer<typeof inboxEntrySchema>;

export const listInbox = defineCommand(
  'sons.notifications.inbox.list',
  'Case events recorded by the notifications service (in-app notifications)',
  pageQuerySchema.extend({ caseId: z.string().optional() }),
  pageOf(inboxEntrySchema),
);
