import { Module } from '@nestjs/common';
import { VendorHandlers } from './vendor.handlers.js';
import { VendorService } from './vendor.service.js';

@Module({ providers: [VendorService, VendorHandlers], exports: [VendorService] })
export class VendorModule {}
