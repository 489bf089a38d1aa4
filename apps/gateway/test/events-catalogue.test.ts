import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import * as contracts from '@sons/contracts';
import { EVENT_CATALOGUE, type EventDefinition } from '@sons/contracts';

// Catalogue hygiene (issue 8, docs/events.md): names, uniqueness, JSON Schema, and "one event per target status"
// for every transition table exported by a service.
const root = resolve(import.meta.dirname, '..', '..', '..');

const TOKEN = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const TYPE_PATTERN = new RegExp(`^lu\\.esante\\.sons\\.(${TOKEN})\\.(${TOKEN})\\.(${TOKEN})\\.v([1-9]\\d*)$`);
// Past participles that do not end in -ed (also as the end of a word: overpaid, prepaid, rewritten).
const IRREGULAR = new Set([
  'paid',
  'sent',
  'withdrawn',
  'made',
  'shown',
  'given',
  'taken',
  'written',
  'built',
  'held',
  'kept',
  'done',
  'begun',
  'set',
  'put',
  'cut',
  'spent',
  'sold',
  'bound',
  'drawn',
  'known',
  'won',
  'lost',
  'read',
  'undone',
  'rewritten',
  'resent',
  'overridden',
  'frozen',
  'chosen',
  'hidden',
  'split',
  'reset',
]);

function nameViolations(events: readonly EventDefinition[]): string[] {
  const problems: string[] = [];
  for (const e of events) {
    const match = TYPE_PATTERN.exec(e.type);
    if (!match) {
      problems.push(
        `${e.type}: type must be lu.esante.sons.<context>.<aggregate>.<past-tense>.v<N> (lowercase, words joined by "-")`,
      );
      continue;
    }
    const [, context, aggregate, action] = match;
    const lastWord = action.split('-').at(-1)!;
    if (!lastWord.endsWith('ed') && ![...IRREGULAR].some((w) => lastWord.endsWith(w)))
      problems.push(`${e.type}: "${action}" must be in the past tense (e.g. submitted, review-started, paid)`);
    if (e.subject !== `sons.${context}.${aggregate}.${action}`)
      problems.push(`${e.type}: subject must be sons.${context}.${aggregate}.${action}, is ${e.subject}`);
  }
  const dup = (key: 'type' | 'subject') => events.map((e) => e[key]).filter((v, i, all) => all.indexOf(v) !== i);
  for (const d of dup('type')) problems.push(`${d}: type registered twice`);
  for (const d of dup('subject')) problems.push(`${d}: subject registered twice`);
  return problems;
}

type Table = {
  file: string;
  name: string;
  transitions: Record<string, readonly string[]>;
  events: Record<string, EventDefinition | undefined> | undefined;
};

