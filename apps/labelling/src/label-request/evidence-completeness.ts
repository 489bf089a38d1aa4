import type { EvidenceResult, Localized } from '@sons/contracts';

export type EvidenceLine = {
  requirementId: string;
  result: EvidenceResult;
  justification?: string | null;
  files: readonly unknown[];
};
export type Missing = { requirementId: string; reason: Localized };

// The evidence of an iteration is complete (and the request enters the FIFO queue) when every requirement of the
// current RECL has evidence, each passed or failed test has at least one proof file and each requirement declared
// not applicable says why. Later lines for the same requirement supersede earlier ones.
export function missingEvidence(lines: readonly EvidenceLine[], reclRequirementIds: readonly string[] | null): Missing[] {
  const latest = new Map<string, EvidenceLine>();
  for (const line of lines) latest.set(line.requirementId, line);
  const missing: Missing[] = [];
  if (latest.size === 0 && !reclRequirementIds?.length) {
    missing.push({
      requirementId: '*',
      reason: {
        fr: 'Aucune preuve de test : ajoutez au moins une exigence avec son résultat et ses fichiers de preuve.',
        en: 'No test evidence: add at least one requirement with its result and proof files.',
      },
    });
  }
  for (const id of reclRequirementIds ?? []) {
    if (!latest.has(id)) {
      missing.push({
        requirementId: id,
        reason: { fr: `Exigence ${id} du RECL : aucune preuve fournie.`, en: `RECL requirement ${id}: no evidence given.` },
      });
    }
  }
  for (const line of latest.values()) {
    if (line.result === 'not_applicable') {
      if (!line.justification?.trim()) {
        missing.push({
          requirementId: line.requirementId,
          reason: {
            fr: `Exigence ${line.requirementId} : expliquez pourquoi elle ne s’applique pas.`,
            en: `Requirement ${line.requirementId}: explain why it does not apply.`,
          },
        });
      }
    } else if (line.files.length === 0) {
      missing.push({
        requirementId: line.requirementId,
        reason: {
          fr: `Exigence ${line.requirementId} : joignez au moins un fichier de preuve.`,
          en: `Requirement ${line.requirementId}: attach at least one proof file.`,
        },
      });
    }
  }
  return missing;
}
