import { Inject, Injectable } from '@nestjs/common';
import {
  addLabellingEvidence,
  answerComplement,
  confirmAgreement,
  createLabellingRequest,
  failLabellingTests,
  flagEvidenceIncomplete,
  getLabellingAccess,
  getLabellingFile,
  getLabellingRequest,
  listLabellingQueue,
  listLabellingRequests,
  listQueueDecisions,
  passLabellingTests,
  requestComplement,
  resumeLabellingReview,
  sendAgreement,
  signAgreement,
  submitLabellingRequest,
  takeLabellingRequest,
  takeNextLabellingRequest,
  updateLabellingDraft,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { VendorAccessService } from '../vendor-access/vendor-access.service.js';
import { AgreementService } from './agreement.service.js';
import { LabelRequestService } from './label-request.service.js';
import { ReviewService } from './review.service.js';

// Thin: the contract parsed the request; the services own the transactions.
@Injectable()
export class LabelRequestHandlers {
  constructor(
    @Inject(LabelRequestService) private readonly requests: LabelRequestService,
    @Inject(ReviewService) private readonly review: ReviewService,
    @Inject(AgreementService) private readonly agreements: AgreementService,
    @Inject(VendorAccessService) private readonly access: VendorAccessService,
  ) {}

  @OnCommand(getLabellingAccess)
  accessStatus(_request: ParsedRequestOf<typeof getLabellingAccess>, ctx: CommandContext) {
    return this.access.status(ctx.caller);
  }

  @OnCommand(createLabellingRequest)
  create(request: ParsedRequestOf<typeof createLabellingRequest>, ctx: CommandContext) {
    return this.requests.create(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(updateLabellingDraft)
  updateDraft(request: ParsedRequestOf<typeof updateLabellingDraft>, ctx: CommandContext) {
    return this.requests.updateDraft(request, ctx.caller);
  }

  @OnCommand(submitLabellingRequest)
  submit(request: ParsedRequestOf<typeof submitLabellingRequest>, ctx: CommandContext) {
    return this.requests.submit(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(addLabellingEvidence)
  addEvidence(request: ParsedRequestOf<typeof addLabellingEvidence>, ctx: CommandContext) {
    return this.requests.addEvidence(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(answerComplement)
  answerComplement(request: ParsedRequestOf<typeof answerComplement>, ctx: CommandContext) {
    return this.requests.answerComplement(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(signAgreement)
  signAgreement(request: ParsedRequestOf<typeof signAgreement>, ctx: CommandContext) {
    return this.requests.signAgreement(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getLabellingRequest)
  get(request: ParsedRequestOf<typeof getLabellingRequest>, ctx: CommandContext) {
    return this.requests.view(request.labelRequestId, ctx.caller);
  }

  @OnCommand(getLabellingFile)
  file(request: ParsedRequestOf<typeof getLabellingFile>, ctx: CommandContext) {
    return this.requests.requestFile(request.labelRequestId, request.attachmentId, ctx.caller);
  }

  @OnCommand(listLabellingRequests)
  list(request: ParsedRequestOf<typeof listLabellingRequests>, ctx: CommandContext) {
    return this.requests.list(request, ctx.caller);
  }

  @OnCommand(listLabellingQueue)
  queue(request: ParsedRequestOf<typeof listLabellingQueue>, ctx: CommandContext) {
    return this.review.queue(request, ctx.caller);
  }

  @OnCommand(takeNextLabellingRequest)
  next(_request: ParsedRequestOf<typeof takeNextLabellingRequest>, ctx: CommandContext) {
    return this.review.next(ctx.caller, ctx.correlationId);
  }

  @OnCommand(takeLabellingRequest)
  take(request: ParsedRequestOf<typeof takeLabellingRequest>, ctx: CommandContext) {
    return this.review.take(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(listQueueDecisions)
  decisions(request: ParsedRequestOf<typeof listQueueDecisions>, ctx: CommandContext) {
    return this.review.decisions(request, ctx.caller);
  }

  @OnCommand(flagEvidenceIncomplete)
  flagIncomplete(request: ParsedRequestOf<typeof flagEvidenceIncomplete>, ctx: CommandContext) {
    return this.review.flagIncomplete(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(requestComplement)
  requestComplement(request: ParsedRequestOf<typeof requestComplement>, ctx: CommandContext) {
    return this.review.requestComplement(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(resumeLabellingReview)
  resume(request: ParsedRequestOf<typeof resumeLabellingReview>, ctx: CommandContext) {
    return this.review.resume(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(failLabellingTests)
  fail(request: ParsedRequestOf<typeof failLabellingTests>, ctx: CommandContext) {
    return this.review.fail(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(passLabellingTests)
  pass(request: ParsedRequestOf<typeof passLabellingTests>, ctx: CommandContext) {
    return this.review.pass(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(sendAgreement)
  sendAgreement(request: ParsedRequestOf<typeof sendAgreement>, ctx: CommandContext) {
    return this.agreements.send(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(confirmAgreement)
  confirmAgreement(request: ParsedRequestOf<typeof confirmAgreement>, ctx: CommandContext) {
    return this.agreements.confirm(request, ctx.caller, ctx.correlationId);
  }
}
