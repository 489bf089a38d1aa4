import { Module } from '@nestjs/common';
import { ChangeRequestModule } from './change-request/change-request.module.js';
import { DocumentationModule } from './documentation/documentation.module.js';
import { EnrolmentModule } from './enrolment/enrolment.module.js';
import { SecretsModule } from './secrets/secrets.module.js';
import { VendorModule } from './vendor/vendor.module.js';

@Module({ imports: [SecretsModule, EnrolmentModule, VendorModule, ChangeRequestModule, DocumentationModule] })
export class AppModule {}
