export * from './expect-eventually.js';
export * from './test-database.js';
export * from './system.js';
export * from './events.js';
export * from './api-client.js';
export * from './objects.js';
export * from './certificates.js';
