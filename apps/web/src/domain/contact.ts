import type { MessageKey } from '../i18n/index.js';

// Who the vendor contacts at each step (PROCESS.md, Actors and roles): enrolment → AeS; tests and labelling until the
// tests pass → INCERT; labelling and referencing after the tests pass → AeS; connection and payment request →
// INCERT; invoicing and payment → AeS. Technical questions → INCERT helpdesk; convention questions → CNS.
export type Party = 'aes' | 'incert' | 'cns';
export type Step = 'enrolment' | 'tests' | 'labellingAfterTests' | 'connection' | 'payment';

export const CONTACT_BY_STEP: Record<Step, Party> = {
  enrolment: 'aes',
  tests: 'incert',
  labellingAfterTests: 'aes',
  connection: 'incert',
  payment: 'aes',
};

export const PARTY_NAME: Record<Party, MessageKey> = {
  aes: 'party.aes',
  incert: 'party.incert',
  cns: 'party.cns',
};

export const STEP_LABEL: Record<Step, MessageKey> = {
  enrolment: 'step.enrolment',
  tests: 'step.tests',
  labellingAfterTests: 'step.labellingAfterTests',
  connection: 'step.connection',
  payment: 'step.payment',
};

export const contactFor = (step: Step): Party => CONTACT_BY_STEP[step];
