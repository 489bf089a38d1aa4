import { Module } from '@nestjs/common';
import { DocumentModule } from './document/document.module.js';
import { PdfModule } from './pdf/pdf.module.js';
import { TemplateModule } from './template/template.module.js';

@Module({ imports: [PdfModule, TemplateModule, DocumentModule] })
export class AppModule {}
