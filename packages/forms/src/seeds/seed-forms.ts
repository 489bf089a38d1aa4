import { form1Enrolment } from './form1-enrolment.schema.js';
import { form2TestAccess } from './form2-test-access.schema.js';
import { form3LabellingStart } from './form3-labelling-start.schema.js';
import { form4ConnectionRequest } from './form4-connection-request.schema.js';
import type { FormKey, SeedForm } from './seed-form.types.js';

// The seed versions of Forms 1–4. Operators edit copies of these schemas (draft → lint →
// diff/breaking-change check → publish); these objects are never mutated at runtime.
export const SEED_FORMS: Readonly<Record<FormKey, SeedForm>> = {
  form1: form1Enrolment,
  form2: form2TestAccess,
  form3: form3LabellingStart,
  form4: form4ConnectionRequest,
};
