import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@sons/contracts';
import { CONFIG, SystemClock, UnitOfWork } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import type { AuditChanges } from '../audit/audit-entry.entity.js';
import { invitationMail } from '../mail/messages.js';
import { IdentityService, newToken, toPublicUser, type OpenedSession, type PublicUser } from './identity.service.js';
import { OneTimeToken } from './one-time-token.entity.js';
import { User } from './user.entity.js';

export type Invitation = { invitationId: string; email: string; roles: string[]; expiresAt: string; createdAt: string };
const toInvitation = (t: OneTimeToken): Invitation => ({
  invitationId: t.id,
  email: t.email,
  roles: t.roles ?? [],
  expiresAt: t.expiresAt.toISOString(),
  createdAt: t.createdAt.toISOString(),
});

// A vendor user sees only its own vendor's people: another vendor's user or invitation answers 404, never 403.
const memberNotFound = () =>
  new DomainError('MEMBER_NOT_FOUND', 404, {
    fr: 'Membre introuvable dans votre organisation.',
    en: 'Member not found in your organisation.',
  });
const notEnrolled = () =>
  new DomainError('VENDOR_NOT_ENROLLED', 409, {
    fr: 'Votre organisation n’existe qu’après l’envoi du formulaire d’enrôlement (Formulaire 1). Envoyez-le, puis invitez vos collègues.',
    en: 'Your organisation exists only once the enrolment form (Form 1) is submitted. Submit it, then invite your colleagues.',
  });

// Vendor organisations: the user who enrols is the vendor admin (PROCESS.md, Actors); it invites members by e-mail
// and may deactivate them. Members have the vendor's case rights but cannot manage people.
@Injectable()
export class OrganisationService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private vendorOf(caller: Caller): string {
    if (!caller.vendorId) throw notEnrolled();
    return caller.vendorId;
  }

  async invite(caller: Caller, input: { email: string; locale: 'fr' | 'en' }): Promise<Invitation> {
    const vendorId = this.vendorOf(caller);
    const email = input.email.trim().toLowerCase();
    const token = newToken();
    const ttlMs = this.config.INVITATION_TTL_DAYS * 24 * 3600 * 1000;
    const { invitation, inviter } = await this.uow.run(async (em) => {
      if (await em.findOne(User, { email })) {
        throw new DomainError(
          'EMAIL_TAKEN',
          409,
          {
            fr: 'Un compte existe déjà pour cet e-mail ; un compte ne peut appartenir qu’à une organisation. Invitez une autre adresse.',
            en: 'An account already exists for this e-mail; an account belongs to one organisation only. Invite another address.',
          },
          { meta: { field: 'email' } },
        );
      }
      // A new invitation to the same address replaces the previous one.
      await this.identity.revokeTokens(em, { purpose: ['invitation'], email, vendorId });
      const entity = this.identity.tokenEntity({
        token,
        purpose: 'invitation',
        email,
        vendorId,
        roles: ['vendor_member'],
        createdBy: caller.userId,
        ttlMs,
      });
      em.persist(entity);
      const admin = await em.findOneOrFail(User, { id: caller.userId });
      return { invitation: entity, inviter: admin };
    });
    await this.identity.send(
      invitationMail(
        email,
        this.identity.link('/invitation', token),
        `${inviter.displayName} <${inviter.email}>`,
        invitation.expiresAt,
        input.locale,
      ),
    );
    return toInvitation(invitation);
  }

  async listInvitations(caller: Caller): Promise<{ items: Invitation[] }> {
    const vendorId = this.vendorOf(caller);
    const items = await this.uow
      .fork()
      .find(
        OneTimeToken,
        { purpose: 'invitation', vendorId, usedAt: null, revokedAt: null, expiresAt: { $gt: this.clock.now() } },
        { orderBy: { createdAt: 'asc' }, limit: 200 },
      );
    return { items: items.map(toInvitation) };
  }

  async revokeInvitation(caller: Caller, invitationId: string): Promise<Invitation> {
    const vendorId = this.vendorOf(caller);
    return this.uow.run(async (em) => {
      const found = await em.findOne(OneTimeToken, { id: invitationId, purpose: 'invitation', vendorId });
      if (!found || found.usedAt || found.revokedAt) {
        throw new DomainError('INVITATION_NOT_FOUND', 404, {
          fr: 'Invitation introuvable ou déjà utilisée.',
          en: 'Invitation not found or already used.',
        });
      }
      found.revokedAt = this.clock.now();
      return toInvitation(found);
    });
  }

  // Accepting creates the member's account in the inviting vendor and signs it in.
  async accept(
    input: { token: string; password: string; displayName: string; locale: 'fr' | 'en' },
    ip: string | undefined,
  ): Promise<OpenedSession> {
    const passwordHash = await this.identity.hashPassword(input.password);
    const user = await this.uow.run(async (em) => {
      const live = await this.identity.findLiveToken(em, input.token, ['invitation']);
      await this.identity.consume(em, live);
      return this.identity.insertUser(em, {
        email: live.email,
        passwordHash,
        displayName: input.displayName,
        roles: live.roles ?? ['vendor_member'],
        vendorId: live.vendorId,
        locale: input.locale,
        createdBy: live.createdBy ?? null,
      });
    });
    return this.identity.openSession(user.id, ip);
  }

  async listMembers(
    caller: Caller,
    query: { cursor?: string; limit: number },
  ): Promise<{ items: PublicUser[]; nextCursor: string | null }> {
    const vendorId = this.vendorOf(caller);
    const rows = await this.uow
      .fork()
      .find(
        User,
        { vendorId, ...(query.cursor ? { email: { $gt: query.cursor } } : {}) },
        { orderBy: { email: 'asc' }, limit: query.limit + 1 },
      );
    const items = rows.slice(0, query.limit);
    return { items: items.map(toPublicUser), nextCursor: rows.length > query.limit ? (items.at(-1)?.email ?? null) : null };
  }

  async deactivateMember(caller: Caller, userId: string): Promise<{ user: PublicUser; audit: AuditChanges }> {
    const vendorId = this.vendorOf(caller);
    return this.uow.run(async (em) => {
      const member = await em.findOne(User, { id: userId, vendorId });
      if (!member) throw memberNotFound();
      if (member.roles.includes('vendor_admin')) {
        throw new DomainError('CANNOT_DEACTIVATE_ADMIN', 409, {
          fr: 'Le compte administrateur de l’organisation ne peut pas être désactivé ici. Contactez l’Agence eSanté pour transférer l’administration.',
          en: 'The organisation’s admin account cannot be deactivated here. Contact the Agence eSanté to transfer administration.',
        });
      }
      const before = { active: member.active };
      member.active = false;
      await this.identity.endSessions(em, member.id);
      return { user: toPublicUser(member), audit: { before, after: { active: false } } };
    });
  }
}
