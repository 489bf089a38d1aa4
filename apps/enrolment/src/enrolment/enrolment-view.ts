import type { Caller, ContactParty, ContactPoint, EnrolmentDetail, EnrolmentSummary, VendorDto } from '@sons/contracts';
import { toIdentityDto } from '../vendor/vendor-identity.js';
import type { Vendor } from '../vendor/vendor.entity.js';
import { allowedActions } from './enrolment-access.js';
import type { EnrolmentMessage } from './enrolment-message.entity.js';
import type { Enrolment } from './enrolment.entity.js';
import { ENROLMENT_CONTACT_POINT } from './enrolment-status.js';

const CONTACTS: Record<ContactParty, ContactPoint> = {
  aes: {
    party: 'aes',
    name: 'Agence eSanté',
    topic: {
      fr: 'Enrôlement, NDA, accord de service, facturation et paiement',
      en: 'Enrolment, NDA, service agreement, invoicing and payment',
    },
  },
  incert: {
    party: 'incert',
    name: 'INCERT',
    topic: {
      fr: 'Tests, environnement de test et labélisation jusqu’à la réussite des tests',
      en: 'Tests, test environment and labelling until the tests pass',
    },
  },
  cns: {
    party: 'cns',
    name: 'CNS',
    topic: { fr: 'Questions sur la convention CNS–AMMD', en: 'Questions on the CNS–AMMD convention' },
  },
};

export const HELPDESK: ContactPoint = {
  party: 'incert',
  name: 'INCERT helpdesk',
  topic: { fr: 'Questions techniques', en: 'Technical questions' },
};

export const contactPointOf = (enrolment: Enrolment): ContactPoint => CONTACTS[ENROLMENT_CONTACT_POINT[enrolment.status]];

export const toSummary = (e: Enrolment): EnrolmentSummary => ({
  enrolmentId: e.id,
  vendorId: e.vendorId,
  vendorName: e.vendorName,
  status: e.status,
  submittedAt: e.submittedAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  personType: e.personType,
  assigneeId: e.assigneeId ?? null,
  version: e.version,
});

export function toVendorDto(vendor: Vendor): VendorDto {
  return {
    ...toIdentityDto(vendor.id, vendor.identity, vendor.identityVersion, vendor.identityValidFrom, null),
    locale: vendor.locale,
    vague1Participant: vendor.vague1Participant,
    providerCode: vendor.providerCode ?? null,
    integrationMode: vendor.integrationMode,
    enrolmentId: vendor.enrolmentId ?? null,
  };
}

export function toDetail(
  e: Enrolment,
  vendor: Vendor | null,
  messages: readonly EnrolmentMessage[],
  caller: Caller | null,
): EnrolmentDetail {
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  return {
    ...toSummary(e),
    data: e.data,
    formVersion: e.formVersion ?? null,
    ...(vendor ? { vendor: toVendorDto(vendor) } : {}),
    contactPoint: contactPointOf(e),
    helpdesk: HELPDESK,
    eligibility: e.eligibility ?? [],
    assignee: e.assigneeId ? { userId: e.assigneeId, email: e.assigneeEmail ?? null, assignedAt: iso(e.assignedAt) ?? '' } : null,
    nda: {
      signedAttachmentId: e.ndaAttachmentId ?? null,
      countersigned: Boolean(e.ndaCountersignedAt),
      countersignedAt: iso(e.ndaCountersignedAt),
      countersignMode: e.ndaCountersignMode ?? null,
      countersignedAttachmentId: e.ndaCountersignedAttachmentId ?? null,
    },
    validatedAt: iso(e.validatedAt),
    rejection: e.rejectionReason && e.rejectedAt ? { reason: e.rejectionReason, at: e.rejectedAt.toISOString() } : null,
    documentationSharedAt: iso(e.documentationSharedAt),
    form2: e.form2Data && e.form2SubmittedAt ? { submittedAt: e.form2SubmittedAt.toISOString(), data: e.form2Data } : null,
    testAccess: e.testAccessGrantedAt ? { grantedAt: e.testAccessGrantedAt.toISOString() } : null,
    messages: messages.map((m) => ({
      messageId: m.id,
      kind: m.kind,
      authorRole: m.authorRole,
      body: m.body,
      attachmentIds: m.attachmentIds,
      createdAt: m.createdAt.toISOString(),
    })),
    allowedActions: allowedActions(caller, e),
  };
}
