import { isDataKind, isPlainObject, walkComponents } from '../component-tree.js';
import type { FormSchema, SubmissionData, VendorData } from '../form-schema.types.js';
import { prefillFieldOf } from '../validation/compile-form.js';

export type PrefillResult = {
  // Default submission data taken from the enrolled vendor.
  data: SubmissionData;
  // Keys the renderer must show read-only (`properties.readOnly: 'true'`); validateSubmission
  // with `{ vendor }` refuses a change to them (PROCESS.md eligibility rule 2: enrolment data
  // changes only through a change request).
  readOnlyKeys: string[];
};

// Fields a later form repeats from enrolment carry `properties: { prefill: 'vendor.<field>' }`.
export function prefill(schema: FormSchema, vendorData: VendorData): PrefillResult {
  const data: SubmissionData = {};
  const readOnlyKeys: string[] = [];
  walkComponents(schema.components, ({ component, kind, grid }) => {
    if (!isDataKind(kind) || grid !== undefined || typeof component.key !== 'string') return;
    const field = prefillFieldOf(component);
    if (field === undefined) return;
    const value = vendorData[field];
    if (value !== undefined) data[component.key] = isPlainObject(value) || Array.isArray(value) ? structuredClone(value) : value;
    if (isPlainObject(component.properties) && component.properties.readOnly === 'true') readOnlyKeys.push(component.key);
  });
  return { data, readOnlyKeys };
}
