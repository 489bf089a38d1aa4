// This service's entities; the platform adds the outbox and processed-event tables.
export const ENTITIES = [];
