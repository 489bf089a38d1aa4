import { z } from 'zod';
import type { EventForStatus } from './catalogue.js';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand, defineEvent } from './registry.js';

// Phase 3 — connection requests (PROCESS.md Phase 3): Form 4 « Formulaire de demande de raccordement » with its
// delivery note (bon de livraison), the circuit check of each connected provider against the CNS transaction
// registry, and the request's status until it can be invoiced.

const localizedText = z.object({ fr: z.string(), en: z.string() });
const isoDateTime = z.string().datetime({ offset: true });
const text = (max = 200) => z.string().trim().min(1).max(max);

// WARNING: persisted strings; never rename one.
export const DELIVERY_NOTE_TYPES = ['individual', 'medical_house', 'flexible_centre', 'hospital'] as const;
export type DeliveryNoteType = (typeof DELIVERY_NOTE_TYPES)[number];
export const COLLECTIVE_DELIVERY_NOTE_TYPES: readonly DeliveryNoteType[] = ['medical_house', 'flexible_centre', 'hospital'];

// Code prestataire of a doctor (CNS provider code): 8 digits, stored without the dash (as the Form 4 validator).
export const PROVIDER_CODE = /^\d{8}$/;

// Form 4 — the shape of the seed schema in @sons/forms (form4-connection-request.schema.ts). The delivery note is
// an attachment uploaded first (POST /api/attachments, purpose "delivery_note"): its id, or the Form.io file
// component's value. Collective rules (sites, the manager who validates) are checked by the connection service.
export const form4DataSchema = z.object({
  vendorName: z.string().trim().max(300).optional(),
  deliveryNoteType: z.enum(DELIVERY_NOTE_TYPES),
  softwareName: text(200),
  softwareVersion: text(50),
  sites: z
    .array(z.object({ siteName: text(200), workstationCount: z.coerce.number().int().min(1).max(10000) }).passthrough())
    .max(200)
    .optional(),
  providers: z
    .array(
      z
        .object({
          providerCode: z.string().trim().regex(PROVIDER_CODE, 'providerCode'),
          doctorName: text(200),
          // The standardised form the doctor sent from the connected software (mémoire d'honoraires or PID).
          transactionReference: text(100),
          siteName: z.string().trim().max(200).optional(),
        })
        .passthrough(),
    )
    .min(1)
    .max(500),
  // Collective delivery notes: the manager who validates (medical house, flexible centre) or signs (hospital).
  validatorName: z.string().trim().max(200).optional(),
  validatorRole: z.string().trim().max(200).optional(),
  deliveryNoteAttachmentId: uuid.optional(),
  deliveryNoteFile: z
    .array(z.object({ attachmentId: z.string().max(100) }).passthrough())
    .max(1)
    .optional(),
});
export type Form4Data = z.infer<typeof form4DataSchema>;

