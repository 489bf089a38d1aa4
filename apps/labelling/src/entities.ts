import { Evidence } from './label-request/evidence.entity.js';
import { LabelRequestDocument } from './label-request/label-request-document.entity.js';
import { LabelRequestMessage } from './label-request/label-request-message.entity.js';
import { LabelRequest } from './label-request/label-request.entity.js';
import { QueueDecision } from './label-request/queue-decision.entity.js';
import { Label } from './label/label.entity.js';
import { Recl } from './label/recl.entity.js';
import { RegistryEntry } from './label/registry-entry.entity.js';
import { SoftwareVersion } from './software/software-version.entity.js';
import { Software } from './software/software.entity.js';
import { VendorAccess } from './vendor-access/vendor-access.entity.js';

// This service's entities; the platform adds the outbox and processed-event tables.
export const ENTITIES = [
  VendorAccess,
  Software,
  SoftwareVersion,
  LabelRequest,
  Evidence,
  LabelRequestMessage,
  LabelRequestDocument,
  QueueDecision,
  Label,
  RegistryEntry,
  Recl,
];
