import {
  Inject,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { CONFIG, LOGGER, UnitOfWork, type Logger } from '@sons/platform';
import type { GatewayConfig } from '../config.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { bootstrapAdmin } from './bootstrap-admin.js';
import { seedDemoAccounts } from './demo-accounts.js';
import { IdentityService } from './identity.service.js';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationService } from './organisation.service.js';
import { rateLimiters } from './rate-limit.js';
import { RoutesController } from './routes.controller.js';
import { TotpService } from './totp.service.js';
import { UserAdminController } from './user-admin.controller.js';
import { UserAdminService } from './user-admin.service.js';

@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, OrganisationController, UserAdminController, RoutesController],
  providers: [IdentityService, TotpService, OrganisationService, UserAdminService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [IdentityService],
})
export class IdentityModule implements OnApplicationBootstrap, NestModule {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(UserAdminService) private readonly users: UserAdminService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rateLimiters(this.config).apply).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SONS_DEMO_ACCOUNTS === 'on') await seedDemoAccounts(this.identity, this.log);
    if (this.config.SONS_BOOTSTRAP_ADMIN_EMAIL)
      await bootstrapAdmin(this.config.SONS_BOOTSTRAP_ADMIN_EMAIL, this.uow, this.identity, this.users, this.log);
  }
}
