import { z } from 'zod';

// The authenticated caller travels in NATS headers so every service re-checks ownership itself.
export const OPERATOR_ROLES = ['incert', 'aes', 'readonly', 'admin'] as const;
export const VENDOR_ROLES = ['vendor_admin', 'vendor_member'] as const;
export const ROLES = [...OPERATOR_ROLES, ...VENDOR_ROLES] as const;
export type Role = (typeof ROLES)[number];

export const callerSchema = z.object({
  userId: z.string(),
  email: z.string().optional(),
  vendorId: z.string().uuid().nullable().optional(),
  roles: z.array(z.enum(ROLES)),
  ip: z.string().optional(),
});
export type Caller = z.infer<typeof callerSchema>;

export const SYSTEM_CALLER: Caller = { userId: 'system', roles: ['admin'], vendorId: null };

export const isOperator = (caller: Caller): boolean =>
  caller.roles.some((r) => (OPERATOR_ROLES as readonly string[]).includes(r));
export const hasRole = (caller: Caller, ...roles: Role[]): boolean => caller.roles.some((r) => roles.includes(r));
