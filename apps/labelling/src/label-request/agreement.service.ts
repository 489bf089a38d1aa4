import { Inject, Injectable } from '@nestjs/common';
import {
  type Caller,
  type LabellingRequestDetail,
  type ParsedRequestOf,
  type confirmAgreement,
  type sendAgreement,
} from '@sons/contracts';
import { CONFIG, UnitOfWork, luxDate } from '@sons/platform';
import type { LabellingConfig } from '../config.js';
import { DEFAULT_SIGNATORIES, labelAttestationData, serviceAgreementData } from '../documents/attestation-data.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { LabelService, labelNumberFor } from '../label/label.service.js';
import { VendorDirectory } from '../vendors/vendor-directory.js';
import { assertExpectedVersion, assertMayAct } from './label-request-access.js';
import { LabelRequestDocument } from './label-request-document.entity.js';
import type { LabelRequest } from './label-request.entity.js';
import { LabelRequestService } from './label-request.service.js';

// AeS's side (PROCESS.md Phase 2.6): the « Accord de service et usage relatif à la labélisation », then the
// « attestation de labélisation » and the label in the public registry. Documents are rendered before the
// transition's transaction (idempotent per request, iteration and template): a busy worker changes nothing.
@Injectable()
export class AgreementService {
  constructor(
    @Inject(LabelRequestService) private readonly requests: LabelRequestService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(DocumentRenderer) private readonly renderer: DocumentRenderer,
    @Inject(VendorDirectory) private readonly vendors: VendorDirectory,
    @Inject(LabelService) private readonly labels: LabelService,
    @Inject(CONFIG) private readonly config: LabellingConfig,
  ) {}

  private signatories() {
    return this.config.LABELLING_SIGNATORIES ?? DEFAULT_SIGNATORIES;
  }

