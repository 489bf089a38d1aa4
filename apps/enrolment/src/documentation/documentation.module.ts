import { Module } from '@nestjs/common';
import { EnrolmentModule } from '../enrolment/enrolment.module.js';
import { DocumentationHandlers } from './documentation.handlers.js';
import { DocumentationService } from './documentation.service.js';

@Module({ imports: [EnrolmentModule], providers: [DocumentationService, DocumentationHandlers] })
export class DocumentationModule {}
