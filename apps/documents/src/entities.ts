// This service's entities; the platform adds the outbox and processed-event tables.
import { RenderedDocument } from './document/rendered-document.entity.js';
import { DocumentTemplateVersion } from './template/template-version.entity.js';

export const ENTITIES = [DocumentTemplateVersion, RenderedDocument];
