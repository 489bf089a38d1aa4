import { Inject, Injectable } from '@nestjs/common';
import { DomainError, OPERATOR_ROLES, type Caller, type Role } from '@sons/contracts';
import { CONFIG, UnitOfWork, type EntityManager } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import type { AuditChanges } from '../audit/audit-entry.entity.js';
import { accountSetupMail } from '../mail/messages.js';
import { IdentityService, newToken, toPublicUser, type PublicUser } from './identity.service.js';
import { User } from './user.entity.js';

const userNotFound = () => new DomainError('USER_NOT_FOUND', 404, { fr: 'Utilisateur introuvable.', en: 'User not found.' });
const lastAdmin = () =>
  new DomainError('LAST_ADMIN', 409, {
    fr: 'C’est le dernier administrateur actif : créez ou activez d’abord un autre administrateur.',
    en: 'This is the last active admin: create or activate another admin first.',
  });

export type UserQuery = { role?: Role; vendorId?: string; cursor?: string; limit: number };

// Operator accounts (PROCESS.md, Actors): the platform admin creates INCERT, AeS, read-only (CNS/CISS) and admin users.
// A new operator receives a one-time link to choose its own password: no one else ever knows it.
@Injectable()
export class UserAdminService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  async createOperator(
    caller: Caller | null,
    input: { email: string; displayName: string; roles: Role[]; locale: 'fr' | 'en' },
  ): Promise<{ user: PublicUser; setupLinkExpiresAt: string }> {
    const email = input.email.trim().toLowerCase();
    const { user, expiresAt, token } = await this.uow.run(async (em) => {
      const created = await this.identity.insertUser(em, {
        email,
        passwordHash: await this.identity.hashPassword(newToken()),
        displayName: input.displayName,
        roles: input.roles,
        locale: input.locale,
        createdBy: caller?.userId ?? null,
      });
      const setup = await this.issueSetupLink(em, created, caller?.userId ?? null);
      return { user: created, ...setup };
    });
    await this.identity.send(
      accountSetupMail(user.email, this.identity.link('/account-setup', token), user.roles, expiresAt, user.locale),
    );
    return { user: toPublicUser(user), setupLinkExpiresAt: expiresAt.toISOString() };
  }

  async issueSetupLink(em: EntityManager, user: User, createdBy: string | null): Promise<{ token: string; expiresAt: Date }> {
    await this.identity.revokeTokens(em, { purpose: ['account_setup'], userId: user.id });
    const token = newToken();
    const entity = this.identity.tokenEntity({
      token,
      purpose: 'account_setup',
      email: user.email,
      userId: user.id,
      createdBy,
      ttlMs: this.config.INVITATION_TTL_DAYS * 24 * 3600 * 1000,
    });
    em.persist(entity);
    return { token, expiresAt: entity.expiresAt };
  }

  async list(query: UserQuery): Promise<{ items: PublicUser[]; nextCursor: string | null }> {
    const em = this.uow.fork();
    const where = query.vendorId ? { vendorId: query.vendorId } : {};
    // Roles are a JSON array: filter after the keyset page (bounded), read a few pages at most.
    const items: User[] = [];
    let cursor = query.cursor;
    for (let page = 0; page < 20 && items.length <= query.limit; page++) {
      const rows = await em.find(
        User,
        { ...where, ...(cursor ? { email: { $gt: cursor } } : {}) },
        { orderBy: { email: 'asc' }, limit: 200 },
      );
      items.push(...rows.filter((u) => !query.role || u.roles.includes(query.role)));
      if (rows.length < 200) break;
      cursor = rows.at(-1)!.email;
    }
    const page = items.slice(0, query.limit);
    return { items: page.map(toPublicUser), nextCursor: items.length > query.limit ? (page.at(-1)?.email ?? null) : null };
  }

  async get(userId: string): Promise<PublicUser> {
    const user = await this.uow.fork().findOne(User, { id: userId });
    if (!user) throw userNotFound();
    return toPublicUser(user);
  }

  private async activeAdmins(em: EntityManager): Promise<User[]> {
    return (await em.find(User, { active: true, vendorId: null }, { limit: 10_000 })).filter((u) => u.roles.includes('admin'));
  }

  async setRoles(caller: Caller, userId: string, roles: Role[]): Promise<{ user: PublicUser; audit: AuditChanges }> {
    return this.uow.run(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw userNotFound();
      if (!user.roles.every((r) => (OPERATOR_ROLES as readonly string[]).includes(r))) {
        throw new DomainError('NOT_AN_OPERATOR', 409, {
          fr: 'Les rôles d’un utilisateur d’industriel sont gérés par l’administrateur de son organisation.',
          en: 'A vendor user’s roles are managed by its organisation’s admin.',
        });
      }
      if (user.roles.includes('admin') && !roles.includes('admin') && (await this.activeAdmins(em)).length <= 1)
        throw lastAdmin();
      const before = { roles: [...user.roles] };
      user.roles = [...new Set(roles)];
      if (caller.userId !== user.id) await this.identity.endSessions(em, user.id);
      return { user: toPublicUser(user), audit: { before, after: { roles: user.roles } } };
    });
  }

  async setActive(caller: Caller, userId: string, active: boolean): Promise<{ user: PublicUser; audit: AuditChanges }> {
    return this.uow.run(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw userNotFound();
      if (!active && user.id === caller.userId) {
        throw new DomainError('CANNOT_DEACTIVATE_SELF', 409, {
          fr: 'Vous ne pouvez pas désactiver votre propre compte.',
          en: 'You cannot deactivate your own account.',
        });
      }
      if (!active && user.roles.includes('admin') && user.active && (await this.activeAdmins(em)).length <= 1) throw lastAdmin();
      const before = { active: user.active };
      user.active = active;
      if (active) {
        user.failedLogins = 0;
        user.lockedUntil = null;
      } else {
        await this.identity.endSessions(em, user.id);
      }
      return { user: toPublicUser(user), audit: { before, after: { active } } };
    });
  }

  // Lost authenticator: the admin turns the second factor off; the user enrols again at next sign-in.
  async resetTotp(userId: string): Promise<{ user: PublicUser; audit: AuditChanges }> {
    return this.uow.run(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw userNotFound();
      const before = { totpEnabled: Boolean(user.totpSecret) };
      user.totpSecret = null;
      user.totpPendingSecret = null;
      user.totpLastStep = null;
      return { user: toPublicUser(user), audit: { before, after: { totpEnabled: false } } };
    });
  }
}
