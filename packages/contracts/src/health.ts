import { z } from 'zod';
import { defineCommand } from './registry.js';

export const SERVICE_NAMES = ['enrolment', 'labelling', 'connection', 'billing', 'documents', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number] | 'gateway';

export const componentHealthSchema = z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() });

export const healthSchema = z.object({
  service: z.string(),
  status: z.enum(['up', 'degraded', 'down']),
  version: z.string(),
  uptimeSeconds: z.number(),
  checks: z.record(z.string(), componentHealthSchema),
});
export type Health = z.infer<typeof healthSchema>;

export const healthCommand = (service: ServiceName) =>
  defineCommand(`sons.${service}.health.check`, `Health of the ${service} service`, z.object({}).strict(), healthSchema);
