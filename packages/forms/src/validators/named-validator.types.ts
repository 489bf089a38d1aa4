import type { Locale } from '../form-schema.types.js';

export type ValidatorVerdict = { ok: true } | { ok: false; reason: string };

// A validator an operator can name in a schema (`properties: { validator: 'iban' }`) instead of
// writing JavaScript. `param` comes from `properties.validatorParam` (static) or, with
// `properties.validatorParamFrom: '<key>'`, from another field's value in the same row or form.
export type NamedValidator = {
  name: string;
  description: string;
  check: (value: string, param?: string) => ValidatorVerdict;
  // Message per failure reason; `{field}` is replaced by the field's label (and row).
  messages: Readonly<Record<Locale, Readonly<Record<string, string>>>>;
  // Lint hook for a static `validatorParam`: returns why it is unusable, or undefined.
  checkParam?: (param: string) => string | undefined;
};

export const VALID: ValidatorVerdict = { ok: true };

export function invalid(reason: string): ValidatorVerdict {
  return { ok: false, reason };
}
