import { z } from 'zod';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand, defineEvent } from './registry.js';

// Form 1 — « Formulaire d'enrôlement » (PROCESS.md, Eligibility 1). Content rules (IBAN checksum, VAT check digits,
// matricule) are checked by the enrolment service; the contract fixes shape and types.
const text = (max = 200) => z.string().trim().min(1).max(max);

const commonIdentity = {
  matricule: z.string().trim().regex(/^\d{11}(\d{2})?$/, 'matricule'),
  iban: z.string().trim().min(15).max(42),
  email: z.string().trim().email(),
  countryOfEstablishment: z.string().trim().length(2).toUpperCase(),
  address: z.string().trim().max(500).optional(),
  vague1Participant: z.boolean().default(false),
  existingProviderCode: z.string().trim().max(20).optional(),
  integrationMode: z.enum(['econnector_ng', 'direct_access']).default('econnector_ng'),
  intendedSoftwareName: text().optional(),
  declaration: z.literal(true),
};

export const form1LegalSchema = z.object({
  personType: z.literal('legal'),
  companyName: text(),
  ceoFirstName: text(100),
  ceoLastName: text(100),
  rcsNumber: z.string().trim().max(20).optional(),
  vatNumber: z.string().trim().min(4).max(20),
  ...commonIdentity,
});
export const form1NaturalSchema = z.object({
  personType: z.literal('natural'),
  firstName: text(100),
  lastName: text(100),
  vatNumber: z.string().trim().max(20).optional(),
  ...commonIdentity,
});
export const form1DataSchema = z.discriminatedUnion('personType', [form1LegalSchema, form1NaturalSchema]);
export type Form1Data = z.infer<typeof form1DataSchema>;

export const ENROLMENT_STATUSES = [
  'submitted',
  'under_review',
  'information_requested',
  'validated_incert',
  'nda_countersigned',
  'documentation_shared',
  'test_access_requested',
  'test_access_granted',
  'rejected',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const enrolmentSummarySchema = z.object({
  enrolmentId: uuid,
  vendorId: uuid,
  vendorName: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type EnrolmentSummary = z.infer<typeof enrolmentSummarySchema>;

export const submitEnrolment = defineCommand(
  'sons.enrolment.application.submit',
  'A vendor submits Form 1 (enrolment) with its signed NDA',
  z.object({
    idempotencyKey: z.string().min(8).max(100).optional(),
    formVersion: z.number().int().positive().optional(),
    data: z.record(z.string(), z.unknown()),
  }),
  enrolmentSummarySchema,
);

export const getEnrolment = defineCommand(
  'sons.enrolment.application.get',
  'Read one enrolment case',
  z.object({ enrolmentId: uuid }),
  enrolmentSummarySchema.extend({ data: z.record(z.string(), z.unknown()) }),
);

export const listEnrolments = defineCommand(
  'sons.enrolment.application.list',
  'List enrolment cases (operators: all; vendors: their own)',
  pageQuerySchema.extend({ status: z.enum(ENROLMENT_STATUSES).optional() }),
  pageOf(enrolmentSummarySchema),
);

export const enrolmentSubmitted = defineEvent(
  'sons.enrolment.application.submitted',
  'Form 1 was submitted: a new enrolment case awaits INCERT review',
  z.object({ enrolmentId: uuid, vendorId: uuid, status: z.enum(ENROLMENT_STATUSES), personType: z.enum(['legal', 'natural']) }),
);
