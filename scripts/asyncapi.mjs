// Writes docs/asyncapi.yaml from the event catalogue (the built contracts and gateway: run after `npm run build`).
// `--check` writes nothing and exits 1 when the committed file differs from the generated one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'docs', 'asyncapi.yaml');
const { buildAsyncApiYaml } = await import(pathToFileURL(join(root, 'apps/gateway/dist/events/asyncapi.js')).href);
const generated = buildAsyncApiYaml();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as different
  }
  if (committed !== generated) {
    console.error('docs/asyncapi.yaml is out of date with the event catalogue: run `npm run asyncapi` and commit it.');
    process.exit(1);
  }
  console.log('docs/asyncapi.yaml is up to date.');
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
