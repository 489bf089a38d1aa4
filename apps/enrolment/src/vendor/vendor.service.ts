import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  isOperator,
  type Caller,
  type Page,
  type ParsedRequestOf,
  type VendorDto,
  type VendorIdentity,
  type getVendor,
  type listVendorIdentityHistory,
  type vendorContact,
} from '@sons/contracts';
import { SystemClock, UnitOfWork } from '@sons/platform';
import { toVendorDto } from '../enrolment/enrolment-view.js';
import { VendorIdentityVersion } from './vendor-identity-version.entity.js';
import { nameOf, toIdentityDto } from './vendor-identity.js';
import { Vendor } from './vendor.entity.js';

export const vendorNotFound = () =>
  new DomainError('VENDOR_NOT_FOUND', 404, { fr: 'Industriel introuvable.', en: 'Vendor not found.' });

// Read side of the vendor: its identity valid at a date (billing's invoices, documents), its contact (notifications).
// A vendor's user reads only its own vendor; another service (no caller) and operators read any.
@Injectable()
export class VendorService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
  ) {}

  private async load(vendorId: string, caller: Caller | null): Promise<Vendor> {
    const vendor = await this.uow.fork().findOne(Vendor, { id: vendorId });
    if (!vendor || (caller && !isOperator(caller) && caller.vendorId !== vendor.id)) throw vendorNotFound();
    return vendor;
  }

  async get(request: ParsedRequestOf<typeof getVendor>, caller: Caller | null): Promise<VendorDto> {
    const vendor = await this.load(request.vendorId, caller);
    const current = toVendorDto(vendor);
    if (!request.at) return current;
    const at = new Date(request.at);
    const version = await this.uow
      .fork()
      .findOne(
        VendorIdentityVersion,
        { vendorId: vendor.id, validFrom: { $lte: at }, $or: [{ validTo: null }, { validTo: { $gt: at } }] },
        { orderBy: { versionNo: 'desc' } },
      );
    if (!version) {
      throw new DomainError(
        'VENDOR_IDENTITY_NOT_FOUND_AT',
        404,
        {
          fr: `Aucune identité de cet industriel n’est valable au ${at.toISOString()} : il s’est enrôlé le ${vendor.createdAt.toISOString()}.`,
          en: `No identity of this vendor is valid at ${at.toISOString()}: it enrolled on ${vendor.createdAt.toISOString()}.`,
        },
        { meta: { enrolledAt: vendor.createdAt.toISOString() } },
      );
    }
    return {
      ...current,
      ...toIdentityDto(vendor.id, version.identity, version.versionNo, version.validFrom, version.validTo ?? null),
    };
  }

  async contact(request: ParsedRequestOf<typeof vendorContact>, caller: Caller | null) {
    const vendor = await this.load(request.vendorId, caller);
    return { vendorId: vendor.id, name: nameOf(vendor.identity), email: vendor.email, locale: vendor.locale };
  }

  async history(
    request: ParsedRequestOf<typeof listVendorIdentityHistory>,
    caller: Caller | null,
  ): Promise<Page<VendorIdentity>> {
    await this.load(request.vendorId, caller);
    const after = decodeCursor(request.cursor)?.[0];
    const rows = await this.uow
      .fork()
      .find(
        VendorIdentityVersion,
        { vendorId: request.vendorId, ...(typeof after === 'number' ? { versionNo: { $gt: after } } : {}) },
        { orderBy: { versionNo: 'asc' }, limit: request.limit + 1 },
      );
    const items = rows.slice(0, request.limit);
    const last = items.at(-1);
    return {
      items: items.map((v) => toIdentityDto(v.vendorId, v.identity, v.versionNo, v.validFrom, v.validTo ?? null)),
      nextCursor: rows.length > request.limit && last ? encodeCursor([last.versionNo]) : null,
    };
  }

  now(): Date {
    return this.clock.now();
  }
}
