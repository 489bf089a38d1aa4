import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

// WARNING: persisted strings, never rename.
export type AuditAction = 'command' | 'read';
export type AuditOutcome = 'success' | 'denied' | 'failed';
export type AuditChanges = { before: Record<string, unknown> | null; after: Record<string, unknown> | null };

// The audit trail: append-only (no code path updates or deletes a row). Entries form one hash chain per case
// (`chain` = the case id, or 'global'): `hash` = SHA-256(prevHash + canonical JSON of the entry), and
// (chain, seq) is unique, so two writers can never fork a chain — the loser retries on the new head.
@Entity({ tableName: 'audit_entry' })
@Unique({ properties: ['chain', 'seq'] })
@Index({ properties: ['caseId', 'id'] })
@Index({ properties: ['userId', 'id'] })
// The period filter (from/to) of the view and the export.
@Index({ properties: ['at', 'id'] })
export class AuditEntry {
  // Monotonic: the keyset for the operator view and the export.
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ length: 64 })
  chain!: string;

  @Property()
  seq!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 10 })
  action!: AuditAction;

  // For reads of confidential data: what was read ('iban', 'nda', 'evidence', 'technical-documentation', …).
  @Property({ type: 'string', length: 50, nullable: true })
  resource?: string | null = null;

  @Property({ length: 10 })
  method!: string;

  // The route pattern (e.g. /api/enrolments/:id) and the concrete path (no query string).
  @Property({ length: 300 })
  route!: string;

  @Property({ length: 500 })
  path!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  caseId?: string | null = null;

  @Property()
  status!: number;

  @Property({ type: 'string', length: 10 })
  outcome!: AuditOutcome;

  @Property({ type: 'string', length: 36, nullable: true })
  userId?: string | null = null;

  @Property({ type: 'string', length: 320, nullable: true })
  email?: string | null = null;

  @Property({ type: 'json' })
  roles: string[] = [];

  @Property({ type: 'string', length: 36, nullable: true })
  vendorId?: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  ip?: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent?: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  correlationId?: string | null = null;

  // Old → new values of a change, when the route reports them.
  @Property({ type: 'json', nullable: true })
  changes?: AuditChanges | null = null;

  // Route-specific facts that are not the caller (e.g. the e-mail a sign-in was attempted for, an error code).
  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null = null;

  @Property({ length: 64 })
  prevHash!: string;

  @Property({ length: 64 })
  hash!: string;
}
