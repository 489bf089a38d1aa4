import type { MigrationSet } from '@sons/platform';
import { MIGRATIONS as postgresql } from './postgresql/index.js';
import { MIGRATIONS as sqlite } from './sqlite/index.js';

export const MIGRATIONS: MigrationSet = { sqlite, postgresql };
