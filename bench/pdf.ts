// PDF pipeline benchmark: node_modules/.bin/tsx bench/pdf.ts [renders=40] [warmup=5] [rounds=4]
// On the test-success-attestation sample, compares
//   (a) a raw puppeteer-core loop: one page, setContent(pre-rendered HTML) + pdf, sequential;
//   (b) createPdfRenderer with pages=1, sequential;
//   (c) createPdfRenderer with pages=2 and 2 renders in flight.
// (a) prints with exactly the same page.pdf options as the pipeline (A4, tagged, footer), so the ratios
// measure what the pipeline adds: validation, Handlebars, QR code, pool, pdf-lib post-processing.
import { availableParallelism, loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import {
  buildVerifyUrl,
  CHROMIUM_ARGS,
  createPdfRenderer,
  createTemplateEngine,
  loadSeedTemplates,
  type RenderInput,
} from '../apps/documents/src/render/index.js';

const EXECUTABLE = '/usr/bin/chromium';
const renders = Number(process.argv[2] ?? 40);
const warmup = Number(process.argv[3] ?? 5);
const rounds = Number(process.argv[4] ?? 4);

type Measure = { label: string; wallMs: number; latencies: number[] };

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const summarize = ({ label, wallMs, latencies }: Measure) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mode: label,
    renders: latencies.length,
    'renders/s': Number(((latencies.length * 1000) / wallMs).toFixed(2)),
    'p50 ms': Number(percentile(sorted, 50).toFixed(1)),
    'p95 ms': Number(percentile(sorted, 95).toFixed(1)),
    'wall ms': Math.round(wallMs),
  };
};

// Runs `count` renders with `concurrency` workers pulling from one counter.
const measure = async (
  label: string,
  count: number,
  concurrency: number,
  once: (index: number) => Promise<unknown>,
): Promise<Measure> => {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        const t0 = performance.now();
        await once(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { label, wallMs: performance.now() - started, latencies };
};

const main = async (): Promise<void> => {
  const template = (await loadSeedTemplates()).find((candidate) => candidate.key === 'test-success-attestation');
  if (!template) throw new Error('seed template test-success-attestation not found');
  const inputFor = (index: number): RenderInput => {
    const reference = `BENCH-${String(index).padStart(5, '0')}`;
    return {
      template,
      locale: 'fr',
      data: template.sample,
      reference,
      verifyUrl: buildVerifyUrl('https://sons.esante.lu', reference),
      metadata: { title: template.title.fr, author: 'Agence eSanté', subject: template.key, language: 'fr-LU' },
    };
  };

  const load = (): string =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  console.log(
    `PDF bench — ${renders} renders per mode (${rounds} interleaved rounds) after ${warmup} warm-up renders; ` +
      `${availableParallelism()} CPUs; load average ${load()}`,
  );

  // (a) raw puppeteer-core on the HTML the pipeline produces, printed with the same options.
  const prepared = createTemplateEngine().renderHtml(inputFor(0));
  const browser = await puppeteer.launch({ executablePath: EXECUTABLE, headless: true, pipe: true, args: [...CHROMIUM_ARGS] });
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  const footer =
    `<div style="width:100%;margin:0 16mm;font-family:'DejaVu Sans',sans-serif;font-size:7pt;color:#555;` +
    `display:flex;justify-content:space-between"><span>${prepared.reference}</span>` +
    `<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
  // (d) the same raw loop on two pages of that browser, two renders at a time: the machine's ceiling for 2 pages.
  const rawPages = [page, await browser.newPage()];
  await rawPages[1]!.setJavaScriptEnabled(false);
  const rawIdle = [...rawPages];
  const rawParallelOnce = async (): Promise<void> => {
    const p = rawIdle.pop()!;
    try {
      await rawOnceOn(p);
    } finally {
      rawIdle.push(p);
    }
  };
  const rawOnce = (): Promise<void> => rawOnceOn(page);
  async function rawOnceOn(page: Awaited<ReturnType<typeof browser.newPage>>): Promise<void> {
    await page.setContent(prepared.html, { waitUntil: 'load' });
    await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: false,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
    });
  }
  // (b) and (c): the pipeline, each with its own browser.
  const single = createPdfRenderer({ executablePath: EXECUTABLE, pages: 1, queueLimit: 4, restartAfter: 100_000 });
  const double = createPdfRenderer({ executablePath: EXECUTABLE, pages: 2, queueLimit: 4, restartAfter: 100_000 });
  await Promise.all([single.warmUp(), double.warmUp()]);

  const modes = [
    { label: '(a) raw puppeteer, sequential', concurrency: 1, once: rawOnce },
    { label: '(b) pipeline pages=1, sequential', concurrency: 1, once: (index: number) => single.render(inputFor(index)) },
    { label: '(c) pipeline pages=2, 2 concurrent', concurrency: 2, once: (index: number) => double.render(inputFor(index)) },
    { label: '(d) raw puppeteer, 2 pages concurrent', concurrency: 2, once: rawParallelOnce },
  ];
  for (const mode of modes) await measure('warm-up', warmup, mode.concurrency, mode.once);

  // Interleaved rounds, rotating the order, so that load from other processes on the machine
  // falls on every mode alike.
  const totals = modes.map((mode): Measure => ({ label: mode.label, wallMs: 0, latencies: [] }));
  const perRound = Math.ceil(renders / rounds);
  for (let round = 0; round < rounds; round += 1) {
    for (let step = 0; step < modes.length; step += 1) {
      const index = (round + step) % modes.length;
      const { wallMs, latencies } = await measure(modes[index].label, perRound, modes[index].concurrency, modes[index].once);
      totals[index].wallMs += wallMs;
      totals[index].latencies.push(...latencies);
    }
  }
  await Promise.all([browser.close(), single.close(), double.close()]);

  const rows = totals.map(summarize);
  console.table(rows);
  const throughput = (row: (typeof rows)[number]): number => row['renders/s'];
  const sequentialRatio = throughput(rows[1]) / throughput(rows[0]);
  const parallelRatio = throughput(rows[2]) / throughput(rows[0]);
  console.log(
    `ours-seq / raw-seq     = ${sequentialRatio.toFixed(2)} (target ≥ 0.90) ${sequentialRatio >= 0.9 ? 'OK' : 'MISSED'}`,
  );
  console.log(`ours-2pages / raw-seq  = ${parallelRatio.toFixed(2)} (target ≥ 1.70) ${parallelRatio >= 1.7 ? 'OK' : 'MISSED'}`);
  console.log(
    `ours-2pages / raw-2pages = ${(throughput(rows[2]) / throughput(rows[3])).toFixed(2)} (raw-2pages / raw-seq = ${(throughput(rows[3]) / throughput(rows[0])).toFixed(2)}: what 2 pages can give on this machine)`,
  );
  console.log(`load average at the end: ${load()}`);
};

await main();
