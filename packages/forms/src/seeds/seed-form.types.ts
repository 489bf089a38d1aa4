import type { FormI18n, FormSchema, LocalizedText } from '../form-schema.types.js';

export const FORM_KEYS = ['form1', 'form2', 'form3', 'form4'] as const;
export type FormKey = (typeof FORM_KEYS)[number];

export type SeedForm = {
  key: FormKey;
  title: LocalizedText;
  schema: FormSchema;
  i18n: FormI18n;
};
