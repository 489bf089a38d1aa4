import { Module } from '@nestjs/common';
import { InvoiceHandlers } from './invoice.handlers.js';
import { InvoiceIssuer } from './invoice-issuer.js';
import { InvoiceRenderer } from './invoice-renderer.js';
import { InvoiceService } from './invoice.service.js';

@Module({ providers: [InvoiceService, InvoiceRenderer, InvoiceIssuer, InvoiceHandlers], exports: [InvoiceService] })
export class InvoiceModule {}
