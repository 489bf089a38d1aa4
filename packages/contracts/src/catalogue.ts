import type { EventDefinition } from './registry.js';
import { ENROLMENT_PHASE1_EVENTS, enrolmentSubmitted } from './enrolment.js';
import { ENROLMENT_EVENTS } from './enrolment-events.js';
import { CONNECTION_EVENTS } from './connection.js';
import { BILLING_EVENTS } from './billing.js';
import { LABELLING_EVENTS } from './labelling.js';
import { FORMS_EVENTS } from './forms.js';
import { DOCUMENT_EVENTS, DOCUMENT_TEMPLATE_EVENTS } from './documents.js';

// The one registry of case events: the stream's subjects, the AsyncAPI document and every consumer read it.
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  enrolmentSubmitted,
  ...ENROLMENT_EVENTS,
  ...ENROLMENT_PHASE1_EVENTS,
  // Phase 2 (labelling): sons.labelling.request.labelled is the event the connection service consumes.
  ...LABELLING_EVENTS,
  // Phase 3 (connection, billing).
  ...CONNECTION_EVENTS,
  ...BILLING_EVENTS,
  // Documents worker: rendered PDFs and their status on the public verification page.
  ...DOCUMENT_EVENTS,
  ...DOCUMENT_TEMPLATE_EVENTS,
  // Form definitions (issue 3): a new published version.
  ...FORMS_EVENTS,
];

export const eventBySubject = (subject: string): EventDefinition | undefined =>
  EVENT_CATALOGUE.find((e) => e.subject === subject);
export const eventByType = (type: string): EventDefinition | undefined => EVENT_CATALOGUE.find((e) => e.type === type);

// Convention (docs/events.md): next to every `<NAME>_TRANSITIONS` table, export `<NAME>_EVENT_FOR_STATUS` — the
// catalogue event recorded when a case enters each status. The catalogue test fails on a target status without one.
export type EventForStatus<S extends string> = Partial<Record<S, EventDefinition>>;
