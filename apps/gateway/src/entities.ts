import { AuditEntry } from './audit/audit-entry.entity.js';
import { OneTimeToken } from './identity/one-time-token.entity.js';
import { Session } from './identity/session.entity.js';
import { User } from './identity/user.entity.js';

export const ENTITIES = [User, Session, OneTimeToken, AuditEntry];
