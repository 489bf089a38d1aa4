import { euVatValidator } from './eu-vat.validator.js';
import { ibanValidator } from './iban.validator.js';
import { luMatriculeValidator } from './lu-matricule.validator.js';
import type { NamedValidator } from './named-validator.types.js';
import { providerCodeValidator } from './provider-code.validator.js';
import { rcsValidator } from './rcs.validator.js';

// The named validators a schema can reference with `properties: { validator: '<name>' }`.
export const validators = {
  iban: ibanValidator,
  euVat: euVatValidator,
  luMatricule: luMatriculeValidator,
  rcs: rcsValidator,
  providerCode: providerCodeValidator,
} as const satisfies Record<string, NamedValidator>;

export type ValidatorName = keyof typeof validators;

export function validatorByName(name: string): NamedValidator | undefined {
  return Object.hasOwn(validators, name) ? validators[name as ValidatorName] : undefined;
}
