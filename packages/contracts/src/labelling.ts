import { z } from 'zod';
import type { EventForStatus } from './catalogue.js';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand, defineEvent, type EventDefinition } from './registry.js';

// Phase 2 — labelling and referencing (PROCESS.md, Phase 2). A labelling request (Form 3) is for one software
// version and carries the test evidence; INCERT reviews the requests in the order their evidence became complete,
// AeS sends the service agreement and issues the label, which the public registry lists.

const text = (max = 200) => z.string().trim().min(1).max(max);
const longText = (min = 1) => z.string().trim().min(min).max(4000);
const isoDateTime = z.string().datetime({ offset: true });
const localizedText = z.object({ fr: z.string(), en: z.string() });

// WARNING: persisted status strings; never rename one.
// draft → submitted → evidence_incomplete ⇄ queued → in_review ⇄ (complement_requested → complement_answered)
// → tests_failed (new iteration: → submitted) | tests_passed → agreement_sent → agreement_signed → labelled.
export const LABELLING_STATUSES = [
  'draft',
  'submitted',
  'evidence_incomplete',
  'queued',
  'in_review',
  'complement_requested',
  'complement_answered',
  'tests_failed',
  'tests_passed',
  'agreement_sent',
  'agreement_signed',
  'labelled',
] as const;
export type LabellingStatus = (typeof LABELLING_STATUSES)[number];

// WARNING: persisted status strings of a label (and of its public registry entries); never rename one.
export const LABELLING_LABEL_STATUSES = ['labelled', 'retest_required', 'withdrawn'] as const;
export type LabellingLabelStatus = (typeof LABELLING_LABEL_STATUSES)[number];

