import { SetMetadata } from '@nestjs/common';
import { OPERATOR_ROLES, VENDOR_ROLES, type Role } from '@sons/contracts';

// Every gateway route declares who may call it; a route without a rule is refused (and fails the matrix test).
export type AccessRule = 'public' | 'authenticated' | Role;
export const ACCESS_METADATA = 'sons:access';
export const Access = (...rules: AccessRule[]) => SetMetadata(ACCESS_METADATA, rules);

export const VENDOR: Role[] = [...VENDOR_ROLES];
export const OPERATORS: Role[] = [...OPERATOR_ROLES];
// Everyone who may read a case: its vendor's users (ownership is checked by the service) and every operator.
export const CASE_READERS: Role[] = [...VENDOR_ROLES, ...OPERATOR_ROLES];
