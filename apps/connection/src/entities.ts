import {
  ConnectedProviderRow,
  ConnectionRequest,
  ProviderIncentive,
  TransactionClaim,
} from './connection-request/connection-request.entity.js';
import { Label } from './label/label.entity.js';

// This service's entities; the platform adds the outbox and processed-event tables.
export const ENTITIES = [Label, ConnectionRequest, ConnectedProviderRow, TransactionClaim, ProviderIncentive];