// initial: the first request for a version; retest: the same version again after the RECL changed (PROCESS.md 2.7).
export const LABELLING_REQUEST_KINDS = ['initial', 'retest'] as const;
// A declared version (PROCESS.md 2.7): minor = no new standardised forms (the label extends to it), major = a new
// labelling request is required. `initial` is a version first named by a Form 3.
export const VERSION_KINDS = ['initial', 'minor', 'major'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const EVIDENCE_RESULTS = ['pass', 'fail', 'not_applicable'] as const;
export type EvidenceResult = (typeof EVIDENCE_RESULTS)[number];

// ---------------------------------------------------------------------------------------------------------------
// Form 3 — « Formulaire de démarrage du processus de labélisation ». Files are uploaded first (POST
// /api/attachments, write-once, SHA-256) and named here by id, or as the Form.io file component's value.
const proofFileSchema = z.object({ attachmentId: z.string().max(100) }).passthrough();
export const evidenceItemSchema = z.object({
  // The RECL requirement (référentiel des exigences et critères de labélisation) this evidence is for.
  requirementId: text(50),
  result: z.enum(EVIDENCE_RESULTS),
  proofAttachmentIds: z.array(uuid).max(20).optional(),
  proofFiles: z.array(proofFileSchema).max(20).optional(),
  justification: z.string().trim().max(4000).optional(),
});
export type EvidenceItemInput = z.input<typeof evidenceItemSchema>;

export const form3DataSchema = z.object({
  // Shown read-only in the form (prefilled with the enrolled name); the platform uses the enrolled name.
  vendorName: z.string().trim().max(300).optional(),
  softwareName: text(200),
  softwareVersion: text(50),
  integrationMode: z.enum(['econnector_ng', 'direct_access']).default('econnector_ng'),
  // The RECL version the tests were run against; defaults to the current published RECL.
  reclVersion: z.string().trim().min(1).max(20).optional(),
  evidence: z.array(evidenceItemSchema).max(200).default([]),
  // Required (true) to submit; a draft may be saved without it.
  declaration: z.boolean().optional(),
});
export type Form3Data = z.infer<typeof form3DataSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Views.
export const LABELLING_ACTIONS = [
  'update_draft',
  'submit',
  'add_evidence',
  'take',
  'flag_incomplete',
  'request_complement',
  'answer_complement',
  'resume_review',
  'fail_tests',
  'pass_tests',
  'send_agreement',
  'sign_agreement',
  'confirm_agreement',
] as const;
export type LabellingAction = (typeof LABELLING_ACTIONS)[number];

export const proofFileViewSchema = z.object({
  attachmentId: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  size: z.number().int(),
});
export const evidenceViewSchema = z.object({
  evidenceId: uuid,
  iteration: z.number().int(),
  requirementId: z.string(),
  result: z.enum(EVIDENCE_RESULTS),
  justification: z.string().nullable(),
  files: z.array(proofFileViewSchema),
  addedAt: z.string(),
});

export const LABELLING_MESSAGE_KINDS = [
  'incomplete_notice',
  'complement_request',
  'complement_answer',
  'test_results',
  'note',
] as const;
export const labellingMessageSchema = z.object({
  messageId: uuid,
  iteration: z.number().int(),
  kind: z.enum(LABELLING_MESSAGE_KINDS),
  authorRole: z.enum(['vendor', 'incert', 'aes', 'admin']),
  body: z.string(),
  // RECL requirement ids the operator points at (complement checklist, missing evidence).
  checklist: z.array(z.string()),
  files: z.array(proofFileViewSchema),
  createdAt: z.string(),
});

export const LABELLING_DOCUMENT_KINDS = [
  'test_success_attestation',
  'service_agreement',
  'signed_agreement',
  'label_attestation',
] as const;
export type LabellingDocumentKind = (typeof LABELLING_DOCUMENT_KINDS)[number];
export const labellingDocumentSchema = z.object({
  kind: z.enum(LABELLING_DOCUMENT_KINDS),
  iteration: z.number().int(),
  // Rendered by the documents worker (null for an uploaded file).
  documentId: z.string().nullable(),
  reference: z.string().nullable(),
  attachmentId: z.string(),
  sha256: z.string(),
  verifyUrl: z.string().nullable(),
  createdAt: z.string(),
});

export const queuePositionSchema = z.object({
  // 1 = next to be reviewed. Null while the evidence is incomplete (the request waits behind every complete one).
  position: z.number().int().positive().nullable(),
  // Complete requests waiting in the queue (all vendors; a count only).
  queued: z.number().int().nonnegative(),
  queuedAt: z.string().nullable(),
});

export const labellingRequestSummarySchema = z.object({
  labelRequestId: uuid,
  reference: z.string(),
  vendorId: uuid,
  vendorName: z.string(),
  softwareId: uuid,
  softwareName: z.string(),
  versionId: uuid,
  version: z.string(),
  kind: z.enum(LABELLING_REQUEST_KINDS),
  status: z.enum(LABELLING_STATUSES),
  iteration: z.number().int().nonnegative(),
  queuedAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // Optimistic locking: send it back as `expectedVersion` so a concurrent change answers 409.
  rowVersion: z.number().int(),
});
export type LabellingRequestSummary = z.infer<typeof labellingRequestSummarySchema>;

export const labellingRequestDetailSchema = labellingRequestSummarySchema.extend({
  reclVersion: z.string().nullable(),
  integrationMode: z.enum(['econnector_ng', 'direct_access']),
  declaration: z.boolean(),
  submittedAt: z.string().nullable(),
  // What is still missing for the evidence to be complete (current iteration).
  missingEvidence: z.array(z.object({ requirementId: z.string(), reason: localizedText })),
  queue: queuePositionSchema.nullable(),
  evidence: z.array(evidenceViewSchema),
  messages: z.array(labellingMessageSchema),
  documents: z.array(labellingDocumentSchema),
  // Form 4 (connection request) is available once the tests passed (PROCESS.md Phase 2.5).
  form4Available: z.boolean(),
  labelId: z.string().nullable(),
  contactPoint: z.object({ party: z.enum(['incert', 'aes']), topic: localizedText }),
  complementDeadline: z.string().nullable(),
  allowedActions: z.array(z.enum(LABELLING_ACTIONS)),
});
export type LabellingRequestDetail = z.infer<typeof labellingRequestDetailSchema>;

const caseAction = z.object({ labelRequestId: uuid, expectedVersion: z.number().int().positive().optional() });

// ---------------------------------------------------------------------------------------------------------------
// Commands: the vendor's side.
export const getLabellingAccess = defineCommand(
  'sons.labelling.access.get',
  'Whether Form 3 is available to the caller’s vendor (test access granted) and until when labelling requests are accepted',
  z.object({}),
  z.object({
    vendorId: uuid.nullable(),
    form3Available: z.boolean(),
    testAccessGrantedAt: z.string().nullable(),
    labellingRequestsEnd: z.string().nullable(),
    reason: localizedText.nullable(),
  }),
);

export const createLabellingRequest = defineCommand(
  'sons.labelling.request.create',
  'A vendor with test access fills Form 3 for one software version (saved as a draft, or submitted at once with submit: true)',
  z.object({
    idempotencyKey: z.string().min(8).max(100).optional(),
    // The Form 3 definition version the submission was filled with (validated against that version when given).
    formVersion: z.number().int().positive().optional(),
    data: z.record(z.string(), z.unknown()),
    submit: z.boolean().default(false),
  }),
  labellingRequestDetailSchema,
);

export const updateLabellingDraft = defineCommand(
  'sons.labelling.request.update-draft',
  'The vendor changes its Form 3 draft (software, version, evidence); nothing is reviewed before it is submitted',
  caseAction.extend({ data: z.record(z.string(), z.unknown()), formVersion: z.number().int().positive().optional() }),
  labellingRequestDetailSchema,
);

export const submitLabellingRequest = defineCommand(
  'sons.labelling.request.submit',
  'The vendor submits Form 3 (a draft, or new evidence after failed tests = a new iteration); complete evidence enters the review queue',
  caseAction.extend({ data: z.record(z.string(), z.unknown()).optional(), formVersion: z.number().int().positive().optional() }),
  labellingRequestDetailSchema,
);

export const addLabellingEvidence = defineCommand(
  'sons.labelling.request.add-evidence',
  'The vendor adds evidence to an incomplete request; once complete it enters the review queue (behind every complete one)',
  caseAction.extend({ evidence: z.array(evidenceItemSchema).min(1).max(200) }),
  labellingRequestDetailSchema,
);

export const answerComplement = defineCommand(
  'sons.labelling.request.answer-complement',
  'The vendor answers INCERT’s complement request with text and files (refused after the calendar’s complement deadline)',
  caseAction.extend({ message: longText(1), attachmentIds: z.array(uuid).max(20).default([]) }),
  labellingRequestDetailSchema,
);

export const signAgreement = defineCommand(
  'sons.labelling.request.sign-agreement',
  'The vendor returns the service agreement it signed (attachment id of the signed file)',
  caseAction.extend({ signedAttachmentId: uuid }),
  labellingRequestDetailSchema,
);

export const getLabellingRequest = defineCommand(
  'sons.labelling.request.get',
  'Read one labelling request with its evidence, iterations, messages, documents and queue position',
  z.object({ labelRequestId: uuid }),
  labellingRequestDetailSchema,
);

export const getLabellingFile = defineCommand(
  'sons.labelling.request.file',
  'Checks the caller may download a file of this request (evidence, complement file, agreement, attestation); the gateway streams it',
  z.object({ labelRequestId: uuid, attachmentId: uuid }),
  z.object({ labelRequestId: uuid, attachmentId: z.string(), fileName: z.string() }),
);

export const listLabellingRequests = defineCommand(
  'sons.labelling.request.list',
  'Labelling requests, oldest first (operators: all, filterable; vendors: their own)',
  pageQuerySchema.extend({
    status: z.enum(LABELLING_STATUSES).optional(),
    vendorId: uuid.optional(),
    assignee: z.enum(['me', 'none']).optional(),
  }),
  pageOf(labellingRequestSummarySchema),
);

// ---------------------------------------------------------------------------------------------------------------
// Commands: the review queue and INCERT's review.
export const queueItemSchema = z.object({
  position: z.number().int().positive(),
  labelRequestId: uuid,
  reference: z.string(),
  vendorId: uuid,
  vendorName: z.string(),
  softwareName: z.string(),
  version: z.string(),
  kind: z.enum(LABELLING_REQUEST_KINDS),
  iteration: z.number().int(),
  queuedAt: z.string(),
});
export const listLabellingQueue = defineCommand(
  'sons.labelling.queue.list',
  'The review queue in FIFO order (evidence complete, oldest first); a vendor sees only its own requests with their positions',
  pageQuerySchema,
  pageOf(queueItemSchema).extend({ queued: z.number().int().nonnegative() }),
);

export const takeNextLabellingRequest = defineCommand(
  'sons.labelling.queue.next',
  'INCERT takes the head of the queue (atomic: two operators at once get two different requests)',
  z.object({}),
  labellingRequestDetailSchema,
);

export const takeLabellingRequest = defineCommand(
  'sons.labelling.request.take',
  'INCERT takes a given queued request; taking one that is not the head of the queue requires a reason, which is recorded',
  caseAction.extend({ reason: z.string().trim().min(5).max(1000).optional() }),
  labellingRequestDetailSchema,
);

export const queueDecisionSchema = z.object({
  decisionId: uuid,
  labelRequestId: uuid,
  headRequestId: uuid,
  position: z.number().int().positive(),
  operatorId: z.string(),
  reason: z.string(),
  decidedAt: z.string(),
});
export const listQueueDecisions = defineCommand(
  'sons.labelling.queue.list-decisions',
  'Recorded out-of-order picks (who, when, which request instead of the head, why), newest first (operators)',
  pageQuerySchema,
  pageOf(queueDecisionSchema),
);

export const flagEvidenceIncomplete = defineCommand(
  'sons.labelling.request.flag-incomplete',
  'INCERT finds the evidence of a queued request incomplete: it leaves the queue until the vendor completes it',
  caseAction.extend({ message: longText(3), checklist: z.array(text(50)).max(100).default([]) }),
  labellingRequestDetailSchema,
);

export const requestComplement = defineCommand(
  'sons.labelling.request.request-complement',
  'INCERT asks for complements (message, optional checklist of RECL items); not after the calendar’s complement deadline',
  caseAction.extend({ message: longText(3), checklist: z.array(text(50)).max(100).default([]) }),
  labellingRequestDetailSchema,
);

export const resumeLabellingReview = defineCommand(
  'sons.labelling.request.resume-review',
  'INCERT resumes the review after the vendor answered a complement request',
  caseAction,
  labellingRequestDetailSchema,
);

export const failLabellingTests = defineCommand(
  'sons.labelling.request.fail-tests',
  'INCERT sends the test results: the tests failed; the vendor may submit new evidence (a new iteration)',
  caseAction.extend({
    results: longText(3),
    attachmentIds: z.array(uuid).max(20).default([]),
    checklist: z.array(text(50)).max(100).default([]),
  }),
  labellingRequestDetailSchema,
);

export const passLabellingTests = defineCommand(
  'sons.labelling.request.pass-tests',
  'INCERT records that the tests passed: the « attestation de réussite des tests » is issued and Form 4 made available',
  caseAction.extend({ note: z.string().trim().max(4000).optional(), locale: z.enum(['fr', 'en']).default('fr') }),
  labellingRequestDetailSchema,
);

// ---------------------------------------------------------------------------------------------------------------
// Commands: AeS — service agreement and label.
export const sendAgreement = defineCommand(
  'sons.labelling.request.send-agreement',
  'AeS sends the « Accord de service et usage relatif à la labélisation » (generated, or an uploaded file)',
  caseAction.extend({
    attachmentId: uuid.optional(),
    signBefore: z.iso.date().optional(),
    representative: z.object({ name: text(200), role: text(200) }).optional(),
    locale: z.enum(['fr', 'en']).default('fr'),
  }),
  labellingRequestDetailSchema,
);

export const confirmAgreement = defineCommand(
  'sons.labelling.request.confirm-agreement',
  'AeS confirms the signed agreement: the « attestation de labélisation » is issued and the label published in the registry',
  caseAction.extend({ locale: z.enum(['fr', 'en']).default('fr') }),
  labellingRequestDetailSchema,
);

// ---------------------------------------------------------------------------------------------------------------
// Software, versions, labels, the RECL and the public registry.
export const softwareVersionSchema = z.object({
  versionId: uuid,
  version: z.string(),
  kind: z.enum(VERSION_KINDS),
  basedOnVersion: z.string().nullable(),
  changes: z.string().nullable(),
  declaredAt: z.string(),
  // The label covering this version (its own, or the one extended to a minor version).
  labelId: z.string().nullable(),
  labelStatus: z.enum(LABELLING_LABEL_STATUSES).nullable(),
  // A version covered by extension gives no right to a new incentive payment (PROCESS.md 2.7).
  incentiveEligible: z.boolean(),
});
export const softwareSchema = z.object({
  softwareId: uuid,
  vendorId: uuid,
  vendorName: z.string(),
  name: z.string(),
  createdAt: z.string(),
  versions: z.array(softwareVersionSchema),
});
export type SoftwareDto = z.infer<typeof softwareSchema>;

export const listSoftware = defineCommand(
  'sons.labelling.software.list',
  'Software and their versions with label status (vendors: their own; operators: all)',
  pageQuerySchema.extend({ vendorId: uuid.optional() }),
  pageOf(softwareSchema),
);

export const declareVersion = defineCommand(
  'sons.labelling.version.declare',
  'The vendor declares a new version: minor (no new standardised forms: the label extends to it, no new incentive) or major (a new labelling request is required)',
  z.object({
    softwareId: uuid,
    version: text(50),
    kind: z.enum(['minor', 'major']),
    changes: longText(3),
    // A minor version extends the label of this version (default: the software's latest labelled version).
    basedOnVersion: text(50).optional(),
  }),
  softwareSchema,
);

export const reclRequirementSchema = z.object({ id: text(50), title: text(300) });
export const reclSchema = z.object({
  reclId: uuid,
  version: z.string(),
  title: z.string(),
  notes: z.string().nullable(),
  requirements: z.array(reclRequirementSchema),
  technicalDocumentationVersion: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  // Labels flagged « retest required » by this publication.
  flaggedLabels: z.number().int().nonnegative(),
});
export type ReclDto = z.infer<typeof reclSchema>;

export const publishRecl = defineCommand(
  'sons.labelling.recl.publish',
  'Operators publish a new RECL / technical documentation version: every label is flagged « retest required » and its vendor told',
  z.object({
    version: text(20),
    title: text(200),
    notes: z.string().trim().max(4000).optional(),
    // The requirements are Form 3's evidence checklist: at least one, each identifier once.
    requirements: z
      .array(reclRequirementSchema)
      .min(1)
      .max(500)
      .refine((list) => new Set(list.map((r) => r.id)).size === list.length, {
        params: {
          fr: 'chaque identifiant d’exigence ne figure qu’une fois',
          en: 'each requirement identifier appears once',
        },
      }),
    technicalDocumentationVersion: z.string().trim().max(50).optional(),
  }),
  reclSchema,
);

export const getCurrentRecl = defineCommand(
  'sons.labelling.recl.current',
  'The current RECL (its requirements are the checklist of Form 3 evidence); null before the first publication',
  z.object({}),
  z.object({ current: reclSchema.nullable() }),
);

export const withdrawLabel = defineCommand(
  'sons.labelling.label.withdraw',
  'AeS withdraws a label with a reason; the registry shows it as withdrawn',
  z.object({ labelId: uuid, reason: longText(5), expectedVersion: z.number().int().positive().optional() }),
  z.object({
    labelId: uuid,
    status: z.enum(LABELLING_LABEL_STATUSES),
    withdrawnAt: z.string().nullable(),
    rowVersion: z.number().int(),
  }),
);

export const registryEntrySchema = z.object({
  entryId: uuid,
  labelId: uuid,
  vendorName: z.string(),
  softwareName: z.string(),
  version: z.string(),
  // The date the label was granted (for a minor version: the date of the label it extends).
  labelDate: z.string(),
  // Null for the labelled version itself; the labelled version a minor version's label extends from.
  extendedFrom: z.string().nullable(),
  labelNumber: z.string(),
  attestationReference: z.string().nullable(),
  reclVersion: z.string().nullable(),
  status: z.enum(LABELLING_LABEL_STATUSES),
  statusChangedAt: z.string(),
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

export const listRegistry = defineCommand(
  'sons.labelling.registry.list',
  'The public registry of labelled software versions (no login), most recent label first; withdrawn labels shown as withdrawn',
  pageQuerySchema.extend({ status: z.enum(LABELLING_LABEL_STATUSES).optional(), vendorId: uuid.optional() }),
  pageOf(registryEntrySchema),
);

// ---------------------------------------------------------------------------------------------------------------
// Events. Thin: ids, statuses, the software name and version (public once labelled) — never evidence content.
const requestStatusChange = z.object({
  labelRequestId: uuid,
  vendorId: uuid,
  softwareId: uuid,
  softwareName: z.string(),
  versionId: uuid,
  version: z.string(),
  kind: z.enum(LABELLING_REQUEST_KINDS),
  iteration: z.number().int().nonnegative(),
  status: z.enum(LABELLING_STATUSES),
  previousStatus: z.enum(LABELLING_STATUSES).nullable(),
});

export const labellingRequestCreated = defineEvent(
  'sons.labelling.request.created',
  'A vendor saved a Form 3 draft for one software version',
  requestStatusChange,
);
export const labellingRequestSubmitted = defineEvent(
  'sons.labelling.request.submitted',
  'The vendor submitted Form 3 with its test evidence (a new iteration after failed tests); completeness is checked next',
  requestStatusChange,
);
export const labellingCompletionRequested = defineEvent(
  'sons.labelling.request.completion-requested',
  'The evidence is incomplete: the request waits, behind every complete one, until the vendor completes it',
  requestStatusChange.extend({ missingRequirementIds: z.array(z.string()) }),
);
export const labellingRequestQueued = defineEvent(
  'sons.labelling.request.queued',
  'The evidence is complete: the request entered the FIFO review queue at queuedAt',
  requestStatusChange.extend({ queuedAt: isoDateTime }),
);
export const labellingReviewStarted = defineEvent(
  'sons.labelling.request.review-started',
  'INCERT took the request and reviews the tests and evidence (or resumed after a complement answer)',
  requestStatusChange.extend({ assigneeId: z.string(), outOfOrder: z.boolean() }),
);
export const labellingComplementRequested = defineEvent(
  'sons.labelling.request.complement-requested',
  'INCERT asked the vendor for complements; the answer is due before the calendar’s complement deadline',
  requestStatusChange.extend({ dueBefore: isoDateTime.nullable() }),
);
export const labellingComplementAnswered = defineEvent(
  'sons.labelling.request.complement-answered',
  'The vendor answered the complement request; INCERT resumes the review',
  requestStatusChange,
);
export const labellingTestsFailed = defineEvent(
  'sons.labelling.request.tests-failed',
  'INCERT sent the test results: the tests failed; the vendor may submit new evidence (a new iteration)',
  requestStatusChange,
);
export const labellingTestsPassed = defineEvent(
  'sons.labelling.request.tests-passed',
  'The tests passed: the « attestation de réussite des tests » was issued, Form 4 is available; AeS sends the service agreement next',
  requestStatusChange.extend({ attestationDocumentId: z.string(), attestationReference: z.string() }),
);
export const labellingAgreementSent = defineEvent(
  'sons.labelling.request.agreement-sent',
  'AeS sent the « Accord de service et usage relatif à la labélisation » for signature',
  requestStatusChange,
);
export const labellingAgreementSigned = defineEvent(
  'sons.labelling.request.agreement-signed',
  'The vendor returned the signed service agreement; AeS confirms it and issues the label',
  requestStatusChange,
);
// Consumed by the connection service (Form 4 names a labelled version): keep labelRequestId, vendorId, softwareId,
// softwareName, version and labelledAt.
export const labellingRequestLabelled = defineEvent(
  'sons.labelling.request.labelled',
  'A software version was labelled (attestation de labélisation issued, published in the registry); connection requests may name it',
  requestStatusChange.extend({
    labelId: uuid,
    labelNumber: z.string(),
    labelledAt: isoDateTime,
    attestationDocumentId: z.string(),
    attestationReference: z.string(),
  }),
);

const labelStatusChange = z.object({
  labelId: uuid,
  vendorId: uuid,
  softwareId: uuid,
  softwareName: z.string(),
  version: z.string(),
  labelNumber: z.string(),
  status: z.enum(LABELLING_LABEL_STATUSES),
  previousStatus: z.enum(LABELLING_LABEL_STATUSES).nullable(),
  reclVersion: z.string().nullable(),
});
export const labelPublished = defineEvent(
  'sons.labelling.label.published',
  'A label is published in the public registry (first labelling, or again after a passed retest)',
  labelStatusChange.extend({ labelledAt: isoDateTime, labelRequestId: uuid }),
);
export const labelRetestRequired = defineEvent(
  'sons.labelling.label.retest-required',
  'A new RECL / technical documentation version was published: the vendor must pass new tests to keep this label',
  labelStatusChange.extend({ newReclVersion: z.string() }),
);
export const labelWithdrawn = defineEvent(
  'sons.labelling.label.withdrawn',
  'AeS withdrew the label; the registry shows it as withdrawn',
  labelStatusChange,
);
export const labelExtended = defineEvent(
  'sons.labelling.label.extended',
  'A minor version (no new standardised forms) is covered by an existing label; it gives no right to a new incentive',
  z.object({
    labelId: uuid,
    vendorId: uuid,
    softwareId: uuid,
    softwareName: z.string(),
    version: z.string(),
    extendedFrom: z.string(),
    versionId: uuid,
    incentiveEligible: z.literal(false),
  }),
);
export const softwareVersionDeclared = defineEvent(
  'sons.labelling.version.declared',
  'The vendor declared a new version of its software: minor (label extended) or major (a new labelling request is required)',
  z.object({
    versionId: uuid,
    softwareId: uuid,
    vendorId: uuid,
    softwareName: z.string(),
    version: z.string(),
    kind: z.enum(VERSION_KINDS),
    labelRequired: z.boolean(),
  }),
);
export const reclPublished = defineEvent(
  'sons.labelling.recl.published',
  'Operators published a new RECL / technical documentation version; every label was flagged « retest required »',
  z.object({ reclId: uuid, version: z.string(), requirementCount: z.number().int(), flaggedLabels: z.number().int() }),
);

export const LABELLING_EVENTS = [
  labellingRequestCreated,
  labellingRequestSubmitted,
  labellingCompletionRequested,
  labellingRequestQueued,
  labellingReviewStarted,
  labellingComplementRequested,
  labellingComplementAnswered,
  labellingTestsFailed,
  labellingTestsPassed,
  labellingAgreementSent,
  labellingAgreementSigned,
  labellingRequestLabelled,
  labelPublished,
  labelRetestRequired,
  labelWithdrawn,
  labelExtended,
  softwareVersionDeclared,
  reclPublished,
] as const;

// The one catalogue event recorded when a labelling request enters each status.
export const LABELLING_EVENT_FOR_STATUS: Record<LabellingStatus, EventDefinition> = {
  draft: labellingRequestCreated,
  submitted: labellingRequestSubmitted,
  evidence_incomplete: labellingCompletionRequested,
  queued: labellingRequestQueued,
  in_review: labellingReviewStarted,
  complement_requested: labellingComplementRequested,
  complement_answered: labellingComplementAnswered,
  tests_failed: labellingTestsFailed,
  tests_passed: labellingTestsPassed,
  agreement_sent: labellingAgreementSent,
  agreement_signed: labellingAgreementSigned,
  labelled: labellingRequestLabelled,
} satisfies EventForStatus<LabellingStatus>;

// The one catalogue event recorded when a label enters each status.
export const LABEL_EVENT_FOR_STATUS: Record<LabellingLabelStatus, EventDefinition> = {
  labelled: labelPublished,
  retest_required: labelRetestRequired,
  withdrawn: labelWithdrawn,
} satisfies EventForStatus<LabellingLabelStatus>;
