// Form 1 validation throughput: our validateSubmission (strict types, named validators, FR/EN
// messages) against a bare @formio/core processSync on the same schema and the same data.
// Run: node_modules/.bin/tsx bench/validate.ts  (N=5000 per measurement, after a warm-up)
import { processSync, Processors, type Component } from '@formio/core';
import { SEED_FORMS, SEED_SAMPLES, validateSubmission } from '../packages/forms/src/index.ts';

const N = Number(process.env.BENCH_N ?? 5000);
const WARMUP = 1000;

const definition = SEED_FORMS.form1;
const sample = SEED_SAMPLES.form1Legal;
// Raw processSync gets its own copy of the schema (Form.io writes per-run state onto components).
const rawForm = structuredClone(definition.schema);
const rawComponents = rawForm.components as unknown as Component[];

// processSync mutates the data it is given, so a server hands it a freshly parsed body each time.
// Those copies are made before the timer starts: the raw side is not charged for them. Ours
// never mutates its input and takes the same sample object every time.
function freshInputs(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, () => structuredClone(sample));
}

function raw(data: Record<string, unknown>): number {
  const scope: { errors?: unknown[] } = {};
  processSync({
    form: rawForm,
    submission: { data },
    data,
    components: rawComponents,
    processors: Processors,
    scope,
    config: { server: true },
  } as Parameters<typeof processSync>[0]);
  return scope.errors?.length ?? 0;
}

function ours(): boolean {
  return validateSubmission(definition, sample, { locale: 'fr' }).ok;
}

// Both must accept the sample, or we would be timing error paths.
if (raw(structuredClone(sample)) !== 0) throw new Error('raw processSync rejected the sample');
const check = validateSubmission(definition, sample, { locale: 'fr' });
if (!check.ok) throw new Error(`validateSubmission rejected the sample: ${JSON.stringify(check.errors)}`);

// The machines are shared and their load drifts, so the two sides run in alternating batches
// and each side's time is summed: drift hits both alike instead of whichever ran second.
const BATCH = 50;

function timeRawBatch(inputs: Record<string, unknown>[]): number {
  const start = performance.now();
  let errors = 0;
  for (const input of inputs) errors += raw(input);
  const elapsed = performance.now() - start;
  if (errors !== 0) throw new Error('raw errors during the run');
  return elapsed;
}

function timeOursBatch(count: number): number {
  const start = performance.now();
  let failures = 0;
  for (let i = 0; i < count; i++) if (!ours()) failures++;
  const elapsed = performance.now() - start;
  if (failures !== 0) throw new Error('validateSubmission failures during the run');
  return elapsed;
}

function measure(total: number): { rawOps: number; ourOps: number } {
  let rawMs = 0;
  let ourMs = 0;
  for (let done = 0; done < total; done += BATCH) {
    const count = Math.min(BATCH, total - done);
    const inputs = freshInputs(count);
    // Alternate which side goes first so neither always runs on a cache the other warmed.
    if ((done / BATCH) % 2 === 0) {
      rawMs += timeRawBatch(inputs);
      ourMs += timeOursBatch(count);
    } else {
      ourMs += timeOursBatch(count);
      rawMs += timeRawBatch(inputs);
    }
  }
  return { rawOps: (total / rawMs) * 1000, ourOps: (total / ourMs) * 1000 };
}

measure(WARMUP);
const { rawOps, ourOps } = measure(N);

const fmt = (value: number): string => value.toFixed(0).padStart(7);
console.log(
  `Form 1 (legal person, complete), N=${N} validations each, batches of ${BATCH} alternating — node ${process.version}`,
);
console.log(`raw processSync      ${fmt(rawOps)} ops/s  (${(1000 / rawOps).toFixed(3)} ms/op)`);
console.log(`validateSubmission   ${fmt(ourOps)} ops/s  (${(1000 / ourOps).toFixed(3)} ms/op)`);
console.log(`ratio ours/raw       ${(ourOps / rawOps).toFixed(3)}× (target ≥ 0.9×)`);
