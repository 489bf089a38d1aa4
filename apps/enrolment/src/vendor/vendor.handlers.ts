import { Inject, Injectable } from '@nestjs/common';
import { getVendor, listVendorIdentityHistory, vendorContact, type ParsedRequestOf } from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { VendorService } from './vendor.service.js';

@Injectable()
export class VendorHandlers {
  constructor(@Inject(VendorService) private readonly vendors: VendorService) {}

  @OnCommand(getVendor)
  get(request: ParsedRequestOf<typeof getVendor>, ctx: CommandContext) {
    return this.vendors.get(request, ctx.caller);
  }

  // Asked by the notifications service for every vendor e-mail (contract in @sons/contracts notifications.ts).
  @OnCommand(vendorContact)
  contact(request: ParsedRequestOf<typeof vendorContact>, ctx: CommandContext) {
    return this.vendors.contact(request, ctx.caller);
  }

  @OnCommand(listVendorIdentityHistory)
  history(request: ParsedRequestOf<typeof listVendorIdentityHistory>, ctx: CommandContext) {
    return this.vendors.history(request, ctx.caller);
  }
}
