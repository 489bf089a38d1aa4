import { Inject, Injectable } from '@nestjs/common';
import {
  answerEnrolmentInformation,
  assignEnrolment,
  countersignNda,
  getEnrolment,
  getNdaFile,
  getTestAccess,
  grantTestAccess,
  listEnrolments,
  rejectEnrolment,
  requestEnrolmentInformation,
  shareDocumentation,
  submitEnrolment,
  submitForm2,
  validateEnrolment,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { EnrolmentReviewService } from './enrolment-review.service.js';
import { EnrolmentService } from './enrolment.service.js';
import { TestAccessService } from './test-access.service.js';

@Injectable()
export class EnrolmentHandlers {
  constructor(
    @Inject(EnrolmentService) private readonly enrolments: EnrolmentService,
    @Inject(EnrolmentReviewService) private readonly review: EnrolmentReviewService,
    @Inject(TestAccessService) private readonly testAccess: TestAccessService,
  ) {}

  @OnCommand(submitEnrolment)
  submit(request: ParsedRequestOf<typeof submitEnrolment>, ctx: CommandContext) {
    return this.enrolments.submit(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getEnrolment)
  get(request: ParsedRequestOf<typeof getEnrolment>, ctx: CommandContext) {
    return this.enrolments.view(request.enrolmentId, ctx.caller);
  }

  @OnCommand(listEnrolments)
  list(request: ParsedRequestOf<typeof listEnrolments>, ctx: CommandContext) {
    return this.enrolments.list(request, ctx.caller);
  }

  @OnCommand(assignEnrolment)
  assign(request: ParsedRequestOf<typeof assignEnrolment>, ctx: CommandContext) {
    return this.review.assign(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(requestEnrolmentInformation)
  requestInformation(request: ParsedRequestOf<typeof requestEnrolmentInformation>, ctx: CommandContext) {
    return this.review.requestInformation(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(answerEnrolmentInformation)
  answerInformation(request: ParsedRequestOf<typeof answerEnrolmentInformation>, ctx: CommandContext) {
    return this.review.answerInformation(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(validateEnrolment)
  validate(request: ParsedRequestOf<typeof validateEnrolment>, ctx: CommandContext) {
    return this.review.validate(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(rejectEnrolment)
  reject(request: ParsedRequestOf<typeof rejectEnrolment>, ctx: CommandContext) {
    return this.review.reject(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(countersignNda)
  countersignNda(request: ParsedRequestOf<typeof countersignNda>, ctx: CommandContext) {
    return this.review.countersignNda(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getNdaFile)
  ndaFile(request: ParsedRequestOf<typeof getNdaFile>, ctx: CommandContext) {
    return this.review.ndaFile(request, ctx.caller);
  }

  @OnCommand(shareDocumentation)
  shareDocumentation(request: ParsedRequestOf<typeof shareDocumentation>, ctx: CommandContext) {
    return this.review.shareDocumentation(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(submitForm2)
  submitForm2(request: ParsedRequestOf<typeof submitForm2>, ctx: CommandContext) {
    return this.testAccess.submitForm2(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(grantTestAccess)
  grantTestAccess(request: ParsedRequestOf<typeof grantTestAccess>, ctx: CommandContext) {
    return this.testAccess.grant(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getTestAccess)
  getTestAccess(request: ParsedRequestOf<typeof getTestAccess>, ctx: CommandContext) {
    return this.testAccess.get(request, ctx.caller);
  }
}
