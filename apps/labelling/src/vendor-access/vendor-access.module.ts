import { Module } from '@nestjs/common';
import { VendorAccessService } from './vendor-access.service.js';

@Module({ providers: [VendorAccessService], exports: [VendorAccessService] })
export class VendorAccessModule {}
