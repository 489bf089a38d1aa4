import type { EventDefinition } from './registry.js';
import { enrolmentSubmitted } from './enrolment.js';

// The one registry of case events: the stream's subjects, the AsyncAPI document and every consumer read it.
export const EVENT_CATALOGUE: readonly EventDefinition[] = [enrolmentSubmitted];

export const eventBySubject = (subject: string): EventDefinition | undefined => EVENT_CATALOGUE.find((e) => e.subject === subject);
export const eventByType = (type: string): EventDefinition | undefined => EVENT_CATALOGUE.find((e) => e.type === type);
