import type { Form1Data, IdentityChanges, PersonType, VendorIdentity, VendorIdentityField } from '@sons/contracts';
import { VENDOR_IDENTITY_FIELDS } from '@sons/contracts';
import { electronicFormatIBAN } from 'ibantools';

// The identity data of a vendor (Form 1's identity fields), normalised as stored.
export type IdentityData = { personType: PersonType } & Record<VendorIdentityField, string | null>;

const blank = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export const normaliseVat = (vat: string | null | undefined): string | null =>
  vat ? vat.replace(/[\s\-./]+/g, '').toUpperCase() || null : null;
export const normaliseRcs = (rcs: string | null | undefined): string | null =>
  rcs ? rcs.replace(/\s+/g, '').toUpperCase() || null : null;
export const normaliseIban = (iban: string): string => electronicFormatIBAN(iban) ?? iban.replace(/\s+/g, '').toUpperCase();

export function identityFromForm1(data: Form1Data): IdentityData {
  const d = data as Record<string, unknown>;
  const identity = { personType: data.personType } as IdentityData;
  for (const field of VENDOR_IDENTITY_FIELDS) identity[field] = blank(d[field]);
  return normaliseIdentity(identity);
}

export function normaliseIdentity(identity: IdentityData): IdentityData {
  return {
    ...identity,
    iban: identity.iban ? normaliseIban(identity.iban) : identity.iban,
    vatNumber: normaliseVat(identity.vatNumber),
    rcsNumber: normaliseRcs(identity.rcsNumber),
    countryOfEstablishment: identity.countryOfEstablishment?.toUpperCase() ?? null,
  };
}

// Applies a change request's fields; a field of the other person type is refused by the caller.
export function applyChanges(current: IdentityData, changes: IdentityChanges): IdentityData {
  const next: IdentityData = { ...current };
  for (const [field, value] of Object.entries(changes) as [VendorIdentityField, string | null | undefined][]) {
    if (value === undefined) continue;
    next[field] = blank(value);
  }
  return normaliseIdentity(next);
}

export const nameOf = (identity: IdentityData): string =>
  identity.personType === 'legal'
    ? (identity.companyName ?? '')
    : `${identity.firstName ?? ''} ${identity.lastName ?? ''}`.trim();

// The value of every changed field before and after, for the change request record.
export function diffIdentity(
  before: IdentityData,
  after: IdentityData,
): { fields: VendorIdentityField[]; previous: Record<string, string | null>; changes: Record<string, string | null> } {
  const fields = VENDOR_IDENTITY_FIELDS.filter((f) => before[f] !== after[f]);
  return {
    fields,
    previous: Object.fromEntries(fields.map((f) => [f, before[f]])),
    changes: Object.fromEntries(fields.map((f) => [f, after[f]])),
  };
}

export function toIdentityDto(
  vendorId: string,
  identity: IdentityData,
  versionNo: number,
  validFrom: Date,
  validTo: Date | null,
): VendorIdentity {
  const out = {
    vendorId,
    personType: identity.personType,
    name: nameOf(identity),
    identityVersion: versionNo,
    validFrom: validFrom.toISOString(),
    validTo: validTo?.toISOString() ?? null,
  } as VendorIdentity;
  for (const field of VENDOR_IDENTITY_FIELDS) (out as Record<string, unknown>)[field] = identity[field] ?? null;
  // matricule, iban, email and country are always present on a stored identity.
  out.matricule = identity.matricule ?? '';
  out.iban = identity.iban ?? '';
  out.email = identity.email ?? '';
  out.countryOfEstablishment = identity.countryOfEstablishment ?? '';
  return out;
}
