import { Module } from '@nestjs/common';
import { EnrolmentModule } from './enrolment/enrolment.module.js';

@Module({ imports: [EnrolmentModule] })
export class AppModule {}
