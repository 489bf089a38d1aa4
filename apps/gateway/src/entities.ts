import { AuditEntry } from './audit/audit-entry.entity.js';
import { OneTimeToken } from './identity/one-time-token.entity.js';
import { Session } from './identity/session.entity.js';
import { User } from './identity/user.entity.js';
import { FormDefinitionVersion } from './forms/form-definition-version.entity.js';
import { FormSubmission } from './forms/form-submission.entity.js';

export const ENTITIES = [User, Session, OneTimeToken, AuditEntry, FormDefinitionVersion, FormSubmission];
