import { Module } from '@nestjs/common';
import { EnrolmentHandlers } from './enrolment.handlers.js';
import { EnrolmentService } from './enrolment.service.js';

@Module({ providers: [EnrolmentService, EnrolmentHandlers], exports: [EnrolmentService] })
export class EnrolmentModule {}
