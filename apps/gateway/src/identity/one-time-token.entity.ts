import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Role } from '@sons/contracts';

// WARNING: persisted strings, never rename.
export type TokenPurpose = 'password_reset' | 'account_setup' | 'invitation' | 'totp_challenge';

// E-mailed one-time links and login challenges: only the SHA-256 of the token is stored; single use (usedAt is set by
// a conditional update that must touch one row); every token expires.
@Entity({ tableName: 'identity_token' })
@Index({ properties: ['purpose', 'email'] })
export class OneTimeToken {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'string', length: 20 })
  purpose!: TokenPurpose;

  @Property({ length: 320 })
  email!: string;

  // The account it acts on (reset, setup, challenge); null for an invitation until accepted.
  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  userId?: string | null = null;

  // Invitation: the vendor the new member joins and the roles it gets.
  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  vendorId?: string | null = null;

  @Property({ type: 'json', nullable: true })
  roles?: Role[] | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  createdBy?: string | null = null;

  @Property()
  createdAt: Date = new Date();

  @Property()
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null = null;
}
