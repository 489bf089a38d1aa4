import { Enrolment } from './enrolment/enrolment.entity.js';

export const ENTITIES = [Enrolment];
