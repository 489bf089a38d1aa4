import { CHANGE_REQUEST_STATUSES, type Caller } from '@sons/contracts';
import { allowedChangeRequestActions, requireDecider } from './change-request-access.js';

const incert: Caller = { userId: 'incert-1', roles: ['incert'], vendorId: null };
const aes: Caller = { userId: 'aes-1', roles: ['aes'], vendorId: null };
const admin: Caller = { userId: 'admin-1', roles: ['admin'], vendorId: null };
const readonly: Caller = { userId: 'ro-1', roles: ['readonly'], vendorId: null };
const vendor: Caller = { userId: 'v-1', roles: ['vendor_admin'], vendorId: '6f1c1d8e-0000-4000-8000-000000000001' };

describe('change request actions (allowedActions and the service guard)', () => {
  it('should let INCERT or AeS approve or refuse a pending request, and nothing once it is decided', () => {
    for (const caller of [incert, aes]) {
      expect(allowedChangeRequestActions(caller, { status: 'pending' })).toEqual(['approve', 'refuse']);
      expect(allowedChangeRequestActions(caller, { status: 'approved' })).toEqual([]);
      expect(allowedChangeRequestActions(caller, { status: 'refused' })).toEqual([]);
      expect(() => requireDecider(caller)).not.toThrow();
    }
  });

  it('should offer nothing to the vendor, a read-only operator, the platform admin or no caller', () => {
    for (const status of CHANGE_REQUEST_STATUSES) {
      for (const caller of [vendor, readonly, admin, null]) expect(allowedChangeRequestActions(caller, { status })).toEqual([]);
    }
    for (const caller of [vendor, readonly, admin])
      expect(() => requireDecider(caller)).toThrow(expect.objectContaining({ code: 'ROLE_NOT_ALLOWED', status: 403 }));
  });
});
