// The services that own a database, in start order; shared by the start, migrate and migration scripts.
export const DB_SERVICES = ['enrolment', 'labelling', 'connection', 'billing', 'documents', 'notifications', 'gateway'];
export const APPS = ['enrolment', 'labelling', 'connection', 'billing', 'documents', 'notifications', 'gateway'];
