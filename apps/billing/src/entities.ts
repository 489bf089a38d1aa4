import {
  CreditNote,
  IncentiveClaim,
  Invoice,
  InvoiceCounter,
  InvoiceDocument,
  InvoiceRequest,
  Payment,
} from './invoice/invoice.entity.js';
import { TransferBatch } from './sepa/transfer-batch.entity.js';

// This service's entities; the platform adds the outbox and processed-event tables.
export const ENTITIES = [
  Invoice,
  InvoiceCounter,
  CreditNote,
  Payment,
  IncentiveClaim,
  InvoiceDocument,
  InvoiceRequest,
  TransferBatch,
];
