import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CONFIG, LOGGER, type Logger } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { seedDemoAccounts } from './demo-accounts.js';
import { IdentityService } from './identity.service.js';

@Module({
  controllers: [AuthController],
  providers: [IdentityService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [IdentityService],
})
export class IdentityModule implements OnApplicationBootstrap {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SONS_DEMO_ACCOUNTS === 'on') await seedDemoAccounts(this.identity, this.log);
  }
}
