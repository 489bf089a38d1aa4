import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { DomainError } from '@sons/contracts';
import { CONFIG, SystemClock, UnitOfWork } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import { IdentityService, lockedError, type OpenedSession } from './identity.service.js';
import { SecretBox } from './secret-box.js';
import { User } from './user.entity.js';

const ISSUER = 'SONS Vague 2';
// One 30-second step either side: clocks of phones drift.
const TOLERANCE_SECONDS = 30;

const codeInvalid = () =>
  new DomainError('TOTP_CODE_INVALID', 401, {
    fr: 'Code à usage unique incorrect ou déjà utilisé. Saisissez le code à 6 chiffres affiché maintenant par votre application.',
    en: 'Wrong or already used one-time code. Enter the 6-digit code your authenticator app shows now.',
  });

// Optional second factor for operators (RFC 6238, compatible with every authenticator app).
@Injectable()
export class TotpService {
  private readonly box: SecretBox;
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CONFIG) config: GatewayConfig,
  ) {
    this.box = new SecretBox(config.SONS_SECRET_KEY);
  }

  private async check(sealed: string, code: string, afterTimeStep?: number | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret: this.box.open(sealed),
      token: code,
      epoch: Math.floor(this.clock.now().getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterTimeStep != null ? { afterTimeStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  // Step 1: a new secret, pending until the user proves it with a first code (so a mistyped setup never locks out).
  async enrol(userId: string): Promise<{ secret: string; otpauthUri: string }> {
    const secret = generateSecret();
    const user = await this.uow.run(async (em) => {
      const found = await em.findOneOrFail(User, { id: userId });
      if (found.totpSecret) {
        throw new DomainError('TOTP_ALREADY_ENABLED', 409, {
          fr: 'La double authentification est déjà active. Désactivez-la d’abord pour changer d’appareil.',
          en: 'Two-factor authentication is already on. Turn it off first to change device.',
        });
      }
      found.totpPendingSecret = this.box.seal(secret);
      return found;
    });
    return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
  }

  async confirm(userId: string, code: string): Promise<void> {
    const user = await this.uow.fork().findOneOrFail(User, { id: userId });
    if (!user.totpPendingSecret) {
      throw new DomainError('TOTP_NOT_ENROLLING', 409, {
        fr: 'Aucune activation en cours : commencez par demander un nouveau secret.',
        en: 'No set-up in progress: ask for a new secret first.',
      });
    }
    const step = await this.check(user.totpPendingSecret, code);
    if (step === null) throw codeInvalid();
    await this.uow.run(async (em) => {
      const fresh = await em.findOneOrFail(User, { id: userId });
      fresh.totpSecret = fresh.totpPendingSecret;
      fresh.totpPendingSecret = null;
      fresh.totpLastStep = step;
    });
  }

  async disable(userId: string, code: string): Promise<void> {
    const user = await this.uow.fork().findOneOrFail(User, { id: userId });
    if (!user.totpSecret) return;
    const step = await this.check(user.totpSecret, code, user.totpLastStep);
    if (step === null) throw codeInvalid();
    await this.uow.run(async (em) => {
      const fresh = await em.findOneOrFail(User, { id: userId });
      fresh.totpSecret = null;
      fresh.totpPendingSecret = null;
      fresh.totpLastStep = null;
    });
  }

  // Second step of sign-in: the challenge from the password step plus a fresh code. Wrong codes count towards lockout.
  async completeLogin(challenge: string, code: string, ip: string | undefined): Promise<OpenedSession> {
    const live = await this.identity.findLiveToken(this.uow.fork(), challenge, ['totp_challenge']);
    const user = await this.uow.fork().findOne(User, { id: live.userId ?? '' });
    if (!user || !user.active || !user.totpSecret) throw codeInvalid();
    if (user.lockedUntil && user.lockedUntil > this.clock.now()) throw lockedError(user.lockedUntil);
    const step = await this.check(user.totpSecret, code, user.totpLastStep);
    if (step === null) return this.identity.failedAttempt(user.id, codeInvalid());
    await this.uow.run(async (em) => {
      await this.identity.consume(em, live);
      // A code is accepted once: the conditional update fails if another request used this or a later step.
      const touched = await em.nativeUpdate(
        User,
        { id: user.id, $or: [{ totpLastStep: null }, { totpLastStep: { $lt: step } }] },
        { totpLastStep: step },
      );
      if (touched !== 1) throw codeInvalid();
    });
    return this.identity.openSession(user.id, ip);
  }
}
