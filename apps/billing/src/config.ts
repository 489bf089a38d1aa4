import { z } from 'zod';
import { isValidBIC, isValidIBAN, electronicFormatIBAN } from 'ibantools';
import { baseConfigSchema } from '@sons/platform';

// Agence eSanté as the addressee of every invoice and the debtor of every SEPA credit transfer file. The defaults are
// development placeholders (a fictitious IBAN with valid check digits); production must set its own.
const DEV_AES_IBAN = 'LU500019175546789000';

export const configSchema = baseConfigSchema
  .extend({
    AES_NAME: z.string().trim().min(1).max(70).default('Agence eSanté'),
    AES_DEPARTMENT: z.string().trim().max(200).default('Service financier — programme SONS'),
    AES_STREET: z.string().trim().min(1).max(70).default('125, route d’Esch'),
    AES_POSTAL_CODE: z.string().trim().min(1).max(16).default('L-1471'),
    AES_CITY: z.string().trim().min(1).max(35).default('Luxembourg'),
    AES_COUNTRY: z.string().trim().length(2).default('LU'),
    AES_IBAN: z
      .string()
      .optional()
      .transform((v) => (v ? (electronicFormatIBAN(v) ?? v) : v))
      .refine((v) => v === undefined || isValidIBAN(v), 'not a valid IBAN (check digits)'),
    AES_BIC: z
      .string()
      .trim()
      .toUpperCase()
      .default('BCEELULL')
      .refine((v) => isValidBIC(v), 'not a valid BIC'),
    // Days between the invoice date and its due date.
    BILLING_PAYMENT_TERM_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    // on: an invoice is issued as soon as a connection becomes invoiceable (payment requested); off: only by command.
    BILLING_AUTO_ISSUE: z.enum(['on', 'off']).default('on'),
    BILLING_WORKER_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
    BILLING_RENDER_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(60_000),
    INVOICE_NUMBER_PREFIX: z
      .string()
      .regex(/^[A-Z0-9-]{1,12}$/)
      .default('SONS'),
    CREDIT_NOTE_NUMBER_PREFIX: z
      .string()
      .regex(/^[A-Z0-9-]{1,12}$/)
      .default('SONS-AV'),
  })
  .transform((c) => ({ ...c, AES_IBAN: c.AES_IBAN ?? (c.NODE_ENV === 'production' ? '' : DEV_AES_IBAN) }))
  .refine((c) => c.AES_IBAN !== '', {
    path: ['AES_IBAN'],
    message: 'required in production: the account AeS pays the vendors from',
  });
export type BillingConfig = z.infer<typeof configSchema>;
