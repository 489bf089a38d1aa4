import { Module } from '@nestjs/common';
import { LabelHandlers } from './label.handlers.js';
import { LabelService } from './label.service.js';

@Module({ providers: [LabelService, LabelHandlers], exports: [LabelService] })
export class LabelModule {}
