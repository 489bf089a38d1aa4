import { Module } from '@nestjs/common';
import { PdfRendererHost } from './pdf-renderer.host.js';

@Module({ providers: [PdfRendererHost], exports: [PdfRendererHost] })
export class PdfModule {}
