import { z } from 'zod';
import type { EventForStatus } from './catalogue.js';
import { uuid } from './common.js';
import { ENROLMENT_STATUSES, enrolmentSubmitted, type EnrolmentStatus } from './enrolment.js';
import { defineEvent } from './registry.js';

// One event per target status of the enrolment case (docs/events.md, "One event per status"). Thin data: ids and
// statuses only; a consumer fetches the case through the API for anything else.
const statusChange = z.object({
  enrolmentId: uuid,
  vendorId: uuid,
  status: z.enum(ENROLMENT_STATUSES),
  previousStatus: z.enum(ENROLMENT_STATUSES),
});

export const enrolmentReviewStarted = defineEvent(
  'sons.enrolment.application.review-started',
  'INCERT started (or resumed, after an answer from the vendor) the review of an enrolment case',
  statusChange,
);
export const enrolmentInformationRequested = defineEvent(
  'sons.enrolment.application.information-requested',
  'INCERT asked the vendor for more information; the case waits for the answer',
  statusChange,
);
export const enrolmentValidatedByIncert = defineEvent(
  'sons.enrolment.application.incert-validated',
  'INCERT validated the enrolment; AeS validates and countersigns the NDA next',
  statusChange,
);
export const enrolmentNdaCountersigned = defineEvent(
  'sons.enrolment.application.nda-countersigned',
  'AeS validated the enrolment and countersigned the NDA',
  statusChange,
);
export const enrolmentDocumentationShared = defineEvent(
  'sons.enrolment.application.documentation-shared',
  'The countersigned NDA, Form 2 and the technical documentation were shared with the vendor',
  statusChange,
);
export const enrolmentTestAccessRequested = defineEvent(
  'sons.enrolment.application.test-access-requested',
  'The vendor submitted Form 2 (test environment access)',
  statusChange,
);
export const enrolmentTestAccessGranted = defineEvent(
  'sons.enrolment.application.test-access-granted',
  'INCERT configured the test environment and recorded the access details for the vendor; Form 3 is available',
  statusChange,
);
export const enrolmentRejected = defineEvent(
  'sons.enrolment.application.rejected',
  'The enrolment was rejected with a reason',
  statusChange,
);

export const ENROLMENT_EVENTS = [
  enrolmentReviewStarted,
  enrolmentInformationRequested,
  enrolmentValidatedByIncert,
  enrolmentNdaCountersigned,
  enrolmentDocumentationShared,
  enrolmentTestAccessRequested,
  enrolmentTestAccessGranted,
  enrolmentRejected,
] as const;

// Read by the catalogue test next to apps/enrolment's ENROLMENT_TRANSITIONS: the event each status change emits.
export const ENROLMENT_EVENT_FOR_STATUS = {
  submitted: enrolmentSubmitted,
  under_review: enrolmentReviewStarted,
  information_requested: enrolmentInformationRequested,
  validated_incert: enrolmentValidatedByIncert,
  nda_countersigned: enrolmentNdaCountersigned,
  documentation_shared: enrolmentDocumentationShared,
  test_access_requested: enrolmentTestAccessRequested,
  test_access_granted: enrolmentTestAccessGranted,
  rejected: enrolmentRejected,
} satisfies EventForStatus<EnrolmentStatus>;
