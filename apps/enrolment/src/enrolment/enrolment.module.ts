import { Module } from '@nestjs/common';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { EnrolmentReviewService } from './enrolment-review.service.js';
import { EnrolmentHandlers } from './enrolment.handlers.js';
import { EnrolmentService } from './enrolment.service.js';
import { TestAccessService } from './test-access.service.js';

@Module({
  providers: [AttachmentRefs, EnrolmentService, EnrolmentReviewService, TestAccessService, EnrolmentHandlers],
  exports: [EnrolmentService, AttachmentRefs],
})
export class EnrolmentModule {}
