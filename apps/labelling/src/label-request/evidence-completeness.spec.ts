import { missingEvidence, type EvidenceLine } from './evidence-completeness.js';

const pass = (requirementId: string, files = 1): EvidenceLine => ({
  requirementId,
  result: 'pass',
  justification: null,
  files: Array.from({ length: files }, (_, i) => ({ i })),
});

describe('missingEvidence', () => {
  it('should report nothing when every RECL requirement has a passed test with a proof file', () => {
    expect(missingEvidence([pass('R1'), pass('R2')], ['R1', 'R2'])).toEqual([]);
  });

  it('should name each RECL requirement without evidence when some are not covered', () => {
    expect(missingEvidence([pass('R1')], ['R1', 'R2', 'R3']).map((m) => m.requirementId)).toEqual(['R2', 'R3']);
  });

  it('should require a proof file for a passed or failed test and a justification for a requirement not applicable', () => {
    const lines: EvidenceLine[] = [
      pass('R1', 0),
      { requirementId: 'R2', result: 'fail', justification: null, files: [] },
      { requirementId: 'R3', result: 'not_applicable', justification: '  ', files: [] },
      { requirementId: 'R4', result: 'not_applicable', justification: 'Pas de dentistes.', files: [] },
    ];
    const missing = missingEvidence(lines, null);
    expect(missing.map((m) => m.requirementId)).toEqual(['R1', 'R2', 'R3']);
    expect(missing[0].reason.fr).toContain('fichier de preuve');
    expect(missing[2].reason.en).toContain('does not apply');
  });

  it('should let later evidence for a requirement supersede earlier evidence', () => {
    expect(missingEvidence([pass('R1', 0), pass('R1', 2)], ['R1'])).toEqual([]);
  });

  it('should report missing evidence when there is none and no RECL is published', () => {
    expect(missingEvidence([], null).map((m) => m.requirementId)).toEqual(['*']);
    expect(missingEvidence([], []).map((m) => m.requirementId)).toEqual(['*']);
  });
});
