import { InboxEntry } from './inbox/inbox-entry.entity.js';

export const ENTITIES = [InboxEntry];
