import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { InvoicesController, TransferBatchesController } from './billing/billing.controller.js';
import { ConnectionController } from './connection/connection.controller.js';
import { DocumentTemplatesController, DocumentsController } from './documents/documents.controller.js';
import { DocumentationController } from './enrolment/documentation.controller.js';
import { EnrolmentController } from './enrolment/enrolment.controller.js';
import { ChangeRequestsController, VendorsController } from './enrolment/vendors.controller.js';
import { EventsController } from './events/events.controller.js';
import { NotificationsController } from './events/notifications.controller.js';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { IdentityModule } from './identity/identity.module.js';
import { LabellingController } from './labelling/labelling.controller.js';
import { RegistryController } from './labelling/registry.controller.js';
import { MailModule } from './mail/mail.module.js';
import { FormsModule } from './forms/forms.module.js';
import { ProgrammeController } from './programme/programme.controller.js';
import { VerifyController } from './verify/verify.controller.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';

@Module({
  imports: [MailModule, AuditModule, IdentityModule, FormsModule],
  controllers: [
    HealthController,
    EnrolmentController,
    AttachmentsController,
    ProgrammeController,
    EventsController,
    NotificationsController,
    WebhooksController,
    VendorsController,
    ChangeRequestsController,
    DocumentationController,
    ConnectionController,
    InvoicesController,
    TransferBatchesController,
    LabellingController,
    RegistryController,
    DocumentTemplatesController,
    DocumentsController,
    VerifyController,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}
