import { Module } from '@nestjs/common';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { LabelModule } from '../label/label.module.js';
import { SoftwareModule } from '../software/software.module.js';
import { VendorAccessModule } from '../vendor-access/vendor-access.module.js';
import { AgreementService } from './agreement.service.js';
import { LabelRequestHandlers } from './label-request.handlers.js';
import { LabelRequestService } from './label-request.service.js';
import { ReviewService } from './review.service.js';

@Module({
  imports: [LabelModule, SoftwareModule, VendorAccessModule],
  providers: [AttachmentRefs, DocumentRenderer, LabelRequestService, ReviewService, AgreementService, LabelRequestHandlers],
})
export class LabelRequestModule {}
