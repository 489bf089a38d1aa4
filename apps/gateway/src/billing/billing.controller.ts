import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  DomainError,
  approveInvoice,
  cancelInvoice,
  exportTransfers,
  getInvoice,
  getInvoicePdf,
  getTransferBatch,
  issueInvoice,
  listInvoices,
  listTransferBatches,
  recordPayment,
} from '@sons/contracts';
import { ATTACHMENTS, Bus, type AttachmentStore } from '@sons/platform';
import { AuditRead } from '../audit/audit.decorator.js';
import { callerOf, correlationOf } from '../http/caller.js';
import { Access, CASE_READERS, OPERATORS, VENDOR } from '../identity/access.decorator.js';

const body = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const fileNotFound = () => new DomainError('FILE_NOT_FOUND', 404, { fr: 'Fichier introuvable.', en: 'File not found.' });

async function stream(store: AttachmentStore, attachmentId: string, fileName: string, res: Response): Promise<void> {
  const file = await store.get(attachmentId);
  if (!file) throw fileNotFound();
  res
    .status(200)
    .type(file.meta.contentType)
    .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .setHeader('X-Content-SHA256', file.meta.sha256)
    .send(Buffer.from(file.data));
}

// Invoicing and payment → AeS (PROCESS.md contact points); vendors read their own invoices; read-only operators read.
@ApiTags('billing')
@Controller('invoices')
export class InvoicesController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ATTACHMENTS) private readonly store: AttachmentStore,
  ) {}

  private ctx(req: Request) {
    return { caller: callerOf(req), correlationId: correlationOf(req) };
  }

  @Get()
  @Access(...CASE_READERS)
  @ApiOperation({ summary: 'List invoices by number (vendors: their own; operators filter by status, vendor, year, flagged)' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listInvoices, query, this.ctx(req));
  }

  @Post()
  @HttpCode(201)
  @Access('aes', 'admin', ...VENDOR)
  @ApiOperation({ summary: 'Issue the invoice of an invoiceable connection (idempotent per connection; normally automatic)' })
  issue(@Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(issueInvoice, body(raw) as z.input<typeof issueInvoice.request>, this.ctx(req));
  }

  @Get(':id')
  @Access(...CASE_READERS)
  @AuditRead('iban')
  @ApiOperation({ summary: 'Read one invoice (issuer identity and IBAN at the invoice date, lines, VAT, payments, credit note)' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    return this.bus.request(getInvoice, { invoiceId: id }, this.ctx(req));
  }

  @Get(':id/pdf')
  @Access(...CASE_READERS)
  @AuditRead('iban')
  @ApiOperation({ summary: 'Download the invoice PDF (409 while it is being rendered)' })
  async pdf(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res() res: Response) {
    const where = await this.bus.request(getInvoicePdf, { invoiceId: id }, this.ctx(req));
    await stream(this.store, where.attachmentId, `${where.number}.pdf`, res);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Access('aes', 'admin')
  @ApiOperation({ summary: 'AeS approves the invoice for payment' })
  approve(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(
      approveInvoice,
      { ...(body(raw) as z.input<typeof approveInvoice.request>), invoiceId: id },
      this.ctx(req),
    );
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access('aes', 'admin')
  @ApiOperation({ summary: 'AeS cancels an unpaid invoice by a credit note (never a deletion)' })
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(
      cancelInvoice,
      { ...(body(raw) as z.input<typeof cancelInvoice.request>), invoiceId: id },
      this.ctx(req),
    );
  }

  @Post(':id/payments')
  @HttpCode(201)
  @Access('aes', 'admin')
  @ApiOperation({
    summary:
      'AeS records a bank transfer (date, amount in cents, reference); partial or mismatched transfers are flagged. Send an Idempotency-Key header to make retries safe (the transfer is recorded once).',
  })
  pay(@Param('id', new ParseUUIDPipe()) id: string, @Body() raw: unknown, @Req() req: Request) {
    const key = req.headers['idempotency-key'];
    return this.bus.request(
      recordPayment,
      {
        ...(body(raw) as z.input<typeof recordPayment.request>),
        invoiceId: id,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      },
      this.ctx(req),
    );
  }
}

@ApiTags('billing')
@Controller('transfer-batches')
export class TransferBatchesController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ATTACHMENTS) private readonly store: AttachmentStore,
  ) {}

  private ctx(req: Request) {
    return { caller: callerOf(req), correlationId: correlationOf(req) };
  }

  @Post()
  @HttpCode(201)
  @Access('aes', 'admin')
  @ApiOperation({ summary: 'Export the approved unpaid invoices as a SEPA credit transfer file (pain.001.001.09)' })
  export(@Body() raw: unknown, @Req() req: Request) {
    return this.bus.request(exportTransfers, body(raw), this.ctx(req));
  }

  @Get()
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'SEPA credit transfer files exported so far, newest first' })
  list(@Query() query: Record<string, string>, @Req() req: Request) {
    return this.bus.request(listTransferBatches, query, this.ctx(req));
  }

  @Get(':id')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'One exported SEPA credit transfer file' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    return this.bus.request(getTransferBatch, { batchId: id }, this.ctx(req));
  }

  @Get(':id/xml')
  @Access('aes', 'admin', 'readonly')
  @AuditRead('iban')
  @ApiOperation({ summary: 'Download the pain.001.001.09 XML file for AeS’s bank' })
  async xml(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res() res: Response) {
    const batch = await this.bus.request(getTransferBatch, { batchId: id }, this.ctx(req));
    await stream(this.store, batch.attachmentId, `${batch.messageId}.xml`, res);
  }
}
