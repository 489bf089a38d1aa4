import { SEED_FORMS } from '../seeds/seed-forms.js';
import { SAMPLE_VENDOR, SEED_SAMPLES } from '../seeds/seed-samples.js';
import { validateSubmission } from '../validation/validate-submission.js';
import { prefill } from './prefill.js';

describe('prefill', () => {
  it('should copy enrolment data and list read-only keys when Form 2 is opened', () => {
    expect(prefill(SEED_FORMS.form2.schema, SAMPLE_VENDOR)).toEqual({
      data: { vendorName: 'Medisoft Luxembourg S.à r.l.', existingProviderCode: '12345678', mySecuMatricule: '1980010112345' },
      readOnlyKeys: ['vendorName'],
    });
  });

  it('should leave a field empty but still read-only when the vendor lacks the value', () => {
    expect(prefill(SEED_FORMS.form4.schema, { matricule: '1980010112345' })).toEqual({ data: {}, readOnlyKeys: ['vendorName'] });
  });

  it('should prefill nothing when the form repeats no enrolment data', () => {
    expect(prefill(SEED_FORMS.form1.schema, SAMPLE_VENDOR)).toEqual({ data: {}, readOnlyKeys: [] });
  });

  it('should produce data that validates with the vendor when the rest of the form is filled in', () => {
    const { data } = prefill(SEED_FORMS.form3.schema, SAMPLE_VENDOR);
    const rest = Object.fromEntries(Object.entries(SEED_SAMPLES.form3).filter(([key]) => key !== 'vendorName'));
    const result = validateSubmission(SEED_FORMS.form3, { ...rest, ...data }, { vendor: SAMPLE_VENDOR });
    expect(result).toEqual({ ok: true, data: expect.objectContaining({ vendorName: SAMPLE_VENDOR.name }) });
  });
});
