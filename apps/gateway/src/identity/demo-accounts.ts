import type { Role } from '@sons/contracts';
import type { Logger } from '@sons/platform';
import type { IdentityService } from './identity.service.js';

// Demo accounts exist only in the embedded demo start; production configuration refuses them (config.ts).
export const DEMO_ACCOUNTS: { email: string; password: string; displayName: string; roles: Role[] }[] = [
  { email: 'admin@demo.sons.lu', password: 'demo-admin-2026', displayName: 'Admin (démo)', roles: ['admin'] },
  { email: 'incert@demo.sons.lu', password: 'demo-incert-2026', displayName: 'INCERT SPOC (démo)', roles: ['incert'] },
  { email: 'aes@demo.sons.lu', password: 'demo-aes-2026', displayName: 'Agence eSanté (démo)', roles: ['aes'] },
  { email: 'cns@demo.sons.lu', password: 'demo-readonly-2026', displayName: 'CNS / CISS lecture (démo)', roles: ['readonly'] },
];

export async function seedDemoAccounts(identity: IdentityService, log: Logger): Promise<void> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    try {
      await identity.createUser({ ...account, demo: true });
      created.push(account.email);
    } catch {
      // already there
    }
  }
  log.warn(
    { accounts: DEMO_ACCOUNTS.map((a) => `${a.email} / ${a.password} (${a.roles.join(',')})`) },
    `DEMO ACCOUNTS ENABLED — for demonstration only${created.length ? `; created ${created.length}` : ''}`,
  );
}
