import { ChangeRequest } from './change-request/change-request.entity.js';
import { DocumentationDownload } from './documentation/documentation-download.entity.js';
import { DocumentationSet } from './documentation/documentation-set.entity.js';
import { EnrolmentMessage } from './enrolment/enrolment-message.entity.js';
import { Enrolment } from './enrolment/enrolment.entity.js';
import { VendorIdentityVersion } from './vendor/vendor-identity-version.entity.js';
import { Vendor } from './vendor/vendor.entity.js';

export const ENTITIES = [
  Enrolment,
  EnrolmentMessage,
  Vendor,
  VendorIdentityVersion,
  ChangeRequest,
  DocumentationSet,
  DocumentationDownload,
];
