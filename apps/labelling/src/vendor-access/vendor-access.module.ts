import { Module } from '@nestjs/common';
import { VendorDirectory } from '../vendors/vendor-directory.js';
import { VendorAccessService } from './vendor-access.service.js';

@Module({ providers: [VendorAccessService, VendorDirectory], exports: [VendorAccessService, VendorDirectory] })
export class VendorAccessModule {}
