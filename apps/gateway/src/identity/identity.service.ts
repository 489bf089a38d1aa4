import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { raw } from '@mikro-orm/sql';
import * as argon2 from 'argon2';
import { DomainError, type Caller, type Role } from '@sons/contracts';
import { CONFIG, LOGGER, SystemClock, UnitOfWork, type EntityManager, type Logger } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import { MAILER, type Mailer, type MailMessage } from '../mail/mailer.js';
import { lockoutMail, passwordResetMail } from '../mail/messages.js';
import { OneTimeToken, type TokenPurpose } from './one-time-token.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

export const SESSION_COOKIE = 'sons_session';
const SESSION_TTL_MS = 8 * 3600 * 1000;
export const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60 * 1000;
const TOTP_CHALLENGE_TTL_MS = 5 * 60 * 1000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export type PublicUser = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  vendorId: string | null;
  locale: 'fr' | 'en';
  demo: boolean;
  active: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
};
export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  roles: u.roles,
  vendorId: u.vendorId ?? null,
  locale: u.locale,
  demo: u.demo,
  active: u.active,
  totpEnabled: Boolean(u.totpSecret),
  lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
});

export type OpenedSession = { token: string; csrfToken: string; user: User };
// A correct password on an account with a second factor opens no session: it answers a short-lived challenge.
export type LoginResult = ({ kind: 'session' } & OpenedSession) | { kind: 'totp'; challenge: string; user: User };

const invalidCredentials = () =>
  new DomainError('INVALID_CREDENTIALS', 401, {
    fr: 'E-mail ou mot de passe incorrect.',
    en: 'Wrong e-mail or password.',
  });

export const lockedError = (lockedUntil: Date) =>
  new DomainError(
    'ACCOUNT_LOCKED',
    429,
    {
      fr: `Trop de tentatives : compte verrouillé jusqu’à ${lockedUntil.toISOString().slice(11, 16)} UTC. Réessayez plus tard ou réinitialisez votre mot de passe (un e-mail vous a été envoyé).`,
      en: `Too many attempts: account locked until ${lockedUntil.toISOString().slice(11, 16)} UTC. Try later or reset your password (an e-mail was sent to you).`,
    },
    { meta: { lockedUntil: lockedUntil.toISOString() } },
  );

const linkInvalid = () =>
  new DomainError('LINK_INVALID', 400, {
    fr: 'Ce lien n’est pas valide ou a déjà été utilisé. Demandez-en un nouveau.',
    en: 'This link is not valid or was already used. Ask for a new one.',
  });
const linkExpired = (at: Date) =>
  new DomainError(
    'LINK_EXPIRED',
    400,
    {
      fr: `Ce lien a expiré le ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC. Demandez-en un nouveau.`,
      en: `This link expired at ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC. Ask for a new one.`,
    },
    { meta: { expiredAt: at.toISOString() } },
  );

// Hash of a random password nobody knows: accounts created by an admin or at first start until their owner sets one.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0Xr7GvKqTzzDkWfC0mJtY9GL4yV1v7A3Yv2H1cRrYpI';