  private async latestDocument(
    labelRequest: LabelRequest,
    kind: LabelRequestDocument['kind'],
  ): Promise<LabelRequestDocument | null> {
    return this.uow
      .fork()
      .findOne(LabelRequestDocument, { requestId: labelRequest.id, kind }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  async send(
    request: ParsedRequestOf<typeof sendAgreement>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const current = await this.requests.load(this.uow.fork(), request.labelRequestId, caller);
    const who = assertMayAct(caller, current, 'send_agreement');
    assertExpectedVersion(current, request.expectedVersion);
    let document: Pick<LabelRequestDocument, 'documentId' | 'reference' | 'attachmentId' | 'sha256' | 'verifyUrl'>;
    if (request.attachmentId) {
      // Uploaded by AeS (e.g. prepared outside the platform): recorded with its SHA-256.
      const file = await this.requests.attachments.require(request.attachmentId, who, 'attachmentId');
      document = { documentId: null, reference: null, attachmentId: file.attachmentId, sha256: file.sha256, verifyUrl: null };
    } else {
      const vendor = await this.vendors.get(current.vendorId, correlationId);
      const testAttestation = await this.latestDocument(current, 'test_success_attestation');
      const templateKey = 'service-agreement';
      const rendered = await this.renderer.render(
        {
          templateKey,
          locale: request.locale,
          caseId: current.id,
          vendorId: current.vendorId,
          title: `${request.locale === 'en' ? 'Service and use agreement for labelling' : 'Accord de service et usage relatif à la labélisation'} — ${current.softwareName} ${current.version}`,
          idempotencyKey: `${current.id}:${current.iteration}:${templateKey}`,
          data: serviceAgreementData({
            vendor,
            softwareName: current.softwareName,
            version: current.version,
            reclVersion: current.reclVersion ?? '—',
            caseReference: current.reference,
            locale: request.locale,
            agency: request.representative ?? this.signatories().aes,
            testAttestationReference: testAttestation?.reference ?? null,
            sentOn: luxDate(this.requests.now()),
            signBefore: request.signBefore,
          }),
        },
        correlationId,
      );
      document = {
        documentId: rendered.documentId,
        reference: rendered.reference,
        attachmentId: rendered.attachmentId,
        sha256: rendered.sha256,
        verifyUrl: rendered.verifyUrl,
      };
    }
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'send_agreement');
      assertExpectedVersion(labelRequest, current.rowVersion);
      const now = this.requests.now();
      em.persist(
        Object.assign(new LabelRequestDocument(), {
          requestId: labelRequest.id,
          iteration: labelRequest.iteration,
          kind: 'service_agreement',
          ...document,
          createdBy: who.userId,
          createdAt: now,
        }),
      );
      const previous = labelRequest.sendAgreement(now);
      this.requests.record(em, labelRequest, previous, correlationId);
    });
  }

  // AeS confirms the signed agreement: the attestation de labélisation (signed for CNS, AeS and CISS) is rendered,
  // then the request is labelled and the label published in the registry in one transaction.
  async confirm(
    request: ParsedRequestOf<typeof confirmAgreement>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<LabellingRequestDetail> {
    const em0 = this.uow.fork();
    const current = await this.requests.load(em0, request.labelRequestId, caller);
    const who = assertMayAct(caller, current, 'confirm_agreement');
    assertExpectedVersion(current, request.expectedVersion);
    const vendor = await this.vendors.get(current.vendorId, correlationId);
    const existing = await this.labels.labelOfVersion(em0, current.versionId);
    const testAttestation = await this.latestDocument(current, 'test_success_attestation');
    const today = luxDate(this.requests.now());
    const templateKey = 'label-attestation';
    const registryUrl = this.config.LABELLING_REGISTRY_URL ?? `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/registry`;
    const rendered = await this.renderer.render(
      {
        templateKey,
        locale: request.locale,
        caseId: current.id,
        vendorId: current.vendorId,
        title: `${request.locale === 'en' ? 'Labelling attestation' : 'Attestation de labélisation'} — ${current.softwareName} ${current.version}`,
        idempotencyKey: `${current.id}:${current.iteration}:${templateKey}`,
        // A retest's attestation replaces the label's previous one.
        ...(existing ? { supersedes: existing.attestationDocumentId } : {}),
        data: labelAttestationData({
          vendor,
          softwareName: current.softwareName,
          version: current.version,
          reclVersion: current.reclVersion ?? '—',
          caseReference: current.reference,
          locale: request.locale,
          labelNumber: existing?.labelNumber ?? labelNumberFor(current),
          grantedOn: today,
          agreementSignedOn: luxDate(current.agreementSignedAt ?? this.requests.now()),
          testAttestationReference: testAttestation?.reference ?? current.reference,
          registryUrl,
          issuedOn: today,
          signatories: this.signatories(),
        }),
      },
      correlationId,
    );
    return this.requests.act(request.labelRequestId, caller, async (em, labelRequest) => {
      assertMayAct(caller, labelRequest, 'confirm_agreement');
      assertExpectedVersion(labelRequest, current.rowVersion);
      const now = this.requests.now();
      em.persist(
        Object.assign(new LabelRequestDocument(), {
          requestId: labelRequest.id,
          iteration: labelRequest.iteration,
          kind: 'label_attestation',
          documentId: rendered.documentId,
          reference: rendered.reference,
          attachmentId: rendered.attachmentId,
          sha256: rendered.sha256,
          verifyUrl: rendered.verifyUrl,
          createdBy: who.userId,
          createdAt: now,
        }),
      );
      const label = await this.labels.issue(em, labelRequest, rendered, correlationId);
      const previous = labelRequest.label(label.id, now);
      this.requests.record(em, labelRequest, previous, correlationId, {
        labelId: label.id,
        labelNumber: label.labelNumber,
        labelledAt: label.labelledAt.toISOString(),
        attestationDocumentId: rendered.documentId,
        attestationReference: rendered.reference,
      });
    });
  }
}
