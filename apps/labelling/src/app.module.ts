import { Module } from '@nestjs/common';
import { LabelRequestModule } from './label-request/label-request.module.js';
import { LabelModule } from './label/label.module.js';
import { SoftwareModule } from './software/software.module.js';
import { VendorAccessModule } from './vendor-access/vendor-access.module.js';

@Module({ imports: [VendorAccessModule, LabelModule, SoftwareModule, LabelRequestModule] })
export class AppModule {}
