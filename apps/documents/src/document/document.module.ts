import { Module } from '@nestjs/common';
import { PdfModule } from '../pdf/pdf.module.js';
import { TemplateModule } from '../template/template.module.js';
import { DocumentHandlers } from './document.handlers.js';
import { DocumentService } from './document.service.js';

@Module({ imports: [PdfModule, TemplateModule], providers: [DocumentService, DocumentHandlers] })
export class DocumentModule {}
