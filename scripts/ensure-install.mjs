// Runs on whatever Node the machine has (often 20): installs the project's dependencies, including its pinned
// Node 24 runtime, when they are missing or older than package-lock.json. Everything after it runs on Node 24.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const runtime = join(root, 'node_modules', '.bin', 'node');
const stale = !existsSync(marker) || !existsSync(runtime) || statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('[sons] installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
