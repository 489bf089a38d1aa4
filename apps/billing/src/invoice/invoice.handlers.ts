import { Inject, Injectable } from '@nestjs/common';
import {
  approveInvoice,
  cancelInvoice,
  getInvoice,
  getInvoicePdf,
  issueInvoice,
  listInvoices,
  recordPayment,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { InvoiceRenderer } from './invoice-renderer.js';
import { InvoiceService } from './invoice.service.js';

@Injectable()
export class InvoiceHandlers {
  constructor(
    @Inject(InvoiceService) private readonly invoices: InvoiceService,
    @Inject(InvoiceRenderer) private readonly renderer: InvoiceRenderer,
  ) {}

  @OnCommand(issueInvoice)
  async issue(request: ParsedRequestOf<typeof issueInvoice>, ctx: CommandContext) {
    const invoice = await this.invoices.issue(request.connectionId, ctx.caller, ctx.correlationId);
    this.renderer.wake();
    return invoice;
  }

  @OnCommand(getInvoice)
  get(request: ParsedRequestOf<typeof getInvoice>, ctx: CommandContext) {
    return this.invoices.get(request.invoiceId, ctx.caller);
  }

  @OnCommand(listInvoices)
  list(request: ParsedRequestOf<typeof listInvoices>, ctx: CommandContext) {
    return this.invoices.list(request, ctx.caller);
  }

  @OnCommand(approveInvoice)
  approve(request: ParsedRequestOf<typeof approveInvoice>, ctx: CommandContext) {
    return this.invoices.approve(request.invoiceId, request.expectedVersion, ctx.caller, ctx.correlationId);
  }

  @OnCommand(cancelInvoice)
  cancel(request: ParsedRequestOf<typeof cancelInvoice>, ctx: CommandContext) {
    return this.invoices.cancel(request.invoiceId, request.expectedVersion, request.reason, ctx.caller, ctx.correlationId);
  }

  @OnCommand(recordPayment)
  pay(request: ParsedRequestOf<typeof recordPayment>, ctx: CommandContext) {
    return this.invoices.recordPayment(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getInvoicePdf)
  pdf(request: ParsedRequestOf<typeof getInvoicePdf>, ctx: CommandContext) {
    return this.invoices.pdf(request.invoiceId, ctx.caller);
  }
}
