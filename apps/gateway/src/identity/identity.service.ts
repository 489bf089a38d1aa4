import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DomainError, type Caller, type Role } from '@sons/contracts';
import { SystemClock, UnitOfWork } from '@sons/platform';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

export const SESSION_COOKIE = 'sons_session';
const SESSION_TTL_MS = 8 * 3600 * 1000;
const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export type PublicUser = { id: string; email: string; displayName: string; roles: Role[]; vendorId: string | null; locale: 'fr' | 'en'; demo: boolean };
export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  roles: u.roles,
  vendorId: u.vendorId ?? null,
  locale: u.locale,
  demo: u.demo,
});

const invalidCredentials = () =>
  new DomainError('INVALID_CREDENTIALS', 401, {
    fr: 'E-mail ou mot de passe incorrect.',
    en: 'Wrong e-mail or password.',
  });

@Injectable()
export class IdentityService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
  ) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async createUser(input: { email: string; password: string; displayName: string; roles: Role[]; vendorId?: string | null; demo?: boolean }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.hashPassword(input.password);
    return this.uow.run(async (em) => {
      if (await em.findOne(User, { email })) {
        throw new DomainError('EMAIL_TAKEN', 409, {
          fr: 'Un compte existe déjà pour cet e-mail. Connectez-vous ou réinitialisez le mot de passe.',
          en: 'An account already exists for this e-mail. Sign in or reset the password.',
        });
      }
      const user = Object.assign(new User(), { email, passwordHash, displayName: input.displayName, roles: input.roles, vendorId: input.vendorId ?? null, demo: input.demo ?? false });
      em.persist(user);
      return user;
    });
  }

  async login(email: string, password: string, ip: string | undefined): Promise<{ token: string; csrfToken: string; user: User }> {
    const now = this.clock.now();
    const normalized = email.trim().toLowerCase();
    const user = await this.uow.fork().findOne(User, { email: normalized });
    if (!user || !user.active) {
      // Same work and answer whether or not the account exists.
      await argon2.verify('$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0Xr7GvKqTzzDkWfC0mJtY9GL4yV1v7A3Yv2H1cRrYpI', password).catch(() => false);
      throw invalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError(
        'ACCOUNT_LOCKED',
        429,
        {
          fr: `Trop de tentatives : compte verrouillé jusqu’à ${user.lockedUntil.toISOString().slice(11, 16)} UTC. Réessayez plus tard ou réinitialisez votre mot de passe.`,
          en: `Too many attempts: account locked until ${user.lockedUntil.toISOString().slice(11, 16)} UTC. Try later or reset your password.`,
        },
        { retryable: true, meta: { lockedUntil: user.lockedUntil.toISOString() } },
      );
    }
    const ok = await argon2.verify(user.passwordHash, password);
    return this.uow.run(async (em) => {
      const fresh = await em.findOneOrFail(User, { id: user.id });
      if (!ok) {
        fresh.failedLogins += 1;
        if (fresh.failedLogins >= MAX_FAILED_LOGINS) {
          fresh.lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
          fresh.failedLogins = 0;
        }
        await em.flush();
        throw invalidCredentials();
      }
      fresh.failedLogins = 0;
      fresh.lockedUntil = null;
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      em.persist(Object.assign(new Session(), { tokenHash: sha256(token), userId: fresh.id, csrfToken, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), ip: ip ?? null }));
      return { token, csrfToken, user: fresh };
    });
  }

  async logout(token: string): Promise<void> {
    await this.uow.run(async (em) => {
      await em.nativeDelete(Session, { tokenHash: sha256(token) });
    });
  }

  async resolve(token: string): Promise<{ user: User; session: Session } | null> {
    const em = this.uow.fork();
    const session = await em.findOne(Session, { tokenHash: sha256(token) });
    if (!session || session.expiresAt < this.clock.now()) return null;
    const user = await em.findOne(User, { id: session.userId });
    if (!user || !user.active) return null;
    return { user, session };
  }

  async attachVendor(userId: string, vendorId: string): Promise<void> {
    await this.uow.run(async (em) => {
      const user = await em.findOneOrFail(User, { id: userId });
      if (!user.vendorId) user.vendorId = vendorId;
    });
  }

  callerOf(user: User, ip?: string): Caller {
    return { userId: user.id, email: user.email, vendorId: user.vendorId ?? null, roles: user.roles, ...(ip ? { ip } : {}) };
  }
}
