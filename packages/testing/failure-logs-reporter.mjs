import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// When a run has failures, prints what the systems the tests started logged as warnings and errors (their logs stay
// under var/test/<run>_<system>/logs), so a failure on CI — a hang, a timeout — comes with the services' side of it.
// Start-up notices every test system logs (development keys, no SMTP relay, the CNS simulator) are left out.
const NOISE = [/^SMTP_URL is not set/, /SONS_SECRETS_KEY IS NOT SET/, /^CNS registry SIMULATOR/, /^DEMO ACCOUNTS/];
const MAX_LINES = 120;

export default class FailureLogsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    if (results.numFailedTests === 0 && results.numFailedTestSuites === 0 && !results.numRuntimeErrorTestSuites) return;
    const runId = process.env.SONS_TEST_RUN_ID;
    const testDir = join(this.rootDir, 'var', 'test');
    if (!runId || !existsSync(testDir)) return;
    const lines = [];
    for (const system of readdirSync(testDir)
      .filter((d) => d.startsWith(`${runId}_`))
      .sort()) {
      const logDir = join(testDir, system, 'logs');
      if (!existsSync(logDir)) continue;
      for (const file of readdirSync(logDir).sort()) {
        const where = `${system.slice(runId.length + 1)}/${file.replace(/\.log$/, '')}`;
        let lastTime = '';
        for (const raw of readFileSync(join(logDir, file), 'utf8').split('\n')) {
          const entry = parse(raw);
          // Not a log entry: what the process wrote itself, such as the stack trace of a crash at start-up.
          if (!entry) {
            if (raw.trim()) lines.push({ time: lastTime, text: `${where} STDERR ${raw.trim()}` });
            continue;
          }
          if (typeof entry.time === 'number') lastTime = new Date(entry.time).toISOString();
          if (entry.level < 40 || NOISE.some((n) => n.test(String(entry.msg ?? '')))) continue;
          const error = entry.err ? ` — ${entry.err.type ?? ''} ${entry.err.message ?? ''}`.trimEnd() : '';
          lines.push({
            time: typeof entry.time === 'number' ? new Date(entry.time).toISOString() : String(entry.time ?? ''),
            text: `${where} ${entry.level >= 50 ? 'ERROR' : 'WARN'} ${entry.msg ?? ''}${error}`,
          });
        }
      }
    }
    if (!lines.length) return;
    lines.sort((a, b) => a.time.localeCompare(b.time));
    // The same message from the same service once, with how often and when it was last seen.
    const repeated = new Map();
    for (const line of lines) {
      const seen = repeated.get(line.text);
      if (seen) {
        seen.count += 1;
        seen.time = line.time;
      } else repeated.set(line.text, { ...line, count: 1 });
    }
    const shown = [...repeated.values()]
      .sort((a, b) => a.time.localeCompare(b.time))
      .slice(-MAX_LINES)
      .map((line) => ({ ...line, text: line.count > 1 ? `${line.text} (×${line.count}, last)` : line.text }));
    process.stderr.write(
      `\n[service logs] warnings and errors the test systems logged in this failed run (${lines.length}; ${shown.length} distinct shown, oldest first):\n`,
    );
    for (const line of shown) process.stderr.write(`  ${line.time} ${line.text.slice(0, 400)}\n`);
  }
}

function parse(raw) {
  if (!raw.startsWith('{')) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
