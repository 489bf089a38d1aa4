import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EnrolmentController } from './enrolment/enrolment.controller.js';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { IdentityModule } from './identity/identity.module.js';

@Module({
  imports: [IdentityModule],
  controllers: [HealthController, EnrolmentController],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}
