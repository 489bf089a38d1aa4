import { Module } from '@nestjs/common';
import { PdfModule } from '../pdf/pdf.module.js';
import { TemplateHandlers } from './template.handlers.js';
import { TemplateService } from './template.service.js';

@Module({ imports: [PdfModule], providers: [TemplateService, TemplateHandlers], exports: [TemplateService] })
export class TemplateModule {}
