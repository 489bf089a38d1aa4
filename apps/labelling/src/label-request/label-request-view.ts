import type { Caller, LabellingRequestDetail, LabellingRequestSummary } from '@sons/contracts';
import type { Missing } from './evidence-completeness.js';
import { allowedActions } from './label-request-access.js';
import { FORM4_STATUSES, contactPointOf } from './label-request-status.js';
import type { Evidence } from './evidence.entity.js';
import type { LabelRequestDocument } from './label-request-document.entity.js';
import type { LabelRequestMessage } from './label-request-message.entity.js';
import type { LabelRequest } from './label-request.entity.js';

export const toSummary = (r: LabelRequest): LabellingRequestSummary => ({
  labelRequestId: r.id,
  reference: r.reference,
  vendorId: r.vendorId,
  vendorName: r.vendorName,
  softwareId: r.softwareId,
  softwareName: r.softwareName,
  versionId: r.versionId,
  version: r.version,
  kind: r.kind,
  status: r.status,
  iteration: r.iteration,
  queuedAt: r.queuedAt?.toISOString() ?? null,
  assigneeId: r.assigneeId ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  rowVersion: r.rowVersion,
});

export type DetailParts = {
  evidence: Evidence[];
  messages: LabelRequestMessage[];
  documents: LabelRequestDocument[];
  missing: Missing[];
  queue: { position: number | null; queued: number } | null;
  complementDeadline: Date | null;
};

export function toDetail(r: LabelRequest, parts: DetailParts, caller: Caller | null): LabellingRequestDetail {
  const draftEvidence = r.status === 'draft' ? (r.draftEvidence ?? []) : [];
  return {
    ...toSummary(r),
    reclVersion: r.reclVersion ?? null,
    integrationMode: r.integrationMode,
    declaration: r.declaration,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    missingEvidence: parts.missing,
    queue: parts.queue ? { ...parts.queue, queuedAt: r.queuedAt?.toISOString() ?? null } : null,
    evidence: [
      ...parts.evidence.map((e) => ({
        evidenceId: e.id,
        iteration: e.iteration,
        requirementId: e.requirementId,
        result: e.result,
        justification: e.justification ?? null,
        files: e.files,
        addedAt: e.addedAt.toISOString(),
      })),
      // A draft's evidence is not stored as evidence rows yet: shown with the draft's own ids.
      ...draftEvidence.map((e, i) => ({
        evidenceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        iteration: 0,
        requirementId: e.requirementId,
        result: e.result,
        justification: e.justification,
        files: e.files,
        addedAt: r.updatedAt.toISOString(),
      })),
    ],
    messages: parts.messages.map((m) => ({
      messageId: m.id,
      iteration: m.iteration,
      kind: m.kind,
      authorRole: m.authorRole,
      body: m.body,
      checklist: m.checklist,
      files: m.files,
      createdAt: m.createdAt.toISOString(),
    })),
    documents: parts.documents.map((d) => ({
      kind: d.kind,
      iteration: d.iteration,
      documentId: d.documentId ?? null,
      reference: d.reference ?? null,
      attachmentId: d.attachmentId,
      sha256: d.sha256,
      verifyUrl: d.verifyUrl ?? null,
      createdAt: d.createdAt.toISOString(),
    })),
    form4Available: FORM4_STATUSES.includes(r.status),
    labelId: r.labelId ?? null,
    contactPoint: contactPointOf(r.status),
    complementDeadline: parts.complementDeadline?.toISOString() ?? null,
    allowedActions: allowedActions(caller, r),
  };
}
