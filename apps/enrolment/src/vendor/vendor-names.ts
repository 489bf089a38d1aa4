import type { EntityManager } from '@mikro-orm/sql';
import { Vendor } from './vendor.entity.js';

// The current names of these vendors, in one query: list pages show who each row is about without a call per vendor
// (a vendor's full record carries its IBAN, and each read of it is audited).
export async function vendorNamesOf(em: EntityManager, vendorIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(vendorIds)];
  if (!ids.length) return new Map();
  const vendors = await em.find(Vendor, { id: { $in: ids } }, { fields: ['id', 'name'] });
  return new Map(vendors.map((v) => [v.id, v.name]));
}
