import { z } from 'zod';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand, defineEvent } from './registry.js';

// Form 1 — « Formulaire d'enrôlement » (PROCESS.md, Eligibility 1). Content rules (IBAN checksum, VAT check digits,
// matricule) are checked by the enrolment service; the contract fixes shape and types.
const text = (max = 200) => z.string().trim().min(1).max(max);

const commonIdentity = {
  matricule: z
    .string()
    .trim()
    .regex(/^\d{11}(\d{2})?$/, 'matricule'),
  iban: z.string().trim().min(15).max(42),
  email: z.string().trim().email(),
  countryOfEstablishment: z.string().trim().length(2).toUpperCase(),
  address: z.string().trim().max(500).optional(),
  vague1Participant: z.boolean().default(false),
  existingProviderCode: z.string().trim().max(20).optional(),
  integrationMode: z.enum(['econnector_ng', 'direct_access']).default('econnector_ng'),
  intendedSoftwareName: text().optional(),
  declaration: z.literal(true),
  // The NDA « Industriels » signed by the vendor: an attachment uploaded with purpose 'nda' (POST /api/attachments),
  // either as its id or as the Form.io file component's value. Checked by the service (eligibility 1).
  ndaAttachmentId: z.string().uuid().optional(),
  ndaFile: z
    .array(z.object({ attachmentId: z.string().max(100) }).passthrough())
    .max(1)
    .optional(),
  // The company name as printed on the signed NDA (eligibility 5: flagged when it differs from the enrolled name).
  ndaSignatoryCompany: z.string().trim().max(300).optional(),
  addressStreet: z.string().trim().max(300).optional(),
  addressPostalCode: z.string().trim().max(12).optional(),
  addressCity: z.string().trim().max(200).optional(),
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

export const PERSON_TYPES = ['legal', 'natural'] as const;
export type PersonType = (typeof PERSON_TYPES)[number];
const localizedText = z.object({ fr: z.string(), en: z.string() });
const isoDateTime = z.string().datetime({ offset: true });

export const enrolmentSummarySchema = z.object({
  enrolmentId: uuid,
  vendorId: uuid,
  vendorName: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  submittedAt: z.string(),
  updatedAt: z.string(),
  personType: z.enum(PERSON_TYPES).optional(),
  // The operator who took the case ("assign to me"); null while nobody has.
  assigneeId: z.string().nullable().optional(),
  // Optimistic locking: send it back as `expectedVersion` with an action so a concurrent change answers 409.
  version: z.number().int().optional(),
});
export type EnrolmentSummary = z.infer<typeof enrolmentSummarySchema>;

// Eligibility (PROCESS.md, Eligibility 1–6): each named rule's verdict, shown to operators as a checklist.
export const ELIGIBILITY_OUTCOMES = ['pass', 'fail', 'needs_operator_judgement'] as const;
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];
export const eligibilityCheckSchema = z.object({
  rule: z.string(),
  criterion: z.number().int().min(1).max(6),
  outcome: z.enum(ELIGIBILITY_OUTCOMES),
  reason: localizedText,
  field: z.string().optional(),
  // Which submission the rule was evaluated on.
  stage: z.enum(['form1', 'form2']),
  evaluatedAt: z.string(),
});
export type EligibilityCheck = z.infer<typeof eligibilityCheckSchema>;

