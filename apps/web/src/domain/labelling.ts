import type { MessageKey } from '../i18n/index.js';
import type { Tone } from '../app/ui.js';

// Mirrors @sons/contracts (labelling.ts): persisted status strings of a labelling request (Form 3).
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
export type LabellingAction =
  | 'update_draft'
  | 'submit'
  | 'add_evidence'
  | 'take'
  | 'flag_incomplete'
  | 'request_complement'
  | 'answer_complement'
  | 'resume_review'
  | 'fail_tests'
  | 'pass_tests'
  | 'send_agreement'
  | 'sign_agreement'
  | 'confirm_agreement';

type Localized = { fr: string; en: string };
export type ProofFile = { attachmentId: string; sha256: string; fileName: string; size: number };
export type LabellingSummary = {
  labelRequestId: string;
  reference: string;
  vendorId: string;
  vendorName: string;
  softwareName: string;
  version: string;
  kind: 'initial' | 'retest';
  status: LabellingStatus;
  iteration: number;
  queuedAt: string | null;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
};
export type LabellingDetail = LabellingSummary & {
  reclVersion: string | null;
  integrationMode: 'econnector_ng' | 'direct_access';
  submittedAt: string | null;
  missingEvidence: { requirementId: string; reason: Localized }[];
  queue: { position: number | null; queued: number; queuedAt: string | null } | null;
  evidence: {
    evidenceId: string;
    iteration: number;
    requirementId: string;
    result: 'pass' | 'fail' | 'not_applicable';
    justification: string | null;
    files: ProofFile[];
    addedAt: string;
  }[];
  messages: {
    messageId: string;
    iteration: number;
    kind: string;
    authorRole: string;
    body: string;
    checklist: string[];
    files: ProofFile[];
    createdAt: string;
  }[];
  documents: {
    kind: string;
    iteration: number;
    reference: string | null;
    attachmentId: string;
    verifyUrl: string | null;
    createdAt: string;
  }[];
  form4Available: boolean;
  labelId: string | null;
  contactPoint: { party: 'incert' | 'aes'; topic: Localized };
  complementDeadline: string | null;
  allowedActions: LabellingAction[];
};
export type QueueItem = {
  position: number;
  labelRequestId: string;
  reference: string;
  vendorName: string;
  softwareName: string;
  version: string;
  kind: 'initial' | 'retest';
  iteration: number;
  queuedAt: string;
};

export const labellingStatusLabel = (s: LabellingStatus): MessageKey => `labelling.status.${s}`;
export const LABELLING_TONE: Record<LabellingStatus, Tone> = {
  draft: 'light',
  submitted: 'info',
  evidence_incomplete: 'warning',
  queued: 'info',
  in_review: 'primary',
  complement_requested: 'warning',
  complement_answered: 'primary',
  tests_failed: 'danger',
  tests_passed: 'success',
  agreement_sent: 'warning',
  agreement_signed: 'primary',
  labelled: 'success',
};

// What the vendor does next on a labelling request (the contact point comes from the server).
export function labellingVendorNext(status: LabellingStatus): { key: MessageKey; vendor: boolean } {
  switch (status) {
    case 'draft':
      return { key: 'labelling.next.draft', vendor: true };
    case 'submitted':
    case 'queued':
      return { key: 'labelling.next.queued', vendor: false };
    case 'evidence_incomplete':
      return { key: 'labelling.next.incomplete', vendor: true };
    case 'in_review':
    case 'complement_answered':
      return { key: 'labelling.next.review', vendor: false };
    case 'complement_requested':
      return { key: 'labelling.next.complement', vendor: true };
    case 'tests_failed':
      return { key: 'labelling.next.failed', vendor: true };
    case 'tests_passed':
      return { key: 'labelling.next.passed', vendor: false };
    case 'agreement_sent':
      return { key: 'labelling.next.sign', vendor: true };
    case 'agreement_signed':
      return { key: 'labelling.next.signed', vendor: false };
    case 'labelled':
      return { key: 'labelling.next.labelled', vendor: false };
    default: {
      const never: never = status;
      throw new Error(String(never));
    }
  }
}
