// Placeholder build: copies the static shell to dist/. The web issue replaces it with the real app build.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'dist'), { recursive: true });
cpSync(join(root, 'src', 'index.html'), join(root, 'dist', 'index.html'));