// Who the vendor contacts at each step (PROCESS.md, Actors and roles: contact point by step).
export const CONTACT_PARTIES = ['aes', 'incert', 'cns'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const contactPointSchema = z.object({ party: z.enum(CONTACT_PARTIES), name: z.string(), topic: localizedText });
export type ContactPoint = z.infer<typeof contactPointSchema>;

// Identity data of an Industriel (Form 1), valid over [validFrom, validTo): it changes only through an approved
// change request (Eligibility 2), and every earlier value is kept.
export const VENDOR_IDENTITY_FIELDS = [
  'companyName',
  'ceoFirstName',
  'ceoLastName',
  'firstName',
  'lastName',
  'matricule',
  'rcsNumber',
  'vatNumber',
  'iban',
  'email',
  'countryOfEstablishment',
  'address',
  'addressStreet',
  'addressPostalCode',
  'addressCity',
] as const;
export type VendorIdentityField = (typeof VENDOR_IDENTITY_FIELDS)[number];

const optionalText = z.string().nullable();
export const vendorIdentitySchema = z.object({
  vendorId: uuid,
  personType: z.enum(PERSON_TYPES),
  // The enrolled name: company name (legal person) or "first last" (natural person).
  name: z.string(),
  companyName: optionalText,
  ceoFirstName: optionalText,
  ceoLastName: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  matricule: z.string(),
  rcsNumber: optionalText,
  vatNumber: optionalText,
  iban: z.string(),
  email: z.string(),
  countryOfEstablishment: z.string(),
  address: optionalText,
  addressStreet: optionalText,
  addressPostalCode: optionalText,
  addressCity: optionalText,
  identityVersion: z.number().int().positive(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type VendorIdentity = z.infer<typeof vendorIdentitySchema>;

export const vendorSchema = vendorIdentitySchema.extend({
  locale: z.enum(['fr', 'en']),
  vague1Participant: z.boolean(),
  // Code prestataire (CNS provider code): kept from « Vague 1 », or assigned after Form 2.
  providerCode: z.string().nullable(),
  integrationMode: z.enum(['econnector_ng', 'direct_access']),
  enrolmentId: uuid.nullable(),
});
export type VendorDto = z.infer<typeof vendorSchema>;

export const ENROLMENT_MESSAGE_KINDS = ['information_request', 'information_answer', 'rejection', 'validation_note'] as const;
export const enrolmentMessageSchema = z.object({
  messageId: uuid,
  kind: z.enum(ENROLMENT_MESSAGE_KINDS),
  authorRole: z.enum(['vendor', 'incert', 'aes', 'admin']),
  body: z.string(),
  attachmentIds: z.array(z.string()),
  createdAt: z.string(),
});

// What the caller may do on this case now (its role and the case's status); the back-office shows these buttons.
export const ENROLMENT_ACTIONS = [
  'assign',
  'request_information',
  'answer_information',
  'validate',
  'reject',
  'countersign_nda',
  'share_documentation',
  'submit_form2',
  'grant_test_access',
  'request_change',
] as const;
export type EnrolmentAction = (typeof ENROLMENT_ACTIONS)[number];

export const enrolmentDetailSchema = enrolmentSummarySchema.extend({
  // Form 1 as submitted (identity as it was then; `vendor` holds the current values).
  data: z.record(z.string(), z.unknown()),
  // The Form 1 definition version `data` was validated against (null: unknown, the case predates it).
  formVersion: z.number().int().positive().nullable().optional(),
  vendor: vendorSchema.optional(),
  contactPoint: contactPointSchema.optional(),
  helpdesk: contactPointSchema.optional(),
  eligibility: z.array(eligibilityCheckSchema).optional(),
  assignee: z.object({ userId: z.string(), email: z.string().nullable(), assignedAt: z.string() }).nullable().optional(),
  nda: z
    .object({
      signedAttachmentId: z.string().nullable(),
      countersigned: z.boolean(),
      countersignedAt: z.string().nullable(),
      // 'uploaded': AeS uploaded the countersigned file; 'marked': AeS marked it countersigned (signed on paper).
      countersignMode: z.enum(['uploaded', 'marked']).nullable(),
      countersignedAttachmentId: z.string().nullable(),
    })
    .optional(),
  validatedAt: z.string().nullable().optional(),
  rejection: z.object({ reason: z.string(), at: z.string() }).nullable().optional(),
  documentationSharedAt: z.string().nullable().optional(),
  form2: z
    .object({ submittedAt: z.string(), data: z.record(z.string(), z.unknown()) })
    .nullable()
    .optional(),
  testAccess: z.object({ grantedAt: z.string() }).nullable().optional(),
  messages: z.array(enrolmentMessageSchema).optional(),
  allowedActions: z.array(z.enum(ENROLMENT_ACTIONS)).optional(),
});
export type EnrolmentDetail = z.infer<typeof enrolmentDetailSchema>;

export const submitEnrolment = defineCommand(
  'sons.enrolment.application.submit',
  'A vendor submits Form 1 (enrolment) with its signed NDA',
  z.object({
    idempotencyKey: z.string().min(8).max(100).optional(),
    formVersion: z.number().int().positive().optional(),
    // The vendor's language for e-mails (the gateway fills it from Accept-Language).
    locale: z.enum(['fr', 'en']).optional(),
    data: z.record(z.string(), z.unknown()),
  }),
  enrolmentSummarySchema,
);

export const getEnrolment = defineCommand(
  'sons.enrolment.application.get',
  'Read one enrolment case',
  z.object({ enrolmentId: uuid }),
  enrolmentDetailSchema,
);

export const listEnrolments = defineCommand(
  'sons.enrolment.application.list',
  'List enrolment cases, oldest first (operators: all; vendors: their own); filter by status, age and assignee',
  pageQuerySchema.extend({
    status: z.enum(ENROLMENT_STATUSES).optional(),
    // Age: cases submitted at least this many days ago (e.g. 10 = waiting for 10 days or more).
    olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
    submittedFrom: isoDateTime.optional(),
    submittedTo: isoDateTime.optional(),
    assignee: z.enum(['me', 'none']).optional(),
  }),
  pageOf(enrolmentSummarySchema),
);

export const enrolmentSubmitted = defineEvent(
  'sons.enrolment.application.submitted',
  'Form 1 was submitted: a new enrolment case awaits INCERT review',
  z.object({ enrolmentId: uuid, vendorId: uuid, status: z.enum(ENROLMENT_STATUSES), personType: z.enum(['legal', 'natural']) }),
);

// ---------------------------------------------------------------------------------------------------------------
// Phase 1 operator and vendor actions on the enrolment case (PROCESS.md, Phase 1). Every action answers the case
// view; `expectedVersion` (the `version` the caller saw) makes a concurrent action answer 409 instead of winning
// silently.
const caseAction = z.object({ enrolmentId: uuid, expectedVersion: z.number().int().positive().optional() });
const longText = (min = 1) => z.string().trim().min(min).max(4000);

export const assignEnrolment = defineCommand(
  'sons.enrolment.application.assign',
  'INCERT takes the case ("assign to me"); a submitted case moves to under review',
  caseAction,
  enrolmentDetailSchema,
);

export const requestEnrolmentInformation = defineCommand(
  'sons.enrolment.application.request-information',
  'INCERT asks the vendor for more information (message to the vendor); the case waits for the answer',
  caseAction.extend({ message: longText(3) }),
  enrolmentDetailSchema,
);

export const answerEnrolmentInformation = defineCommand(
  'sons.enrolment.application.answer-information',
  'The vendor answers an information request (message, files, a new signed NDA); the case goes back to review',
  caseAction.extend({
    message: longText(1),
    attachmentIds: z.array(uuid).max(20).default([]),
    ndaAttachmentId: uuid.optional(),
    ndaSignatoryCompany: z.string().trim().max(300).optional(),
    integrationMode: z.enum(['econnector_ng', 'direct_access']).optional(),
  }),
  enrolmentDetailSchema,
);

export const validateEnrolment = defineCommand(
  'sons.enrolment.application.validate',
  'INCERT validates the enrolment (refused while an eligibility check fails); AeS countersigns the NDA next',
  caseAction.extend({ note: z.string().trim().max(4000).optional() }),
  enrolmentDetailSchema,
);

export const rejectEnrolment = defineCommand(
  'sons.enrolment.application.reject',
  'INCERT or AeS rejects the enrolment at a review step, with a reason the vendor reads',
  caseAction.extend({ reason: longText(5) }),
  enrolmentDetailSchema,
);

export const countersignNda = defineCommand(
  'sons.enrolment.nda.countersign',
  'AeS countersigns the NDA: uploads the countersigned file (attachment id) or marks it countersigned',
  caseAction.extend({ countersignedAttachmentId: uuid.optional() }),
  enrolmentDetailSchema,
);

export const getNdaFile = defineCommand(
  'sons.enrolment.nda.get',
  'The attachment of the signed or countersigned NDA of a case, for its vendor and operators (the gateway streams it)',
  z.object({ enrolmentId: uuid, which: z.enum(['signed', 'countersigned']) }),
  z.object({ enrolmentId: uuid, which: z.enum(['signed', 'countersigned']), attachmentId: z.string() }),
);

export const shareDocumentation = defineCommand(
  'sons.enrolment.documentation.share',
  'INCERT or AeS shares the countersigned NDA, Form 2 and the technical documentation with the vendor',
  caseAction,
  enrolmentDetailSchema,
);

// Technical documentation (eConnector NG integration, PID v2 / Remboursement specifications): versioned sets,
// confidential under the NDA — per-vendor access, every download logged.
export const documentationFileSchema = z.object({
  attachmentId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export const documentationSetSchema = z.object({
  documentationSetId: uuid,
  versionLabel: z.string(),
  title: z.string(),
  notes: z.string().nullable(),
  files: z.array(documentationFileSchema),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type DocumentationSetDto = z.infer<typeof documentationSetSchema>;

export const publishDocumentation = defineCommand(
  'sons.enrolment.documentation.publish',
  'INCERT or AeS publishes a version of the technical documentation (files uploaded first with purpose "documentation")',
  z.object({
    versionLabel: z.string().trim().min(1).max(50),
    title: z.string().trim().min(1).max(200),
    notes: z.string().trim().max(4000).optional(),
    attachmentIds: z.array(uuid).min(1).max(50),
  }),
  documentationSetSchema,
);

export const listDocumentation = defineCommand(
  'sons.enrolment.documentation.list',
  'Published documentation sets, newest first (operators; vendors once their NDA is countersigned and it was shared)',
  pageQuerySchema,
  pageOf(documentationSetSchema),
);

export const downloadDocumentation = defineCommand(
  'sons.enrolment.documentation.download',
  'Checks the caller may download one file of a documentation set and logs the download (user, time); the gateway streams it',
  z.object({ documentationSetId: uuid, attachmentId: z.string().max(100) }),
  z.object({ downloadId: uuid, documentationSetId: uuid, attachmentId: z.string(), fileName: z.string() }),
);

export const documentationDownloadSchema = z.object({
  downloadId: uuid,
  documentationSetId: uuid,
  versionLabel: z.string(),
  attachmentId: z.string(),
  fileName: z.string(),
  vendorId: z.string().nullable(),
  vendorName: z.string().nullable(),
  enrolmentId: z.string().nullable(),
  userId: z.string(),
  userEmail: z.string().nullable(),
  downloadedAt: z.string(),
});
export const listDocumentationDownloads = defineCommand(
  'sons.enrolment.documentation.list-downloads',
  'The documentation download log, newest first (operators)',
  pageQuerySchema.extend({ vendorId: uuid.optional(), documentationSetId: uuid.optional() }),
  pageOf(documentationDownloadSchema),
);

// Form 2 — « Formulaire d'accès à l'environnement de test » (PROCESS.md Phase 1 step 4, Eligibility 4).
export const form2DataSchema = z.object({
  vendorName: text(300),
  providerCodeChoice: z.enum(['request', 'existing']),
  existingProviderCode: z.string().trim().max(20).optional(),
  eHealthId: text(100),
  eHealthIdActive: z.boolean().default(false),
  mySecuActive: z.boolean().default(false),
  mySecuMatricule: z
    .string()
    .trim()
    .regex(/^\d{11}(\d{2})?$/, 'matricule'),
  technicalContacts: z
    .array(z.object({ name: text(200), email: z.string().trim().email(), phone: z.string().trim().min(4).max(40) }))
    .min(1)
    .max(5),
  // The signed Form 2: an attachment id, or the Form.io file component's value.
  signedForm2AttachmentId: uuid.optional(),
  signedForm2: z
    .array(z.object({ attachmentId: z.string().max(100) }).passthrough())
    .max(1)
    .optional(),
});
export type Form2Data = z.infer<typeof form2DataSchema>;

export const submitForm2 = defineCommand(
  'sons.enrolment.test-access.request',
  'The vendor submits Form 2 (signed): only once the documentation was shared and never before the calendar date',
  // formVersion: the Form 2 definition version the vendor filled (validated against it when given).
  z.object({ enrolmentId: uuid, formVersion: z.number().int().positive().optional(), data: z.record(z.string(), z.unknown()) }),
  enrolmentDetailSchema,
);

// Test environment details recorded by INCERT: stored encrypted at rest, shown to the vendor.
export const testEnvironmentSchema = z.object({
  environmentUrl: z.string().url().max(500),
  configuration: z.record(z.string().max(100), z.string().max(2000)).default({}),
  credentials: z.object({
    username: text(200),
    password: z.string().max(500).optional(),
    clientId: z.string().max(200).optional(),
    clientSecret: z.string().max(2000).optional(),
  }),
  notes: z.string().max(4000).optional(),
});
export type TestEnvironment = z.infer<typeof testEnvironmentSchema>;

export const grantTestAccess = defineCommand(
  'sons.enrolment.test-access.grant',
  'INCERT records the test environment configuration and access details for the vendor; Form 3 becomes available',
  caseAction.extend({ environment: testEnvironmentSchema, providerCode: z.string().trim().max(20).optional() }),
  enrolmentDetailSchema,
);

export const getTestAccess = defineCommand(
  'sons.enrolment.test-access.get',
  'The test environment details of a case (decrypted), for its vendor and operators',
  z.object({ enrolmentId: uuid }),
  z.object({
    enrolmentId: uuid,
    vendorId: uuid,
    grantedAt: z.string(),
    providerCode: z.string().nullable(),
    environment: testEnvironmentSchema,
  }),
);

// Vendor identity, valid at a date (billing uses it for invoices: later documents use the data valid at their date).
export const getVendor = defineCommand(
  'sons.enrolment.vendor.get',
  'The vendor and its identity valid at `at` (default: now)',
  z.object({ vendorId: uuid, at: isoDateTime.optional() }),
  vendorSchema,
);

export const listVendorIdentityHistory = defineCommand(
  'sons.enrolment.vendor.history',
  'Every identity version of a vendor with its validity dates, oldest first',
  pageQuerySchema.extend({ vendorId: uuid }),
  pageOf(vendorIdentitySchema),
);

// Change requests (Eligibility 2): the vendor asks, an operator (INCERT or AeS) approves or refuses with a reason.
// WARNING: persisted status strings; never rename one.
export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

const clearable = (max: number) => z.string().trim().max(max).nullable().optional();
export const identityChangesSchema = z
  .object({
    companyName: text().optional(),
    ceoFirstName: text(100).optional(),
    ceoLastName: text(100).optional(),
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    matricule: z
      .string()
      .trim()
      .regex(/^\d{11}(\d{2})?$/, 'matricule')
      .optional(),
    rcsNumber: clearable(20),
    vatNumber: clearable(20),
    iban: z.string().trim().min(15).max(42).optional(),
    email: z.string().trim().email().optional(),
    countryOfEstablishment: z.string().trim().length(2).toUpperCase().optional(),
    address: clearable(500),
    addressStreet: clearable(300),
    addressPostalCode: clearable(12),
    addressCity: clearable(200),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'at least one field to change' });
export type IdentityChanges = z.infer<typeof identityChangesSchema>;

// What the caller may do with the change request now (INCERT or AeS decide a pending one), computed by the enrolment
// service from the rule its commands enforce.
export const CHANGE_REQUEST_ACTIONS = ['approve', 'refuse'] as const;
export type ChangeRequestAction = (typeof CHANGE_REQUEST_ACTIONS)[number];

export const changeRequestSchema = z.object({
  changeRequestId: uuid,
  vendorId: uuid,
  // The vendor's name now (after an approved change of name, the new one): lists need no call per vendor.
  vendorName: z.string().nullable(),
  enrolmentId: uuid,
  status: z.enum(CHANGE_REQUEST_STATUSES),
  fields: z.array(z.string()),
  changes: z.record(z.string(), z.unknown()),
  previous: z.record(z.string(), z.unknown()),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  // The identity version the approval created.
  identityVersion: z.number().int().nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(CHANGE_REQUEST_ACTIONS)),
});
export type ChangeRequestDto = z.infer<typeof changeRequestSchema>;

export const submitChangeRequest = defineCommand(
  'sons.enrolment.change-request.submit',
  'The vendor asks to change identity data (one pending request at a time)',
  z.object({ vendorId: uuid, changes: identityChangesSchema, reason: longText(3) }),
  changeRequestSchema,
);

export const approveChangeRequest = defineCommand(
  'sons.enrolment.change-request.approve',
  'INCERT or AeS approves a change request: a new identity version starts now, the previous one ends',
  z.object({
    changeRequestId: uuid,
    expectedVersion: z.number().int().positive().optional(),
    note: z.string().trim().max(4000).optional(),
  }),
  changeRequestSchema,
);

export const refuseChangeRequest = defineCommand(
  'sons.enrolment.change-request.refuse',
  'INCERT or AeS refuses a change request with a reason the vendor reads',
  z.object({ changeRequestId: uuid, expectedVersion: z.number().int().positive().optional(), reason: longText(5) }),
  changeRequestSchema,
);

export const listChangeRequests = defineCommand(
  'sons.enrolment.change-request.list',
  'Change requests, oldest first (operators: all, filterable; vendors: their own)',
  pageQuerySchema.extend({ vendorId: uuid.optional(), status: z.enum(CHANGE_REQUEST_STATUSES).optional() }),
  pageOf(changeRequestSchema),
);

// ---------------------------------------------------------------------------------------------------------------
// Events that are not a change of the enrolment case's status (those are in enrolment-events.ts). Thin: ids,
// statuses, field names — never the values, the NDA or the documentation.
export const enrolmentAssigned = defineEvent(
  'sons.enrolment.application.assigned',
  'An INCERT operator took over a case already under review or waiting for information',
  z.object({ enrolmentId: uuid, vendorId: uuid, status: z.enum(ENROLMENT_STATUSES), assigneeId: z.string() }),
);

const changeRequestEventData = z.object({
  changeRequestId: uuid,
  enrolmentId: uuid,
  vendorId: uuid,
  status: z.enum(CHANGE_REQUEST_STATUSES),
  fields: z.array(z.string()),
});
export const changeRequestSubmitted = defineEvent(
  'sons.enrolment.change-request.submitted',
  'The vendor asked to change identity data; an operator decides',
  changeRequestEventData,
);
export const changeRequestApproved = defineEvent(
  'sons.enrolment.change-request.approved',
  'A change request was approved: a new identity version is valid from now (fetch it with sons.enrolment.vendor.get)',
  changeRequestEventData.extend({ identityVersion: z.number().int().positive() }),
);
export const changeRequestRefused = defineEvent(
  'sons.enrolment.change-request.refused',
  'A change request was refused with a reason; the identity is unchanged',
  changeRequestEventData,
);

export const documentationPublished = defineEvent(
  'sons.enrolment.documentation.published',
  'A new version of the technical documentation was published (vendors with access are told)',
  z.object({ documentationSetId: uuid, versionLabel: z.string(), attachmentCount: z.number().int() }),
);

export const ENROLMENT_PHASE1_EVENTS = [
  enrolmentAssigned,
  changeRequestSubmitted,
  changeRequestApproved,
  changeRequestRefused,
  documentationPublished,
] as const;
