import type { MessageKey } from '../i18n/index.js';
import type { Tone } from '../app/ui.js';
import type { Step } from './contact.js';

// Mirrors @sons/contracts (enrolment.ts). The web bundle does not import the contracts package (it carries zod and
// server code); these string unions are the persisted status strings and never change meaning.
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

export type Localized = { fr: string; en: string };
export type EnrolmentSummary = {
  enrolmentId: string;
  vendorId: string;
  vendorName: string;
  status: EnrolmentStatus;
  submittedAt: string;
  updatedAt: string;
  personType?: 'legal' | 'natural';
  assigneeId?: string | null;
  version?: number;
};
export type EligibilityCheck = {
  rule: string;
  criterion: number;
  outcome: 'pass' | 'fail' | 'needs_operator_judgement';
  reason: Localized;
  field?: string;
  stage: 'form1' | 'form2';
  evaluatedAt: string;
};
export type ContactPoint = { party: 'aes' | 'incert' | 'cns'; name: string; topic: Localized };
export type EnrolmentMessage = {
  messageId: string;
  kind: 'information_request' | 'information_answer' | 'rejection' | 'validation_note';
  authorRole: 'vendor' | 'incert' | 'aes' | 'admin';
  body: string;
  attachmentIds: string[];
  createdAt: string;
};
export type EnrolmentDetail = EnrolmentSummary & {
  data: Record<string, unknown>;
  // The Form 1 version the data were filled on (null: unknown, an older case).
  formVersion?: number | null;
  vendor?: { name: string; providerCode: string | null; email: string; [k: string]: unknown };
  contactPoint?: ContactPoint;
  helpdesk?: ContactPoint;
  eligibility?: EligibilityCheck[];
  assignee?: { userId: string; email: string | null; assignedAt: string } | null;
  nda?: {
    signedAttachmentId: string | null;
    countersigned: boolean;
    countersignedAt: string | null;
    countersignMode: 'uploaded' | 'marked' | null;
    countersignedAttachmentId: string | null;
  };
  validatedAt?: string | null;
  rejection?: { reason: string; at: string } | null;
  documentationSharedAt?: string | null;
  form2?: { submittedAt: string; data: Record<string, unknown> } | null;
  testAccess?: { grantedAt: string } | null;
  messages?: EnrolmentMessage[];
  allowedActions?: EnrolmentAction[];
};

export const statusLabel = (status: EnrolmentStatus): MessageKey => `enrolment.status.${status}`;

export const STATUS_TONE: Record<EnrolmentStatus, Tone> = {
  submitted: 'info',
  under_review: 'primary',
  information_requested: 'warning',
  validated_incert: 'primary',
  nda_countersigned: 'primary',
  documentation_shared: 'success',
  test_access_requested: 'info',
  test_access_granted: 'success',
  rejected: 'danger',
};

// Which programme step a status belongs to (for the contact point): once the documentation is shared the vendor's
// next step is Form 2 and the tests, so INCERT — as the enrolment service's contact point says.
export function stepOf(status: EnrolmentStatus): Step {
  switch (status) {
    case 'documentation_shared':
    case 'test_access_requested':
    case 'test_access_granted':
      return 'tests';
    case 'submitted':
    case 'under_review':
    case 'information_requested':
    case 'validated_incert':
    case 'nda_countersigned':
    case 'rejected':
      return 'enrolment';
    default:
      return assertNever(status);
  }
}

// What the vendor is expected to do next ("waiting" when the ball is in the operators' court).
export type NextAction = { key: MessageKey; actor: 'vendor' | 'incert' | 'aes' | 'none' };
export function vendorNextAction(status: EnrolmentStatus): NextAction {
  switch (status) {
    case 'submitted':
    case 'under_review':
      return { key: 'enrolment.next.vendor.waitReview', actor: 'incert' };
    case 'information_requested':
      return { key: 'enrolment.next.vendor.answerInformation', actor: 'vendor' };
    case 'validated_incert':
      return { key: 'enrolment.next.vendor.waitNda', actor: 'aes' };
    case 'nda_countersigned':
      return { key: 'enrolment.next.vendor.waitDocumentation', actor: 'aes' };
    case 'documentation_shared':
      return { key: 'enrolment.next.vendor.sendForm2', actor: 'vendor' };
    case 'test_access_requested':
      return { key: 'enrolment.next.vendor.waitTestAccess', actor: 'incert' };
    case 'test_access_granted':
      return { key: 'enrolment.next.vendor.runTests', actor: 'vendor' };
    case 'rejected':
      return { key: 'enrolment.next.vendor.rejected', actor: 'none' };
    default:
      return assertNever(status);
  }
}

// What the back-office does next with a case in this status.
export function operatorNextAction(status: EnrolmentStatus): NextAction {
  switch (status) {
    case 'submitted':
      return { key: 'enrolment.next.operator.take', actor: 'incert' };
    case 'under_review':
      return { key: 'enrolment.next.operator.review', actor: 'incert' };
    case 'information_requested':
      return { key: 'enrolment.next.operator.waitVendor', actor: 'vendor' };
    case 'validated_incert':
      return { key: 'enrolment.next.operator.countersign', actor: 'aes' };
    case 'nda_countersigned':
      return { key: 'enrolment.next.operator.share', actor: 'aes' };
    case 'documentation_shared':
      return { key: 'enrolment.next.operator.waitForm2', actor: 'vendor' };
    case 'test_access_requested':
      return { key: 'enrolment.next.operator.grant', actor: 'incert' };
    case 'test_access_granted':
      return { key: 'enrolment.next.operator.done', actor: 'none' };
    case 'rejected':
      return { key: 'enrolment.next.operator.closed', actor: 'none' };
    default:
      return assertNever(status);
  }
}

// How far along the programme's path the case is (for the vendor's progress tracker).
export const STATUS_ORDER: Record<EnrolmentStatus, number> = Object.fromEntries(
  ENROLMENT_STATUSES.map((s, i) => [s, i]),
) as Record<EnrolmentStatus, number>;
export const isEnrolmentValidated = (status: EnrolmentStatus): boolean =>
  status !== 'rejected' && STATUS_ORDER[status] >= STATUS_ORDER.validated_incert;
export const hasTestAccess = (status: EnrolmentStatus): boolean => status === 'test_access_granted';

export const actionLabel = (action: EnrolmentAction): MessageKey => `enrolment.action.${action}`;

// The vendor's name as Form 1 gives it.
export function vendorNameFromData(data: Record<string, unknown>): string {
  if (data.personType === 'natural') return [data.firstName, data.lastName].filter((x) => typeof x === 'string' && x).join(' ');
  return typeof data.companyName === 'string' ? data.companyName : '';
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
