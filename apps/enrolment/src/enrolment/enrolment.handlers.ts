import { Inject, Injectable } from '@nestjs/common';
import { getEnrolment, listEnrolments, submitEnrolment, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { EnrolmentService, toSummary } from './enrolment.service.js';

@Injectable()
export class EnrolmentHandlers {
  constructor(@Inject(EnrolmentService) private readonly enrolments: EnrolmentService) {}

  @OnCommand(submitEnrolment)
  submit(request: ParsedRequestOf<typeof submitEnrolment>, ctx: CommandContext) {
    return this.enrolments.submit(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getEnrolment)
  async get(request: ParsedRequestOf<typeof getEnrolment>, ctx: CommandContext) {
    const enrolment = await this.enrolments.get(request.enrolmentId, ctx.caller);
    return { ...toSummary(enrolment), data: enrolment.data };
  }

  @OnCommand(listEnrolments)
  list(request: ParsedRequestOf<typeof listEnrolments>, ctx: CommandContext) {
    return this.enrolments.list(request, ctx.caller);
  }
}
