import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import { EVENT_CATALOGUE } from '@sons/contracts';
import { buildAsyncApiYaml } from '../src/events/asyncapi.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const committed = () => readFileSync(join(root, 'docs', 'asyncapi.yaml'), 'utf8');
// Spectral's DiagnosticSeverity.Error, typed with the diagnostics' own copy of the enum (@stoplight/types is installed twice).
const ERROR: Diagnostic['severity'] = 0;
const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`);

describe('AsyncAPI document', () => {
  const parser = new Parser();

  it('should be committed exactly as generated from the catalogue (run `npm run asyncapi` when this fails)', () => {
    expect(committed()).toBe(buildAsyncApiYaml());
  });

  it('should parse with @asyncapi/parser without any error and list every subject and message of the catalogue', async () => {
    const { document, diagnostics } = await parser.parse(buildAsyncApiYaml());
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(document).toBeDefined();
    const addresses = document!
      .channels()
      .all()
      .map((c) => c.address());
    expect(addresses.sort()).toEqual(EVENT_CATALOGUE.map((e) => e.subject).sort());
    const names = document!
      .messages()
      .all()
      .map((m) => m.name());
    expect(names.sort()).toEqual(EVENT_CATALOGUE.map((e) => e.type).sort());
    for (const message of document!.messages().all()) {
      const payload = message.payload()!;
      expect(payload.required()).toEqual(
        expect.arrayContaining(['specversion', 'id', 'type', 'subject', 'time', 'data', 'sequence']),
      );
      expect(payload.properties()!.type.const()).toBe(message.name());
      expect(payload.properties()!.data.type()).toBe('object');
    }
    expect(
      document!
        .operations()
        .all()
        .every((o) => o.action() === 'send'),
    ).toBe(true);
  });

  it('should report an error when a channel references a message that does not exist', async () => {
    const valid = buildAsyncApiYaml();
    const broken = valid.replace(/\$ref: "#\/components\/messages\/([A-Za-z]+)"/, '$ref: "#/components/messages/nothingHere"');
    expect(broken).not.toBe(valid);
    const { diagnostics } = await parser.parse(broken);
    expect(errorsOf(diagnostics).length).toBeGreaterThan(0);
  });
});