function transitionViolations(tables: readonly Table[], catalogue: readonly EventDefinition[]): string[] {
  const problems: string[] = [];
  for (const t of tables) {
    const mapName = `${t.name.replace(/TRANSITIONS$/, '')}EVENT_FOR_STATUS`;
    if (!t.events) {
      problems.push(`${t.file}: ${t.name} has no ${mapName} (export it next to the table or from @sons/contracts)`);
      continue;
    }
    const statuses = new Set(Object.keys(t.transitions));
    const targets = new Set(Object.values(t.transitions).flat());
    for (const target of targets) {
      const event = t.events[target];
      if (!event) problems.push(`${t.file}: ${t.name} moves to "${target}" but ${mapName} names no event for it`);
      else if (!catalogue.some((c) => c.type === event.type))
        problems.push(`${t.file}: ${mapName}.${target} = ${event.type}, which is not in EVENT_CATALOGUE`);
      if (!statuses.has(target)) problems.push(`${t.file}: ${t.name} moves to "${target}", which has no row of its own`);
    }
    for (const key of Object.keys(t.events))
      if (!statuses.has(key)) problems.push(`${t.file}: ${mapName} has "${key}", which is not a status of ${t.name}`);
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!['migrations', 'node_modules', 'dist'].includes(entry)) out.push(...sourceFiles(path));
    } else if (entry.endsWith('.ts') && !entry.endsWith('.spec.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

// Every `export const <NAME>_TRANSITIONS` (or `TRANSITIONS`) in apps/*/src, loaded from its module.
async function discoverTables(): Promise<Table[]> {
  const tables: Table[] = [];
  const apps = readdirSync(join(root, 'apps')).filter((a) =>
    statSync(join(root, 'apps', a, 'src'), { throwIfNoEntry: false })?.isDirectory(),
  );
  for (const app of apps) {
    for (const file of sourceFiles(join(root, 'apps', app, 'src'))) {
      const names = [...readFileSync(file, 'utf8').matchAll(/export const ((?:[A-Z][A-Z0-9]*_)*TRANSITIONS)\b/g)].map(
        (m) => m[1],
      );
      if (!names.length) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      for (const name of names) {
        const mapName = `${name.replace(/TRANSITIONS$/, '')}EVENT_FOR_STATUS`;
        const events = (mod[mapName] ?? (contracts as Record<string, unknown>)[mapName]) as Table['events'];
        tables.push({ file: relative(root, file), name, transitions: mod[name] as Table['transitions'], events });
      }
    }
  }
  return tables;
}

describe('event catalogue', () => {
  it('should name every event lu.esante.sons.<context>.<aggregate>.<past-tense>.v<N> with the matching subject', () => {
    expect(EVENT_CATALOGUE.length).toBeGreaterThan(0);
    expect(nameViolations(EVENT_CATALOGUE)).toEqual([]);
  });

  it('should report a badly named, a present-tense and a duplicated event when the checker is given them', () => {
    const ok = contracts.defineEvent('sons.test.thing.created', 'x', z.object({}));
    const bad = [
      ok,
      ok,
      { ...ok, type: 'lu.esante.sons.Test.thing.created.v1' },
      contracts.defineEvent('sons.test.thing.create', 'x', z.object({})),
      { ...ok, type: 'lu.esante.sons.test.thing.updated.v1' },
    ];
    const problems = nameViolations(bad);
    expect(problems.some((p) => p.includes('registered twice'))).toBe(true);
    expect(problems.some((p) => p.includes('lu.esante.sons.<context>'))).toBe(true);
    expect(problems.some((p) => p.includes('past tense'))).toBe(true);
    expect(problems.some((p) => p.includes('subject must be sons.test.thing.updated'))).toBe(true);
  });

  it('should give every event a data schema that JSON Schema can represent', () => {
    for (const e of EVENT_CATALOGUE) {
      expect(() => z.toJSONSchema(e.data, { unrepresentable: 'throw', io: 'output' })).not.toThrow();
      expect(e.description.length).toBeGreaterThan(10);
    }
  });

  it('should have a catalogue event for every target status of every exported transition table', async () => {
    const tables = await discoverTables();
    // The walker must at least find the enrolment case's table, or it proves nothing.
    expect(tables.map((t) => t.name)).toContain('ENROLMENT_TRANSITIONS');
    expect(transitionViolations(tables, EVENT_CATALOGUE)).toEqual([]);
  });

  it('should report a target status without an event, an event outside the catalogue and a missing map', () => {
    const known = EVENT_CATALOGUE[0];
    const outside = contracts.defineEvent('sons.test.case.closed', 'x', z.object({}));
    const problems = transitionViolations(
      [
        {
          file: 'a.ts',
          name: 'CASE_TRANSITIONS',
          transitions: { open: ['review', 'closed'], review: [], closed: [] },
          events: { open: known, closed: outside },
        },
        { file: 'b.ts', name: 'OTHER_TRANSITIONS', transitions: { a: ['b'], b: [] }, events: undefined },
      ],
      EVENT_CATALOGUE,
    );
    expect(problems).toEqual([
      'a.ts: CASE_TRANSITIONS moves to "review" but CASE_EVENT_FOR_STATUS names no event for it',
      'a.ts: CASE_EVENT_FOR_STATUS.closed = lu.esante.sons.test.case.closed.v1, which is not in EVENT_CATALOGUE',
      'b.ts: OTHER_TRANSITIONS has no OTHER_EVENT_FOR_STATUS (export it next to the table or from @sons/contracts)',
    ]);
  });
});
