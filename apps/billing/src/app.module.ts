import { Module } from '@nestjs/common';
import { InvoiceModule } from './invoice/invoice.module.js';
import { TransferModule } from './sepa/transfer.module.js';

@Module({ imports: [InvoiceModule, TransferModule] })
export class AppModule {}
