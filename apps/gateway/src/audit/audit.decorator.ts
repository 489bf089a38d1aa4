import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller } from '@sons/contracts';
import type { AuditChanges } from './audit-entry.entity.js';

// Reads of confidential data are audited (PROCESS.md Phase 1.3: "every download is logged"): mark the route.
export type ConfidentialResource = 'iban' | 'nda' | 'evidence' | 'technical-documentation' | 'audit-trail' | (string & {});
export const AUDIT_READ_METADATA = 'sons:audit-read';
export const AuditRead = (resource: ConfidentialResource) => SetMetadata(AUDIT_READ_METADATA, resource);

// A route may tell the audit trail more than the interceptor can see: the case it acted on, the old → new values, the
// account a sign-in was for. (A service may instead return `audit: { before, after }` in its response: the
// interceptor records it and strips it before the response leaves.)
export type AuditNote = { caseId?: string; changes?: AuditChanges; actor?: Caller; details?: Record<string, unknown> };
type Noted = Request & { auditNote?: AuditNote };

export function auditNote(request: Request, note: AuditNote): void {
  const target = request as Noted;
  target.auditNote = { ...target.auditNote, ...note, details: { ...target.auditNote?.details, ...note.details } };
}

export const auditNoteOf = (request: Request): AuditNote => (request as Noted).auditNote ?? {};
