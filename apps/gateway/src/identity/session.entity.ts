import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// Server-side sessions: the cookie holds a random token, the table only its SHA-256.
@Entity({ tableName: 'user_session' })
export class Session {
  @PrimaryKey({ length: 64 })
  tokenHash!: string;

  @Property({ length: 36 })
  @Index()
  userId!: string;

  @Property({ length: 64 })
  csrfToken!: string;

  @Property()
  createdAt: Date = new Date();

  @Property()
  expiresAt!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  ip?: string | null = null;
}
