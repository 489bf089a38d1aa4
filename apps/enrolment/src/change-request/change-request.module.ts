import { Module } from '@nestjs/common';
import { EnrolmentModule } from '../enrolment/enrolment.module.js';
import { ChangeRequestHandlers } from './change-request.handlers.js';
import { ChangeRequestService } from './change-request.service.js';

@Module({ imports: [EnrolmentModule], providers: [ChangeRequestService, ChangeRequestHandlers] })
export class ChangeRequestModule {}
