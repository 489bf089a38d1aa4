// Builds the web app into apps/web/dist: the TypeScript app bundled by esbuild, and every third-party asset copied
// from node_modules so that nothing is ever loaded from the internet (STACK.md: Form.io's CDN trap).
//
//   dist/index.html                       app shell (no inline script: the gateway's CSP allows 'self' scripts only)
//   dist/assets/app-<hash>.js|.css        the app
//   dist/vendor/<lib>-<version>/…         Bootstrap, Bootstrap Icons, Form.io, Ace, Quill, moment-timezone data
//
// Vendor paths carry the library version, so the gateway's cache headers never serve a stale copy after an upgrade.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const webRoot = join(import.meta.dirname, '..');
const repoRoot = join(webRoot, '..', '..');
const dist = join(webRoot, 'dist');
const require = createRequire(join(webRoot, 'package.json'));
const watch = process.argv.includes('--watch');

const packageDir = (name) => {
  // Resolve the package root: through its package.json when exported, else from its main file walking up.
  let file;
  try {
    file = require.resolve(`${name}/package.json`);
  } catch {
    file = require.resolve(name);
  }
  let dir = dirname(file);
  // Nested package.json files (e.g. lib/cjs/package.json with only "type") are skipped: the root names the package.
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    if (dirname(dir) === dir) throw new Error(`cannot find the package root of ${name}`);
    dir = dirname(dir);
  }
  return dir;
};
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

const libs = {
  bootstrap: packageDir('bootstrap'),
  bootstrapIcons: packageDir('bootstrap-icons'),
  formio: packageDir('@formio/js'),
  ace: packageDir('ace-builds'),
  quill: packageDir('quill'),
  momentTimezone: packageDir('moment-timezone'),
};
const v = Object.fromEntries(Object.entries(libs).map(([k, dir]) => [k, versionOf(dir)]));
const vendorBase = {
  bootstrap: `/vendor/bootstrap-${v.bootstrap}`,
  bootstrapIcons: `/vendor/bootstrap-icons-${v.bootstrapIcons}`,
  formio: `/vendor/formio-${v.formio}`,
  ace: `/vendor/ace-builds-${v.ace}/src-min-noconflict`,
  quill: `/vendor/quill-${v.quill}`,
  momentTimezone: `/vendor/moment-timezone-${v.momentTimezone}`,
  // Libraries Form.io would fetch from its CDN that this platform does not ship (the components that need them —
  // datetime, WYSIWYG, maps, reCAPTCHA — are not among @sons/forms' supported types). Pointing them here makes any
  // accidental use fail locally with a 404 instead of reaching the internet.
  unavailable: '/vendor/not-shipped',
};

const copies = [
  [join(libs.bootstrap, 'dist/css/bootstrap.min.css'), `${vendorBase.bootstrap}/bootstrap.min.css`],
  [join(libs.bootstrap, 'dist/css/bootstrap.min.css.map'), `${vendorBase.bootstrap}/bootstrap.min.css.map`],
  [join(libs.bootstrapIcons, 'font/bootstrap-icons.min.css'), `${vendorBase.bootstrapIcons}/bootstrap-icons.min.css`],
  [join(libs.bootstrapIcons, 'font/fonts'), `${vendorBase.bootstrapIcons}/fonts`],
  [join(libs.formio, 'dist/formio.full.min.js'), `${vendorBase.formio}/formio.full.min.js`],
  [join(libs.formio, 'dist/formio.full.min.css'), `${vendorBase.formio}/formio.full.min.css`],
  [join(libs.formio, 'dist/fonts'), `${vendorBase.formio}/fonts`],
  [join(libs.ace, 'src-min-noconflict'), vendorBase.ace],
  [join(libs.quill, 'dist/quill.js'), `${vendorBase.quill}/quill.js`],
  [join(libs.quill, 'dist/quill.snow.css'), `${vendorBase.quill}/quill.snow.css`],
  [join(libs.quill, 'dist/quill.bubble.css'), `${vendorBase.quill}/quill.bubble.css`],
  [join(libs.momentTimezone, 'data/packed/latest.json'), `${vendorBase.momentTimezone}/data/packed/latest.json`],
];

