import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Role } from '@sons/contracts';

@Entity({ tableName: 'user_account' })
export class User {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 320, unique: true })
  email!: string;

  @Property({ length: 300 })
  passwordHash!: string;

  @Property({ length: 200 })
  displayName!: string;

  @Property({ type: 'json' })
  roles: Role[] = [];

  // The vendor (Industriel) this user acts for; null for operators and for a vendor user not yet enrolled.
  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  vendorId?: string | null = null;

  @Property({ length: 2 })
  locale: 'fr' | 'en' = 'fr';

  @Property()
  failedLogins: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null = null;

  // TOTP second factor (operators): secrets are encrypted at rest with SONS_SECRET_KEY (secret-box.ts).
  @Property({ type: 'string', length: 100, nullable: true })
  totpSecret?: string | null = null;

  // Enrolment in progress: becomes totpSecret once the user proves it with a first code.
  @Property({ type: 'string', length: 200, nullable: true })
  totpPendingSecret?: string | null = null;

  // Last accepted TOTP time step: a code is never accepted twice (replay).
  @Property({ type: 'integer', nullable: true })
  totpLastStep?: number | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  createdBy?: string | null = null;

  @Property()
  demo: boolean = false;

  @Property()
  active: boolean = true;

  @Property()
  createdAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}