// WARNING: persisted status strings; never rename one.
export const CONNECTION_STATUSES = ['submitted', 'under_verification', 'verified', 'refused', 'invoiceable'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

// The circuit check (PROCESS.md Phase 3.2), one verdict per rule and per connected provider, in this order.
// WARNING: persisted rule names; never rename one.
export const CIRCUIT_RULES = [
  'transaction_registered',
  'signature_valid',
  'transaction_provider',
  'timestamp_after_label',
  'timestamp_within_window',
  'transaction_unused',
  'incentive_not_granted',
] as const;
export type CircuitRule = (typeof CIRCUIT_RULES)[number];
export const CHECK_OUTCOMES = ['pass', 'fail', 'not_evaluated'] as const;
export const PROVIDER_OUTCOMES = ['pending', 'passed', 'failed'] as const;
export type ProviderOutcome = (typeof PROVIDER_OUTCOMES)[number];
export const TRANSACTION_KINDS = ['remboursement', 'pid'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export const circuitCheckSchema = z.object({
  rule: z.enum(CIRCUIT_RULES),
  outcome: z.enum(CHECK_OUTCOMES),
  reason: localizedText,
});
export type CircuitCheck = z.infer<typeof circuitCheckSchema>;

export const connectedProviderSchema = z.object({
  providerId: uuid,
  providerCode: z.string(),
  doctorName: z.string(),
  siteName: z.string().nullable(),
  transactionReference: z.string(),
  outcome: z.enum(PROVIDER_OUTCOMES),
  checks: z.array(circuitCheckSchema),
  // What the CNS registry holds for the transaction (when found and its signature verified).
  transaction: z.object({ kind: z.enum(TRANSACTION_KINDS), timestamp: z.string() }).nullable(),
  checkedAt: z.string().nullable(),
});
export type ConnectedProvider = z.infer<typeof connectedProviderSchema>;

export const connectionSummarySchema = z.object({
  connectionId: uuid,
  vendorId: uuid,
  vendorName: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  deliveryNoteType: z.enum(DELIVERY_NOTE_TYPES),
  softwareName: z.string(),
  softwareVersion: z.string(),
  providerCount: z.number().int(),
  passedCount: z.number().int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

export const CONNECTION_ACTIONS = ['start_verification', 'recheck', 'verify', 'refuse', 'request_payment'] as const;

export const connectionDetailSchema = connectionSummarySchema.extend({
  labelId: z.string(),
  // Eligibility 5: the vendor name written on Form 4 compared with the enrolled name (flagged when they differ).
  vendorNameCheck: z.object({ declared: z.string().nullable(), enrolled: z.string(), matches: z.boolean() }),
  // The software's identity across versions (PROCESS.md Phase 2.7: an update never gives a new incentive).
  softwareKey: z.string(),
  labelledAt: z.string(),
  sites: z.array(z.object({ siteName: z.string(), workstationCount: z.number().int() })),
  validator: z.object({ name: z.string(), role: z.string() }).nullable(),
  deliveryNoteAttachmentId: uuid,
  deliveryNoteSha256: z.string(),
  providers: z.array(connectedProviderSchema),
  verification: z
    .object({
      startedAt: z.string().nullable(),
      startedBy: z.string().nullable(),
      checkedAt: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decidedBy: z.string().nullable(),
      note: z.string().nullable(),
    })
    .optional(),
  refusal: z.object({ reason: z.string(), at: z.string() }).nullable(),
  paymentRequestedAt: z.string().nullable(),
  contactPoint: z.object({ party: z.enum(['aes', 'incert']), topic: localizedText }),
  allowedActions: z.array(z.enum(CONNECTION_ACTIONS)),
});
export type ConnectionDetail = z.infer<typeof connectionDetailSchema>;

// Labelled software versions as the connection service knows them (fed by the labelling service's events).
export const LABEL_STATUSES = ['active', 'withdrawn'] as const;
export const labelSchema = z.object({
  labelId: z.string(),
  vendorId: uuid,
  softwareKey: z.string(),
  softwareName: z.string(),
  version: z.string(),
  labelledAt: z.string(),
  status: z.enum(LABEL_STATUSES),
});
export type LabelDto = z.infer<typeof labelSchema>;

const caseAction = z.object({ connectionId: uuid, expectedVersion: z.number().int().positive().optional() });

export const submitConnection = defineCommand(
  'sons.connection.request.submit',
  'A vendor submits Form 4 with its signed delivery note for a labelled software version (idempotent on the key and on the delivery note)',
  z.object({
    idempotencyKey: z.string().min(8).max(100).optional(),
    data: z.record(z.string(), z.unknown()),
  }),
  connectionDetailSchema,
);

export const getConnection = defineCommand(
  'sons.connection.request.get',
  'Read one connection request with each provider’s circuit check',
  z.object({ connectionId: uuid }),
  connectionDetailSchema,
);

export const listConnections = defineCommand(
  'sons.connection.request.list',
  'List connection requests, oldest first (operators: all; vendors: their own)',
  pageQuerySchema.extend({ status: z.enum(CONNECTION_STATUSES).optional(), vendorId: uuid.optional() }),
  pageOf(connectionSummarySchema),
);

export const startConnectionVerification = defineCommand(
  'sons.connection.request.start-verification',
  'INCERT starts verifying a connection request: the circuit check runs for every connected provider',
  caseAction,
  connectionDetailSchema,
);

export const recheckConnection = defineCommand(
  'sons.connection.request.recheck',
  'INCERT runs the circuit check again for the providers that did not pass (e.g. the CNS had not registered the transaction yet)',
  caseAction,
  connectionDetailSchema,
);

export const verifyConnection = defineCommand(
  'sons.connection.request.verify',
  'INCERT confirms the connection: the providers that passed every rule are connected (at least one must)',
  caseAction.extend({ note: z.string().trim().max(4000).optional() }),
  connectionDetailSchema,
);

export const refuseConnection = defineCommand(
  'sons.connection.request.refuse',
  'INCERT refuses the connection request with a reason the vendor reads (the per-provider reasons stay visible)',
  caseAction.extend({ reason: z.string().trim().min(5).max(4000) }),
  connectionDetailSchema,
);

export const requestConnectionPayment = defineCommand(
  'sons.connection.request.request-payment',
  'The vendor asks to be paid for a verified connection (before the end of payment requests): billing issues the invoice',
  caseAction,
  connectionDetailSchema,
);

export const listLabels = defineCommand(
  'sons.connection.label.list',
  'Labelled software versions the connection service knows (vendors: their own), newest first',
  pageQuerySchema.extend({ vendorId: uuid.optional() }),
  pageOf(labelSchema),
);

// ---------------------------------------------------------------------------------------------------------------
// The CNS transaction registry (outside world). In production an adapter answers these subjects; outside production
// the connection app starts a simulator (CNS_REGISTRY=simulator) that holds transactions signed with its own key.
// A transaction is a JWS compact serialization (ES256, ECDSA P-256 + SHA-256) of its canonical JSON claims.
export const cnsTransactionClaimsSchema = z.object({
  reference: z.string(),
  kind: z.enum(TRANSACTION_KINDS),
  providerCode: z.string(),
  // When the CNS registered the standardised form (ISO 8601).
  timestamp: isoDateTime,
  amountCents: z.number().int().nonnegative().optional(),
  issuer: z.string(),
});
export type CnsTransactionClaims = z.infer<typeof cnsTransactionClaimsSchema>;

export const getCnsTransaction = defineCommand(
  'sons.cns.transaction.get',
  'The CNS registry: a registered mémoire d’honoraires (Remboursement) or PID transaction by reference, as a signed JWS',
  z.object({ reference: z.string().trim().min(1).max(100) }),
  z.object({ reference: z.string(), found: z.boolean(), jws: z.string().nullable() }),
);

// Simulator only: register transactions (tests and demo data). `defect` makes a transaction whose signature
// cannot verify: 'tampered' (claims changed after signing) or 'foreign_key' (signed by a key the CNS does not hold).
export const seedCnsTransactions = defineCommand(
  'sons.cns.transaction.seed',
  'CNS registry simulator: register signed transactions (tests and demo data; absent in production)',
  z.object({
    transactions: z
      .array(
        z.object({
          reference: z.string().trim().min(1).max(100),
          kind: z.enum(TRANSACTION_KINDS).default('remboursement'),
          providerCode: z.string().trim().regex(PROVIDER_CODE),
          timestamp: isoDateTime,
          amountCents: z.number().int().nonnegative().optional(),
          defect: z.enum(['none', 'tampered', 'foreign_key']).default('none'),
        }),
      )
      .min(1)
      .max(1000),
  }),
  z.object({
    seeded: z.array(
      z.object({ reference: z.string(), kind: z.enum(TRANSACTION_KINDS), providerCode: z.string(), timestamp: z.string() }),
    ),
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Events: one per target status (thin: ids, statuses, counts).
const statusChange = z.object({
  connectionId: uuid,
  vendorId: uuid,
  status: z.enum(CONNECTION_STATUSES),
  previousStatus: z.enum(CONNECTION_STATUSES).nullable(),
  labelId: z.string(),
  providerCount: z.number().int(),
  passedCount: z.number().int(),
});

export const connectionSubmitted = defineEvent(
  'sons.connection.request.submitted',
  'Form 4 and its delivery note were submitted for a labelled software version; INCERT verifies the connection',
  statusChange,
);
export const connectionVerificationStarted = defineEvent(
  'sons.connection.request.verification-started',
  'INCERT started verifying the connection; the circuit check of each provider is recorded',
  statusChange,
);
export const connectionVerified = defineEvent(
  'sons.connection.request.verified',
  'INCERT verified the connection: the providers that passed the circuit check are connected; the vendor may request payment',
  statusChange,
);
export const connectionRefused = defineEvent(
  'sons.connection.request.refused',
  'INCERT refused the connection request with a reason (and the reasons per provider)',
  statusChange,
);
export const connectionPaymentRequested = defineEvent(
  'sons.connection.request.payment-requested',
  'The vendor requested payment for a verified connection: it is invoiceable and billing issues the invoice',
  statusChange,
);
export const connectionCircuitChecked = defineEvent(
  'sons.connection.request.circuit-checked',
  'The circuit check ran (again) for a connection request under verification; counts of providers passed and failed',
  z.object({
    connectionId: uuid,
    vendorId: uuid,
    status: z.enum(CONNECTION_STATUSES),
    providerCount: z.number().int(),
    passedCount: z.number().int(),
    failedCount: z.number().int(),
  }),
);

export const CONNECTION_EVENTS = [
  connectionSubmitted,
  connectionVerificationStarted,
  connectionVerified,
  connectionRefused,
  connectionPaymentRequested,
  connectionCircuitChecked,
] as const;

// Read by the catalogue test next to apps/connection's CONNECTION_TRANSITIONS.
export const CONNECTION_EVENT_FOR_STATUS = {
  submitted: connectionSubmitted,
  under_verification: connectionVerificationStarted,
  verified: connectionVerified,
  refused: connectionRefused,
  invoiceable: connectionPaymentRequested,
} satisfies EventForStatus<ConnectionStatus>;