// The browser takes only the seed schemas and the list of supported component types from @sons/forms: its root also
// exports the server-side validation (@formio/core, jsvat-next), which has no place in the bundle.
const formsDist = join(packageDir('@sons/forms'), 'dist');
const sonsFormsBrowser = {
  name: 'sons-forms-browser',
  setup(build) {
    build.onResolve({ filter: /^@sons\/forms$/ }, () => ({ path: 'sons-forms-browser', namespace: 'sons-forms' }));
    build.onLoad({ filter: /.*/, namespace: 'sons-forms' }, () => ({
      contents: [
        `export { SEED_FORMS } from ${JSON.stringify(join(formsDist, 'seeds/seed-forms.js'))};`,
        `export { SUPPORTED_COMPONENT_TYPES } from ${JSON.stringify(join(formsDist, 'component-tree.js'))};`,
      ].join('\n'),
      resolveDir: formsDist,
      loader: 'js',
    }));
  },
};

function copyVendor() {
  for (const [from, to] of copies) {
    const target = join(dist, to);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(from, target, { recursive: true });
  }
  writeFileSync(
    join(dist, 'vendor', 'LICENSES.txt'),
    `Third-party assets served by the SONS platform (copied from node_modules at build time):\n${Object.entries(v)
      .map(([k, version]) => `- ${k} ${version} (${relative(repoRoot, libs[k])})`)
      .join('\n')}\n`,
  );
}

function writeIndex(meta) {
  // Metafile paths are relative to absWorkingDir (webRoot).
  const outputs = Object.keys(meta.outputs).map((p) => relative(dist, join(webRoot, p)).replaceAll('\\', '/'));
  const js = outputs.find((p) => /^assets\/app-[^/]+\.js$/.test(p));
  const css = outputs.find((p) => /^assets\/app-[^/]+\.css$/.test(p));
  if (!js) throw new Error('esbuild produced no app bundle');
  const template = readFileSync(join(webRoot, 'src', 'index.html'), 'utf8');
  const html = template
    .replace(
      '<!--VENDOR_CSS-->',
      [
        `<link rel="stylesheet" href="${vendorBase.bootstrap}/bootstrap.min.css">`,
        // Form.io's CSS after Bootstrap's (STACK.md), Bootstrap Icons after Form.io's (it bundles an older icon font).
        `<link rel="stylesheet" href="${vendorBase.formio}/formio.full.min.css">`,
        `<link rel="stylesheet" href="${vendorBase.bootstrapIcons}/bootstrap-icons.min.css">`,
      ].join('\n    '),
    )
    .replace('<!--APP_CSS-->', css ? `<link rel="stylesheet" href="/${css}">` : '')
    .replace('<!--APP_JS-->', `<script type="module" src="/${js}"></script>`);
  writeFileSync(join(dist, 'index.html'), html);
}

const options = {
  absWorkingDir: webRoot,
  entryPoints: { app: join(webRoot, 'src', 'main.ts') },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  outdir: join(dist, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  minify: !watch,
  sourcemap: true,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { __VENDOR__: JSON.stringify(vendorBase), __BUILD_TIME__: JSON.stringify(new Date().toISOString()) },
  plugins: [
    sonsFormsBrowser,
    {
      name: 'index-html',
      setup(build) {
        build.onEnd((result) => {
          if (result.errors.length === 0 && result.metafile) writeIndex(result.metafile);
        });
      },
    },
  ],
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyVendor();
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('web: watching apps/web/src (Ctrl-C to stop)');
} else {
  await esbuild.build(options);
  console.log(
    `web: built apps/web/dist (${Object.entries(v)
      .map(([k, version]) => `${k} ${version}`)
      .join(', ')})`,
  );
}
