import { Module } from '@nestjs/common';
import { LabelModule } from '../label/label.module.js';
import { SoftwareHandlers } from './software.handlers.js';
import { SoftwareService } from './software.service.js';

@Module({ imports: [LabelModule], providers: [SoftwareService, SoftwareHandlers], exports: [SoftwareService] })
export class SoftwareModule {}