@Injectable()
export class IdentityService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  link(path: string, token: string): string {
    // The token rides in the fragment: browsers never send it to a server or in a Referer header.
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${path}#token=${token}`;
  }

  // Identity mail is best effort where the caller must not learn the outcome (reset, lockout); the failure is logged.
  async sendQuietly(message: MailMessage): Promise<void> {
    try {
      await this.mailer.send(message);
    } catch (error) {
      this.log.error({ err: error, to: message.to, subject: message.subject }, 'identity e-mail could not be sent');
    }
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.mailer.send(message);
    } catch (error) {
      this.log.error({ err: error, to: message.to, subject: message.subject }, 'identity e-mail could not be sent');
      throw new DomainError(
        'MAIL_UNAVAILABLE',
        503,
        {
          fr: 'L’e-mail n’a pas pu être envoyé. Réessayez dans quelques minutes.',
          en: 'The e-mail could not be sent. Retry in a few minutes.',
        },
        { retryable: true },
      );
    }
  }

  async createUser(input: {
    email: string;
    password?: string;
    displayName: string;
    roles: Role[];
    vendorId?: string | null;
    demo?: boolean;
    locale?: 'fr' | 'en';
    createdBy?: string | null;
  }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = input.password ? await this.hashPassword(input.password) : DUMMY_HASH;
    return this.uow.run(async (em) => this.insertUser(em, { ...input, email, passwordHash }));
  }

  async insertUser(
    em: EntityManager,
    input: {
      email: string;
      passwordHash: string;
      displayName: string;
      roles: Role[];
      vendorId?: string | null;
      demo?: boolean;
      locale?: 'fr' | 'en';
      createdBy?: string | null;
    },
  ): Promise<User> {
    if (await em.findOne(User, { email: input.email })) {
      throw new DomainError(
        'EMAIL_TAKEN',
        409,
        {
          fr: 'Un compte existe déjà pour cet e-mail. Connectez-vous ou réinitialisez le mot de passe.',
          en: 'An account already exists for this e-mail. Sign in or reset the password.',
        },
        { meta: { field: 'email' } },
      );
    }
    const user = Object.assign(new User(), {
      email: input.email,
      passwordHash: input.passwordHash,
      displayName: input.displayName,
      roles: input.roles,
      vendorId: input.vendorId ?? null,
      demo: input.demo ?? false,
      locale: input.locale ?? 'fr',
      createdBy: input.createdBy ?? null,
      createdAt: this.clock.now(),
    });
    em.persist(user);
    return user;
  }

  // Password step of sign-in: lockout after MAX_FAILED_LOGINS wrong passwords (with an e-mailed notice).
  async login(email: string, password: string, ip: string | undefined): Promise<LoginResult> {
    const now = this.clock.now();
    const normalized = email.trim().toLowerCase();
    const user = await this.uow.fork().findOne(User, { email: normalized });
    if (!user || !user.active) {
      // Same work and answer whether or not the account exists.
      await argon2.verify(DUMMY_HASH, password).catch(() => false);
      throw invalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil);
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!ok) await this.failedAttempt(user.id, invalidCredentials());
    if (user.totpSecret) {
      const challenge = newToken();
      await this.uow.run(async (em) => {
        em.persist(
          this.tokenEntity({
            token: challenge,
            purpose: 'totp_challenge',
            email: user.email,
            userId: user.id,
            ttlMs: TOTP_CHALLENGE_TTL_MS,
          }),
        );
      });
      return { kind: 'totp', challenge, user };
    }
    return { kind: 'session', ...(await this.openSession(user.id, ip)) };
  }

  // Counts a failed first or second factor; the attempt that reaches the limit locks the account and says so.
  async failedAttempt(userId: string, error: DomainError): Promise<never> {
    const now = this.clock.now();
    // Atomic updates (no read-modify-write): concurrent wrong attempts all count, and exactly one of them locks.
    const locked = await this.uow.run(async (em) => {
      await em.nativeUpdate(User, { id: userId }, { failedLogins: raw('failed_logins + 1') });
      const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
      const touched = await em.nativeUpdate(
        User,
        { id: userId, failedLogins: { $gte: MAX_FAILED_LOGINS } },
        { lockedUntil, failedLogins: 0 },
      );
      if (touched !== 1) return null;
      const user = await em.findOneOrFail(User, { id: userId });
      return { email: user.email, locale: user.locale, lockedUntil };
    });
    if (!locked) throw error;
    this.log.warn({ userId, lockedUntil: locked.lockedUntil.toISOString() }, 'account locked after repeated failed sign-ins');
    await this.sendQuietly(
      lockoutMail(locked.email, locked.lockedUntil, `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/login`, locked.locale),
    );
    throw lockedError(locked.lockedUntil);
  }

  async openSession(userId: string, ip: string | undefined): Promise<OpenedSession> {
    const now = this.clock.now();
    return this.uow.run(async (em) => {
      // A plain update, not a versioned one: two sign-ins of one account at once (two tabs) must both succeed.
      await em.nativeUpdate(User, { id: userId }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      const fresh = await em.findOneOrFail(User, { id: userId });
      const token = newToken();
      const csrfToken = randomBytes(24).toString('base64url');
      em.persist(
        Object.assign(new Session(), {
          tokenHash: sha256(token),
          userId: fresh.id,
          csrfToken,
          createdAt: now,
          expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
          ip: ip ?? null,
        }),
      );
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

  // --- one-time tokens -------------------------------------------------------------------------------------------

  tokenEntity(input: {
    token: string;
    purpose: TokenPurpose;
    email: string;
    userId?: string | null;
    vendorId?: string | null;
    roles?: Role[] | null;
    createdBy?: string | null;
    ttlMs: number;
  }): OneTimeToken {
    const now = this.clock.now();
    return Object.assign(new OneTimeToken(), {
      tokenHash: sha256(input.token),
      purpose: input.purpose,
      email: input.email,
      userId: input.userId ?? null,
      vendorId: input.vendorId ?? null,
      roles: input.roles ?? null,
      createdBy: input.createdBy ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.ttlMs),
    });
  }

  // Loads a live token of one of the purposes; `consume` marks it used with a conditional update that must touch
  // exactly one row, so two concurrent uses of one link cannot both succeed.
  async findLiveToken(em: EntityManager, token: string, purposes: TokenPurpose[]): Promise<OneTimeToken> {
    const found = await em.findOne(OneTimeToken, { tokenHash: sha256(token), purpose: { $in: purposes } });
    if (!found || found.usedAt || found.revokedAt) throw linkInvalid();
    if (found.expiresAt <= this.clock.now()) throw linkExpired(found.expiresAt);
    return found;
  }

  async consume(em: EntityManager, token: OneTimeToken): Promise<void> {
    const touched = await em.nativeUpdate(
      OneTimeToken,
      { id: token.id, usedAt: null, revokedAt: null },
      { usedAt: this.clock.now() },
    );
    if (touched !== 1) throw linkInvalid();
  }

  async revokeTokens(
    em: EntityManager,
    where: { purpose: TokenPurpose[]; userId?: string; email?: string; vendorId?: string },
  ): Promise<void> {
    await em.nativeUpdate(
      OneTimeToken,
      {
        purpose: { $in: where.purpose },
        usedAt: null,
        revokedAt: null,
        ...(where.userId ? { userId: where.userId } : {}),
        ...(where.email ? { email: where.email } : {}),
        ...(where.vendorId ? { vendorId: where.vendorId } : {}),
      },
      { revokedAt: this.clock.now() },
    );
  }

  // --- password reset ---------------------------------------------------------------------------------------------

  // Always the same answer to the caller (no account enumeration); the link goes only to the account's address.
  async requestPasswordReset(email: string): Promise<{ userId: string | null }> {
    const normalized = email.trim().toLowerCase();
    const ttlMs = this.config.PASSWORD_RESET_TTL_MINUTES * 60_000;
    const token = newToken();
    const user = await this.uow.run(async (em) => {
      const found = await em.findOne(User, { email: normalized });
      if (!found || !found.active) return null;
      await this.revokeTokens(em, { purpose: ['password_reset'], userId: found.id });
      em.persist(this.tokenEntity({ token, purpose: 'password_reset', email: found.email, userId: found.id, ttlMs }));
      return found;
    });
    if (!user) return { userId: null };
    await this.sendQuietly(
      passwordResetMail(
        user.email,
        this.link('/reset-password', token),
        new Date(this.clock.now().getTime() + ttlMs),
        user.locale,
      ),
    );
    return { userId: user.id };
  }

  // Reset and first-password links: sets the password, lifts a lockout, ends every session of the account.
  async setPasswordWithToken(token: string, password: string): Promise<User> {
    const passwordHash = await this.hashPassword(password);
    return this.uow.run(async (em) => {
      const live = await this.findLiveToken(em, token, ['password_reset', 'account_setup']);
      await this.consume(em, live);
      const user = await em.findOne(User, { id: live.userId ?? '' });
      if (!user || !user.active) throw linkInvalid();
      user.passwordHash = passwordHash;
      user.failedLogins = 0;
      user.lockedUntil = null;
      await this.revokeTokens(em, { purpose: ['password_reset', 'account_setup'], userId: user.id });
      await em.nativeDelete(Session, { userId: user.id });
      return user;
    });
  }

  async endSessions(em: EntityManager, userId: string): Promise<void> {
    await em.nativeDelete(Session, { userId });
  }
}
