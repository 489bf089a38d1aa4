import type { Logger } from '@sons/platform';
import type { UnitOfWork } from '@sons/platform';
import { accountSetupMail } from '../mail/messages.js';
import { newToken, type IdentityService } from './identity.service.js';
import type { UserAdminService } from './user-admin.service.js';
import { User } from './user.entity.js';

// First start (issue 9 §6): a fresh installation has no users. When SONS_BOOTSTRAP_ADMIN_EMAIL is set and no real
// (non-demo) admin has ever signed in, the admin account is created and a one-time setup link is printed and mailed.
// Each restart before the link is used issues a new link (the old one stops working).
export async function bootstrapAdmin(
  email: string,
  uow: UnitOfWork,
  identity: IdentityService,
  users: UserAdminService,
  log: Logger,
): Promise<void> {
  const normalized = email.trim().toLowerCase();
  const issued = await uow.run(async (em) => {
    const admins = (await em.find(User, { active: true, demo: false, vendorId: null }, { limit: 10_000 })).filter((u) =>
      u.roles.includes('admin'),
    );
    if (admins.some((u) => u.lastLoginAt)) return null;
    let user = await em.findOne(User, { email: normalized });
    if (user && !user.roles.includes('admin')) {
      log.error(
        { email: normalized },
        'SONS_BOOTSTRAP_ADMIN_EMAIL belongs to an existing non-admin account: no bootstrap link issued',
      );
      return null;
    }
    user ??= await identity.insertUser(em, {
      email: normalized,
      passwordHash: await identity.hashPassword(newToken()),
      displayName: 'Administrateur',
      roles: ['admin'],
    });
    return { user, ...(await users.issueSetupLink(em, user, null)) };
  });
  if (!issued) return;
  const url = identity.link('/account-setup', issued.token);
  log.warn(
    { email: normalized, expiresAt: issued.expiresAt.toISOString(), url },
    'FIRST START — open this one-time link to choose the platform admin password (valid once)',
  );
  await identity.sendQuietly(accountSetupMail(normalized, url, ['admin'], issued.expiresAt, 'fr'));
}
